package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.AssessmentAnswerCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.AssessmentAnswerColumns;
import dev.fhirgateway.sample.adapter.schema.AssessmentAnswerLinkColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.ObservationRecordColumns;
import dev.fhirgateway.sample.adapter.schema.ObservationTableColumns;
import dev.fhirgateway.sample.adapter.schema.SocialHistoryCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.SocialHistoryEntryColumns;
import dev.fhirgateway.sample.adapter.schema.TestResultCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.TestResultColumns;
import dev.fhirgateway.sample.adapter.schema.VitalSignCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.VitalSignColumns;
import dev.fhirgateway.sample.adapter.schema.VitalSignComponentColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * An Observation into the table {@link ObservationRouting} picks: the vitals flowsheet ({@code vital_sign} with
 * its components), test results, the social history, or assessment answers (with categories and links).
 */
final class ObservationImporter implements ResourceImporter {

    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final String INDUSTRY = "86188-0";

    @Override
    public String resourceType() {
        return "Observation";
    }

    /** A view over the four observation tables: their public ids are unique together within a practice. */
    @Override
    public String table() {
        return ObservationRecordColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("status", "category", "code", "subject", "encounter", "effective", "issued", "performer",
                "value", "dataAbsentReason", "note", "component", "hasMember", "derivedFrom", "specimen",
                "interpretation", "referenceRange");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Observation o = (Observation) resource;
        ObservationRouting.Route route = ObservationRouting.route(o);
        if (route.destination() == ObservationRouting.Destination.NOT_KEPT) {
            context.notKept("observations filed under '" + route.kind()
                    + "' (not a US Core 6.1.0 category) are not kept");
            return;
        }
        Map<String, Object> row = context.row(o);
        ObservationColumns.putCommon(row, o, context);
        switch (route.destination()) {
            case VITAL_SIGN -> importVitalSign(context, o, row, route.kind());
            case TEST_RESULT -> importTestResult(context, o, row, route.kind());
            case SOCIAL_HISTORY -> importSocialHistory(context, o, row, route.kind());
            case ASSESSMENT -> importAssessment(context, o, row);
            case NOT_KEPT -> throw new IllegalStateException("handled above");
        }
    }

    private static void importVitalSign(ImportContext context, Observation o, Map<String, Object> row,
            String vitalType) {
        row.put(VitalSignColumns.VITAL_TYPE, vitalType);
        if (o.getEffective() instanceof Period period && period.hasStart()) {
            // The flowsheet charts when a measurement was taken (served and searched as that time: HAPI's validator
            // fails vitalsigns' vs-1 on any Period); the end of a period is kept beside it.
            ObservationColumns.putEffective(row, period.getStartElement(), context);
            row.put(ObservationTableColumns.EFFECTIVE_END_TEXT, period.hasEnd()
                    ? period.getEndElement().getValueAsString() : null);
        } else if (o.getEffective() instanceof Period period && period.hasEnd()) {
            ObservationColumns.putEffective(row, period.getEndElement(), context);
            context.notMapped("effective", "a period without a start is charted at its end");
        }
        putCode(row, o.getCode());
        Coding alt = o.getCode().getCoding().size() > 1 ? o.getCode().getCoding().get(1) : null;
        row.put(VitalSignColumns.ALT_CODE + ColumnGroups.SYSTEM, alt == null ? null : alt.getSystem());
        row.put(VitalSignColumns.ALT_CODE + ColumnGroups.CODE, alt == null ? null : alt.getCode());
        row.put(VitalSignColumns.ALT_CODE + ColumnGroups.DISPLAY, alt == null ? null : alt.getDisplay());
        if (o.getCode().getCoding().size() > 2) {
            // The flowsheet row's two codes in its columns, any further ones in additional_code.
            context.additionalCodes(row, ObservationTableColumns.CODE,
            o.getCode().getCoding().subList(2, o.getCode().getCoding().size()),
                    "code.coding");
        }
        notKept(context, o, false, true, true, true, true);
        long id = context.insert(VitalSignColumns.TABLE, row);
        putCategories(context, o, VitalSignCategoryColumns.TABLE, VitalSignCategoryColumns.VITAL_SIGN_ID, id);
        for (Observation.ObservationComponentComponent component : o.getComponent()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(VitalSignComponentColumns.VITAL_SIGN_ID, id);
            Codes.put(c, ObservationTableColumns.CODE, component.getCode(), context, "component.code");
            ObservationColumns.putValue(c, component.getValue(), context, "component.value");
            ObservationColumns.putDataAbsentReason(c, component.getDataAbsentReason());
            context.insert(VitalSignComponentColumns.TABLE, c);
        }
    }

