package dev.fhirgateway.sample.fhirimport;

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
        return "observation_record";
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
        row.put("vital_type", vitalType);
        if (o.getEffective() instanceof Period period && period.hasStart()) {
            // The flowsheet charts when a measurement was taken, not a period.
            ObservationColumns.putEffective(row, period.getStartElement(), context);
            if (period.hasEnd()) {
                context.notMapped("effective", "the flowsheet charts the start of a period; its end is not kept");
            }
        }
        putCode(row, o.getCode());
        Coding alt = o.getCode().getCoding().size() > 1 ? o.getCode().getCoding().get(1) : null;
        row.put("alt_code_system", alt == null ? null : alt.getSystem());
        row.put("alt_code_code", alt == null ? null : alt.getCode());
        row.put("alt_code_display", alt == null ? null : alt.getDisplay());
        if (o.getCode().getCoding().size() > 2) {
            context.notMapped("code.coding", "the flowsheet keeps two codes");
        }
        notMappedUnlessOnly(context, o, ObservationRouting.CATEGORY, "vital-signs");
        notKept(context, o, false, true, true, true, true);
        long id = context.insert("vital_sign", row);
        for (Observation.ObservationComponentComponent component : o.getComponent()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("vital_sign_id", id);
            Codes.put(c, "code", component.getCode(), context, "component.code");
            ObservationColumns.putValue(c, component.getValue(), context, "component.value");
            ObservationColumns.putDataAbsentReason(c, component.getDataAbsentReason());
            context.insert("vital_sign_component", c);
        }
    }

    private static void importTestResult(ImportContext context, Observation o, Map<String, Object> row,
            String category) {
        row.put("result_category", category);
        Codes.put(row, "code", o.getCode(), context, "code");
        CodeableConcept interpretation = o.hasInterpretation() ? o.getInterpretationFirstRep() : null;
        Coding flag = interpretation == null ? null : interpretation.getCoding().stream()
                .filter(c -> INTERPRETATION.equals(c.getSystem())).findFirst().orElse(null);
        row.put("interpretation_code", flag == null ? null : flag.getCode());
        row.put("interpretation_display", flag == null ? null : flag.getDisplay());
        if (interpretation != null && flag == null || o.getInterpretation().size() > 1) {
            context.notMapped("interpretation", "the EHR keeps one HL7 interpretation flag");
        }
        Observation.ObservationReferenceRangeComponent range = o.hasReferenceRange() ? o.getReferenceRangeFirstRep()
                : null;
        Quantity low = range != null && range.hasLow() ? range.getLow() : null;
        Quantity high = range != null && range.hasHigh() ? range.getHigh() : null;
        Quantity unit = low != null ? low : high;
        row.put("range_low", low == null ? null : low.getValue());
        row.put("range_low_decimals", low == null ? null : ObservationColumns.decimals(low.getValue()));
        row.put("range_high", high == null ? null : high.getValue());
        row.put("range_high_decimals", high == null ? null : ObservationColumns.decimals(high.getValue()));
        row.put("range_unit", unit == null ? null : unit.getUnit());
        row.put("range_unit_system", unit == null ? null : unit.getSystem());
        row.put("range_unit_code", unit == null ? null : unit.getCode());
        row.put("range_text", range == null ? null : range.getText());
        if (range != null && (range.hasType() || range.hasAppliesTo() || range.hasAge())
                || o.getReferenceRange().size() > 1) {
            context.notMapped("referenceRange", "the EHR keeps one normal range (low, high, text)");
        }
        String specimen = context.target(o.getSpecimen());
        if (specimen != null && (specimen.indexOf('/') <= 0 || !context.holdsOrReport(specimen, "specimen"))) {
            specimen = null;
        }
        row.put("specimen_ref_type", specimen == null ? null : specimen.substring(0, specimen.indexOf('/')));
        row.put("specimen_ref_id", specimen == null ? null : specimen.substring(specimen.indexOf('/') + 1));
        String system = "procedure".equals(category) && !hasCategory(o, ObservationRouting.CATEGORY, category)
                ? ObservationRouting.US_CORE_5_CATEGORY : ObservationRouting.CATEGORY;
        notMappedUnlessOnly(context, o, system, "procedure".equals(category)
                && system.equals(ObservationRouting.US_CORE_5_CATEGORY) ? "clinical-test" : category);
        notKept(context, o, true, false, true, true, false);
        context.insert("test_result", row);
    }

    private static void importSocialHistory(ImportContext context, Observation o, Map<String, Object> row,
            String entryType) {
        row.put("entry_type", entryType);
        Codes.put(row, "code", o.getCode(), context, "code");
        CodeableConcept industry = o.getComponent().stream()
                .filter(c -> c.getCode().getCoding().stream().anyMatch(k -> INDUSTRY.equals(k.getCode())))
                .map(c -> c.getValue() instanceof CodeableConcept v ? v : null)
                .filter(v -> v != null).findFirst().orElse(null);
        Codes.put(row, "industry", industry, context, "component.value");
        if (o.getComponent().size() > (industry == null ? 0 : 1)) {
            context.notMapped("component", "the social history keeps the industry of an occupation only");
        }
        notMappedUnlessOnly(context, o, ObservationRouting.CATEGORY, "social-history");
        notKept(context, o, false, true, true, true, true);
        context.insert("social_history_entry", row);
    }

    private static void importAssessment(ImportContext context, Observation o, Map<String, Object> row) {
        Codes.put(row, "code", o.getCode(), context, "code");
        notKept(context, o, true, false, false, false, true);
        long id = context.insert("assessment_answer", row);
        for (CodeableConcept category : o.getCategory()) {
            // A category may carry the same code twice (US Core tags and categories); the EHR keeps the category.
            Coding coding = category.getCoding().stream()
                    .filter(c -> ObservationRouting.CATEGORY.equals(c.getSystem())
                            || ObservationRouting.US_CORE_CATEGORY.equals(c.getSystem()))
                    .findFirst().orElse(category.getCoding().isEmpty() ? null : category.getCodingFirstRep());
            if (coding == null) {
                context.notMapped("category", "a category without coding is not kept");
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("assessment_answer_id", id);
            c.put("category_system", coding.getSystem());
            c.put("category_code", coding.getCode());
            c.put("category_display", coding.getDisplay());
            context.insert("assessment_answer_category", c);
        }
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
        link.put("assessment_answer_id", answerId);
        link.put("link_type", type);
        link.put("target_ref_type", target.substring(0, target.indexOf('/')));
        link.put("target_ref_id", target.substring(target.indexOf('/') + 1));
        context.insert("assessment_answer_link", link);
    }

    private static void putCode(Map<String, Object> row, CodeableConcept code) {
        Coding first = code.getCoding().isEmpty() ? null : code.getCodingFirstRep();
        row.put("code_system", first == null ? null : first.getSystem());
        row.put("code_code", first == null ? null : first.getCode());
        row.put("code_display", first == null ? null : first.getDisplay());
        row.put("code_text", code.getText());
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

    /** Reports categories besides the one the table implies (it serves that one only). */
    private static void notMappedUnlessOnly(ImportContext context, Observation o, String system, String code) {
        boolean others = o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> !(system.equals(c.getSystem()) && code.equals(c.getCode())));
        if (others) {
            context.notMapped("category", "this part of the record is filed under " + code + " only");
        }
    }

    private static boolean hasCategory(Observation o, String system, String code) {
        return o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
