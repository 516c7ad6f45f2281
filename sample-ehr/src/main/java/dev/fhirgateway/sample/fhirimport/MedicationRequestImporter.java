package dev.fhirgateway.sample.fhirimport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * A MedicationRequest into the medication orders ({@code medication_order}, {@code medication_order_reason}).
 * The drug is a catalog entry when the request refers to a Medication, else coded on the order.
 */
final class MedicationRequestImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "MedicationRequest";
    }

    @Override
    public String table() {
        return "medication_order";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "status", "intent", "category", "reported", "medication", "subject",
                "encounter", "authoredOn", "requester", "reasonCode", "reasonReference", "dosageInstruction",
                "dispenseRequest");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        MedicationRequest m = (MedicationRequest) resource;
        Long patient = context.internalId(m.getSubject(), "subject", "Patient");
        if (patient == null || !m.hasStatus() || !m.hasIntent()) {
            throw new ImportException("MedicationRequest/" + m.getIdElement().getIdPart()
                    + " lacks a status, an intent or a patient the EHR holds");
        }
        Map<String, Object> row = context.row(m);
        row.put("patient_id", patient);
        row.put("encounter_id", context.internalId(m.getEncounter(), "encounter", "Encounter"));
        if (m.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put("identifier_system", m.hasIdentifier() ? m.getIdentifierFirstRep().getSystem() : null);
        row.put("identifier_value", m.hasIdentifier() ? m.getIdentifierFirstRep().getValue() : null);
        row.put("status", m.getStatus().toCode());
        row.put("intent", m.getIntent().toCode());
        if (m.getCategory().size() > 1) {
            context.notMapped("category", "only the first category is kept");
        }
        row.put("category_code", m.hasCategory() ? Codes.code(m.getCategoryFirstRep()) : null);
        row.put("category_text", m.hasCategory() ? m.getCategoryFirstRep().getText() : null);
        putReported(context, row, m);
        putMedication(context, row, m.getMedication(), m.getContained());
        ClinicalTime.put(row, "authored_on", m.hasAuthoredOn() ? m.getAuthoredOnElement().getValueAsString() : null);
        String requester = context.target(m.getRequester());
        row.put("requester_practitioner_id", requester != null && requester.startsWith("Patient/") ? null
                : context.internalId(m.getRequester(), "requester", "Practitioner"));
        row.put("requester_patient_id", requester != null && requester.startsWith("Patient/")
                ? context.internalId(m.getRequester(), "requester", "Patient") : null);
        DosageColumns.put(row, m.getDosageInstruction(), context);
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = m.getDispenseRequest();
        row.put("refills_allowed", dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : null);
        DosageColumns.putQuantity(row, "dispense_quantity", dispense.hasQuantity() ? dispense.getQuantity() : null);
        long id = context.insert("medication_order", row);
        for (CodeableConcept reason : m.getReasonCode()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("medication_order_id", id);
            Codes.put(r, "reason", reason, context, "reasonCode");
            context.insert("medication_order_reason", r);
        }
        for (Reference reason : m.getReasonReference()) {
            String target = context.target(reason);
            if (target == null || !target.contains("/")) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("medication_order_id", id);
            r.put("finding_ref_type", target.substring(0, target.indexOf('/')));
            r.put("finding_ref_id", target.substring(target.indexOf('/') + 1));
            context.insert("medication_order_reason", r);
        }
    }

    private static void putReported(ImportContext context, Map<String, Object> row, MedicationRequest m) {
        row.put("reported", m.hasReportedBooleanType() ? m.getReportedBooleanType().getValue() : null);
        String reporter = m.hasReportedReference() ? context.target(m.getReportedReference()) : null;
        boolean byPatient = reporter != null && reporter.startsWith("Patient/");
        row.put("reported_by_practitioner_id", reporter == null || byPatient ? null
                : context.internalId(m.getReportedReference(), "reported", "Practitioner"));
        row.put("reported_by_patient_id", byPatient
                ? context.internalId(m.getReportedReference(), "reported", "Patient") : null);
    }

    /**
     * The drug: a catalog entry ({@code medication_id}) or the coded drug ({@code drug_*}). A Medication contained
     * in the order ({@code #id}) is no catalog entry: its code is the coded drug.
     */
    static void putMedication(ImportContext context, Map<String, Object> row, Type medication,
            java.util.List<org.hl7.fhir.r4.model.Resource> contained) {
        if (medication instanceof Reference reference && reference.hasReference()
                && reference.getReference().startsWith("#")) {
            org.hl7.fhir.r4.model.Medication local = contained.stream()
                    .filter(org.hl7.fhir.r4.model.Medication.class::isInstance)
                    .map(org.hl7.fhir.r4.model.Medication.class::cast)
                    .filter(c -> reference.getReference().substring(1).equals(c.getIdElement().getIdPart()))
                    .findFirst().orElse(null);
            if (local != null && local.hasCode()) {
                row.put("medication_id", null);
                Codes.put(row, "drug", local.getCode(), context, "medication");
                return;
            }
        }
        if (medication instanceof Reference reference) {
            row.put("medication_id", context.internalId(reference, "medication", "Medication"));
            Codes.put(row, "drug", null, context, "medication");
        } else {
            row.put("medication_id", null);
            Codes.put(row, "drug", (CodeableConcept) medication, context, "medication");
        }
    }
}