    private static void importTestResult(ImportContext context, Observation o, Map<String, Object> row,
            String category) {
        row.put(TestResultColumns.RESULT_CATEGORY, category);
        Codes.put(row, ObservationTableColumns.CODE, o.getCode(), context, "code");
        CodeableConcept interpretation = o.hasInterpretation() ? o.getInterpretationFirstRep() : null;
        Coding flag = interpretation == null ? null : interpretation.getCoding().stream()
                .filter(c -> INTERPRETATION.equals(c.getSystem())).findFirst().orElse(null);
        row.put(TestResultColumns.INTERPRETATION_CODE, flag == null ? null : flag.getCode());
        row.put(TestResultColumns.INTERPRETATION_DISPLAY, flag == null ? null : flag.getDisplay());
        if (interpretation != null && flag == null || o.getInterpretation().size() > 1) {
            context.notMapped("interpretation", "the EHR keeps one HL7 interpretation flag");
        }
        Observation.ObservationReferenceRangeComponent range = o.hasReferenceRange() ? o.getReferenceRangeFirstRep()
                : null;
        Quantity low = range != null && range.hasLow() ? range.getLow() : null;
        Quantity high = range != null && range.hasHigh() ? range.getHigh() : null;
        Quantity unit = low != null ? low : high;
        row.put(TestResultColumns.RANGE_LOW, low == null ? null : low.getValue());
        row.put(TestResultColumns.RANGE_LOW_DECIMALS, low == null ? null : ObservationColumns.decimals(low.getValue()));
        row.put(TestResultColumns.RANGE_HIGH, high == null ? null : high.getValue());
        row.put(TestResultColumns.RANGE_HIGH_DECIMALS, high == null ? null
                : ObservationColumns.decimals(high.getValue()));
        row.put(TestResultColumns.RANGE_UNIT, unit == null ? null : unit.getUnit());
        row.put(TestResultColumns.RANGE_UNIT_SYSTEM, unit == null ? null : unit.getSystem());
        row.put(TestResultColumns.RANGE_UNIT_CODE, unit == null ? null : unit.getCode());
        row.put(TestResultColumns.RANGE_TEXT, range == null ? null : range.getText());
        if (range != null && (range.hasType() || range.hasAppliesTo() || range.hasAge())
                || o.getReferenceRange().size() > 1) {
            context.notMapped("referenceRange", "the EHR keeps one normal range (low, high, text)");
        }
        String specimen = context.target(o.getSpecimen());
        if (specimen != null && (specimen.indexOf('/') <= 0 || !context.holdsOrReport(specimen, "specimen"))) {
            specimen = null;
        }
        row.put(TestResultColumns.SPECIMEN_REF_TYPE, specimen == null ? null
                : specimen.substring(0, specimen.indexOf('/')));
        row.put(TestResultColumns.SPECIMEN_REF_ID, specimen == null ? null
                : specimen.substring(specimen.indexOf('/') + 1));
        notKept(context, o, true, false, true, true, false);
        long id = context.insert(TestResultColumns.TABLE, row);
        putCategories(context, o, TestResultCategoryColumns.TABLE, TestResultCategoryColumns.TEST_RESULT_ID, id);
    }

    private static void importSocialHistory(ImportContext context, Observation o, Map<String, Object> row,
            String entryType) {
        row.put(SocialHistoryEntryColumns.ENTRY_TYPE, entryType);
        Codes.put(row, ObservationTableColumns.CODE, o.getCode(), context, "code");
        CodeableConcept industry = o.getComponent().stream()
                .filter(c -> c.getCode().getCoding().stream().anyMatch(k -> INDUSTRY.equals(k.getCode())))
                .map(c -> c.getValue() instanceof CodeableConcept v ? v : null)
                .filter(v -> v != null).findFirst().orElse(null);
        Codes.put(row, SocialHistoryEntryColumns.INDUSTRY, industry, context, "component.value");
        if (o.getComponent().size() > (industry == null ? 0 : 1)) {
            context.notMapped("component", "the social history keeps the industry of an occupation only");
        }
        notKept(context, o, false, true, true, true, true);
        long id = context.insert(SocialHistoryEntryColumns.TABLE, row);
        putCategories(context, o, SocialHistoryCategoryColumns.TABLE,
                SocialHistoryCategoryColumns.SOCIAL_HISTORY_ENTRY_ID, id);
    }

