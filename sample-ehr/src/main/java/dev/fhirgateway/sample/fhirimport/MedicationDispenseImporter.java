package dev.fhirgateway.sample.fhirimport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Resource;

/** A MedicationDispense into the pharmacy dispenses ({@code medication_dispense}, its performers). */
final class MedicationDispenseImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "MedicationDispense";
    }

    @Override
    public String table() {
        return "medication_dispense";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "status", "medication", "subject", "context", "performer",
                "authorizingPrescription", "type", "quantity", "whenHandedOver", "dosageInstruction");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        MedicationDispense d = (MedicationDispense) resource;
        Long patient = context.internalId(d.getSubject(), "subject", "Patient");
        if (patient == null || !d.hasStatus()) {
            throw new ImportException("MedicationDispense/" + d.getIdElement().getIdPart()
                    + " lacks a status or a patient the EHR holds");
        }
        Map<String, Object> row = context.row(d);
        row.put("patient_id", patient);
        row.put("encounter_id", context.internalId(d.getContext(), "context", "Encounter"));
        if (d.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put("identifier_system", d.hasIdentifier() ? d.getIdentifierFirstRep().getSystem() : null);
        row.put("identifier_value", d.hasIdentifier() ? d.getIdentifierFirstRep().getValue() : null);
        row.put("status", d.getStatus().toCode());
        Coding type = d.hasType() ? d.getType().getCodingFirstRep() : new Coding();
        row.put("type_system", type.getSystem());
        row.put("type_code", type.getCode());
        row.put("type_display", type.getDisplay());
        MedicationRequestImporter.putMedication(context, row, d.getMedication(), d.getContained());
        if (d.getAuthorizingPrescription().size() > 1) {
            context.notMapped("authorizingPrescription", "only the first prescription is kept");
        }
        row.put("medication_order_id", d.hasAuthorizingPrescription() ? context.internalId(
                d.getAuthorizingPrescriptionFirstRep(), "authorizingPrescription", "MedicationRequest") : null);
        DosageColumns.putQuantity(row, "quantity", d.hasQuantity() ? d.getQuantity() : null);
        ClinicalTime.put(row, "handed_over", d.hasWhenHandedOver()
                ? d.getWhenHandedOverElement().getValueAsString() : null);
        DosageColumns.put(row, d.getDosageInstruction(), context);
        long id = context.insert("medication_dispense", row);
        for (MedicationDispense.MedicationDispensePerformerComponent performer : d.getPerformer()) {
            String target = context.target(performer.getActor());
            if (target == null) {
                continue;
            }
            String actorType = target.substring(0, Math.max(0, target.indexOf('/')));
            String column = switch (actorType) {
                case "PractitionerRole" -> "practitioner_role_id";
                case "Organization" -> "organization_id";
                default -> "practitioner_id";
            };
            Long actor = context.internalId(performer.getActor(), "performer.actor",
                    actorType.equals("PractitionerRole") || actorType.equals("Organization") ? actorType : "Practitioner");
            if (actor != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("medication_dispense_id", id);
                r.put(column, actor);
                context.insert("medication_dispense_performer", r);
            }
        }
    }
}
