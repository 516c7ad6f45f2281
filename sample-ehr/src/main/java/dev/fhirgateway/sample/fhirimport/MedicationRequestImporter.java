package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.MedicationOrderColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationOrderReasonColumns;
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
        return MedicationOrderColumns.TABLE;
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
        row.put(MedicationOrderColumns.PATIENT_ID, patient);
        row.put(MedicationOrderColumns.ENCOUNTER_ID, context.internalId(m.getEncounter(), "encounter", "Encounter"));
        if (m.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put(MedicationOrderColumns.IDENTIFIER + ColumnGroups.SYSTEM, m.hasIdentifier()
                ? m.getIdentifierFirstRep().getSystem() : null);
        row.put(MedicationOrderColumns.IDENTIFIER + ColumnGroups.VALUE, m.hasIdentifier()
                ? m.getIdentifierFirstRep().getValue() : null);
        row.put(MedicationOrderColumns.STATUS, m.getStatus().toCode());
        row.put(MedicationOrderColumns.INTENT, m.getIntent().toCode());
        if (m.getCategory().size() > 1) {
            context.notMapped("category", "only the first category is kept");
        }
        row.put(MedicationOrderColumns.CATEGORY_CODE, m.hasCategory() ? Codes.code(m.getCategoryFirstRep()) : null);
        row.put(MedicationOrderColumns.CATEGORY_TEXT, m.hasCategory() ? m.getCategoryFirstRep().getText() : null);
        putReported(context, row, m);
        putMedication(context, row, m.getMedication(), m.getContained());
        ClinicalTime.put(row, MedicationOrderColumns.AUTHORED_ON, m.hasAuthoredOn()
                ? m.getAuthoredOnElement().getValueAsString() : null);
        String requester = context.target(m.getRequester());
        row.put(MedicationOrderColumns.REQUESTER_PRACTITIONER_ID, requester != null && requester.startsWith("Patient/")
                ? null
                : context.internalId(m.getRequester(), "requester", "Practitioner"));
        row.put(MedicationOrderColumns.REQUESTER_PATIENT_ID, requester != null && requester.startsWith("Patient/")
                ? context.internalId(m.getRequester(), "requester", "Patient") : null);
        DosageColumns.put(row, m.getDosageInstruction(), context);
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = m.getDispenseRequest();
        row.put(MedicationOrderColumns.REFILLS_ALLOWED, dispense.hasNumberOfRepeatsAllowed()
                ? dispense.getNumberOfRepeatsAllowed() : null);
        DosageColumns.putQuantity(row, MedicationOrderColumns.DISPENSE_QUANTITY, dispense.hasQuantity()
                ? dispense.getQuantity() : null);
        long id = context.insert(MedicationOrderColumns.TABLE, row);
        for (CodeableConcept reason : m.getReasonCode()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(MedicationOrderReasonColumns.MEDICATION_ORDER_ID, id);
            Codes.put(r, MedicationOrderReasonColumns.REASON, reason, context, "reasonCode");
            context.insert(MedicationOrderReasonColumns.TABLE, r);
        }
        for (Reference reason : m.getReasonReference()) {
            String target = context.target(reason);
            if (target == null || !target.contains("/")) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(MedicationOrderReasonColumns.MEDICATION_ORDER_ID, id);
            r.put(MedicationOrderReasonColumns.FINDING_REF_TYPE, target.substring(0, target.indexOf('/')));
            r.put(MedicationOrderReasonColumns.FINDING_REF_ID, target.substring(target.indexOf('/') + 1));
            context.insert(MedicationOrderReasonColumns.TABLE, r);
        }
    }

    private static void putReported(ImportContext context, Map<String, Object> row, MedicationRequest m) {
        row.put(MedicationOrderColumns.REPORTED, m.hasReportedBooleanType() ? m.getReportedBooleanType().getValue()
                : null);
        String reporter = m.hasReportedReference() ? context.target(m.getReportedReference()) : null;
        boolean byPatient = reporter != null && reporter.startsWith("Patient/");
        row.put(MedicationOrderColumns.REPORTED_BY_PRACTITIONER_ID, reporter == null || byPatient ? null
                : context.internalId(m.getReportedReference(), "reported", "Practitioner"));
        row.put(MedicationOrderColumns.REPORTED_BY_PATIENT_ID, byPatient
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
                row.put(MedicationOrderColumns.MEDICATION_ID, null);
                Codes.put(row, MedicationOrderColumns.DRUG, local.getCode(), context, "medication");
                return;
            }
        }
        if (medication instanceof Reference reference) {
            row.put(MedicationOrderColumns.MEDICATION_ID, context.internalId(reference, "medication", "Medication"));
            Codes.put(row, MedicationOrderColumns.DRUG, null, context, "medication");
        } else {
            row.put(MedicationOrderColumns.MEDICATION_ID, null);
            Codes.put(row, MedicationOrderColumns.DRUG, (CodeableConcept) medication, context, "medication");
        }
    }
}