    private static void importAssessment(ImportContext context, Observation o, Map<String, Object> row) {
        Codes.put(row, ObservationTableColumns.CODE, o.getCode(), context, "code");
        notKept(context, o, true, false, false, false, true);
        long id = context.insert(AssessmentAnswerColumns.TABLE, row);
        putCategories(context, o, AssessmentAnswerCategoryColumns.TABLE,
                AssessmentAnswerCategoryColumns.ASSESSMENT_ANSWER_ID, id);
        for (Reference member : o.getHasMember()) {
            link(context, id, "has-member", member, "hasMember");
        }
        for (Reference source : o.getDerivedFrom()) {
            link(context, id, "derived-from", source, "derivedFrom");
        }
    }

    private static void link(ImportContext context, long answerId, String type, Reference reference, String element) {
        String target = context.target(reference);
        if (target == null || !target.contains("/")) {
            context.notMapped(element, "only references to resources are kept");
            return;
        }
        Map<String, Object> link = new LinkedHashMap<>();
        link.put(AssessmentAnswerLinkColumns.ASSESSMENT_ANSWER_ID, answerId);
        link.put(AssessmentAnswerLinkColumns.LINK_TYPE, type);
        link.put(AssessmentAnswerLinkColumns.TARGET_REF_TYPE, target.substring(0, target.indexOf('/')));
        link.put(AssessmentAnswerLinkColumns.TARGET_REF_ID, target.substring(target.indexOf('/') + 1));
        context.insert(AssessmentAnswerLinkColumns.TABLE, link);
    }

    private static void putCode(Map<String, Object> row, CodeableConcept code) {
        Coding first = code.getCoding().isEmpty() ? null : code.getCodingFirstRep();
        row.put(ObservationTableColumns.CODE + ColumnGroups.SYSTEM, first == null ? null : first.getSystem());
        row.put(ObservationTableColumns.CODE + ColumnGroups.CODE, first == null ? null : first.getCode());
        row.put(ObservationTableColumns.CODE + ColumnGroups.DISPLAY, first == null ? null : first.getDisplay());
        row.put(ObservationTableColumns.CODE + ColumnGroups.TEXT, code.getText());
    }

    /** Reports the elements a table has no place for. */
    private static void notKept(ImportContext context, Observation o, boolean component, boolean specimen,
            boolean hasMember, boolean derivedFrom, boolean resultDetails) {
        if (component && o.hasComponent()) {
            context.notMapped("component", "this part of the record keeps no components");
        }
        if (specimen && o.hasSpecimen()) {
            context.notMapped("specimen", "only test results keep a specimen");
        }
        if (hasMember && o.hasHasMember()) {
            context.notMapped("hasMember", "only assessment answers keep panel members");
        }
        if (derivedFrom && o.hasDerivedFrom()) {
            context.notMapped("derivedFrom", "only assessment answers keep what they were derived from");
        }
        if (resultDetails && (o.hasInterpretation() || o.hasReferenceRange())) {
            context.notMapped("interpretation", "only test results keep interpretation and reference range");
        }
    }

    /**
     * Every category as recorded, in order, into the table's category rows (every coding, further ones in
     * {@code additional_code}, and the text). A category whose first coding has no code is not kept.
     */
    private static void putCategories(ImportContext context, Observation o, String table, String parentColumn,
            long parentId) {
        for (CodeableConcept category : o.getCategory()) {
            if (category.getCoding().isEmpty() || !category.getCodingFirstRep().hasCode()
                    || !category.getCodingFirstRep().hasSystem()) {
                context.notMapped("category", "a category without a coded value is not kept");
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(parentColumn, parentId);
            Codes.put(c, ObservationTableColumns.CATEGORY, category, context, "category");
            context.insert(table, c);
        }
    }
}
