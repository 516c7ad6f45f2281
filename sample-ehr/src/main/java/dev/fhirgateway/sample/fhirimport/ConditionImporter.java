package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.DiagnosisCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosisColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;

/**
 * A Condition into the problem list or the encounter diagnoses ({@code diagnosis}, {@code diagnosis_category}).
 * A condition categorized as a problem-list item or health concern goes on the problem list; any other is an
 * encounter diagnosis, and one without a usable category is filed as such with that category added.
 */
final class ConditionImporter implements ResourceImporter {

    static final String HL7_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
    static final String ASSERTED_DATE = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";

    @Override
    public String resourceType() {
        return "Condition";
    }

    @Override
    public String table() {
        return DiagnosisColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("extension", "clinicalStatus", "verificationStatus", "category", "code", "subject",
                "encounter", "onset", "abatement", "recordedDate", "recorder");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Condition c = (Condition) resource;
        List<CodeableConcept> categories = categories(context, c);
        List<Coding> codings = categories.stream().flatMap(k -> k.getCoding().stream()).toList();
        boolean problemList = isProblemListEntry(codings);
        if (!problemList && codings.stream().noneMatch(k -> isCategory(k, HL7_CATEGORY, "encounter-diagnosis"))) {
            context.notMapped("category", "no problem-list or encounter-diagnosis category: filed as an encounter"
                    + " diagnosis");
            categories.add(0, new CodeableConcept(
                    new Coding(HL7_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")));
        }
        Map<String, Object> row = context.row(c);
        row.put(DiagnosisColumns.PATIENT_ID, RequiredPatient.internalId(context, c.getSubject(), "subject", c));
        row.put(DiagnosisColumns.LIST_KIND,
                problemList ? DiagnosisColumns.LIST_KIND_PROBLEM_LIST : DiagnosisColumns.LIST_KIND_ENCOUNTER);
        Codes.putStatus(row, DiagnosisColumns.CLINICAL_STATUS, c.getClinicalStatus());
        Codes.putStatus(row, DiagnosisColumns.VERIFICATION_STATUS, c.getVerificationStatus());
        Codes.put(row, DiagnosisColumns.CODE, c.getCode(), context, "code");
        ClinicalTime.put(row, DiagnosisColumns.ONSET, dateTime(context, c.hasOnsetDateTimeType(), c.hasOnset(), "onset",
                c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType().getValueAsString() : null));
        ClinicalTime.put(row, DiagnosisColumns.ABATEMENT, dateTime(context, c.hasAbatementDateTimeType(),
                c.hasAbatement(), "abatement",
                c.hasAbatementDateTimeType() ? c.getAbatementDateTimeType().getValueAsString() : null));
        ClinicalTime.put(row, DiagnosisColumns.ASSERTED, assertedDate(context, c));
        ClinicalTime.put(row, DiagnosisColumns.RECORDED,
                c.hasRecordedDate() ? c.getRecordedDateElement().getValueAsString() : null);
        row.put(DiagnosisColumns.RECORDED_BY_ID, context.internalId(c.getRecorder(), "recorder", "Practitioner"));
        row.put(DiagnosisColumns.ENCOUNTER_ID, context.internalId(c.getEncounter(), "encounter", "Encounter"));
        long diagnosisId = context.insert(DiagnosisColumns.TABLE, row);
        for (CodeableConcept category : categories) {
            // Every coding (further ones in additional_code) and the text, as recorded.
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(DiagnosisCategoryColumns.DIAGNOSIS_ID, diagnosisId);
            Codes.put(r, DiagnosisCategoryColumns.CATEGORY, category, context, "category");
            context.insert(DiagnosisCategoryColumns.TABLE, r);
        }
    }

    /** Whether the categories put a condition on the problem list (rather than an encounter's diagnoses). */
    static boolean isProblemListEntry(List<Coding> categories) {
        return categories.stream().anyMatch(k -> isCategory(k, HL7_CATEGORY, "problem-list-item")
                || isCategory(k, US_CORE_CATEGORY, "health-concern"));
    }

    /** The categories as recorded; one whose first coding has no code is not kept (reported). */
    private static List<CodeableConcept> categories(ImportContext context, Condition c) {
        List<CodeableConcept> categories = new ArrayList<>();
        for (CodeableConcept category : c.getCategory()) {
            if (category.getCoding().isEmpty() || !category.getCodingFirstRep().hasCode()) {
                context.notMapped("category", "a category without a code is not kept");
            } else {
                categories.add(category);
            }
        }
        return categories;
    }

    private static boolean isCategory(Coding coding, String system, String code) {
        return system.equals(coding.getSystem()) && code.equals(coding.getCode());
    }

    private static String dateTime(ImportContext context, boolean isDateTime, boolean present, String element,
            String value) {
        if (present && !isDateTime) {
            context.notMapped(element, "only a date and time is kept");
        }
        return value;
    }

    private static String assertedDate(ImportContext context, Condition c) {
        String asserted = null;
        for (Extension extension : c.getExtension()) {
            if (ASSERTED_DATE.equals(extension.getUrl()) && extension.getValue() != null) {
                asserted = extension.getValue().primitiveValue();
            } else {
                context.notMapped("extension", extension.getUrl() + " is not kept");
            }
        }
        return asserted;
    }
}
