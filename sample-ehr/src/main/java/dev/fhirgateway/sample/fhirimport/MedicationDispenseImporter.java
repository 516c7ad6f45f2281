package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.MedicationDispenseColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationDispensePerformerColumns;
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
        return MedicationDispenseColumns.TABLE;
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
        row.put(MedicationDispenseColumns.PATIENT_ID, patient);
        row.put(MedicationDispenseColumns.ENCOUNTER_ID, context.internalId(d.getContext(), "context", "Encounter"));
        if (d.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put(MedicationDispenseColumns.IDENTIFIER + ColumnGroups.SYSTEM, d.hasIdentifier()
                ? d.getIdentifierFirstRep().getSystem() : null);
        row.put(MedicationDispenseColumns.IDENTIFIER + ColumnGroups.VALUE, d.hasIdentifier()
                ? d.getIdentifierFirstRep().getValue() : null);
        row.put(MedicationDispenseColumns.STATUS, d.getStatus().toCode());
        Coding type = d.hasType() ? d.getType().getCodingFirstRep() : new Coding();
        row.put(MedicationDispenseColumns.TYPE + ColumnGroups.SYSTEM, type.getSystem());
        row.put(MedicationDispenseColumns.TYPE + ColumnGroups.CODE, type.getCode());
        row.put(MedicationDispenseColumns.TYPE + ColumnGroups.DISPLAY, type.getDisplay());
        MedicationRequestImporter.putMedication(context, row, d.getMedication(), d.getContained());
        if (d.getAuthorizingPrescription().size() > 1) {
            context.notMapped("authorizingPrescription", "only the first prescription is kept");
        }
        row.put(MedicationDispenseColumns.MEDICATION_ORDER_ID, d.hasAuthorizingPrescription() ? context.internalId(
                d.getAuthorizingPrescriptionFirstRep(), "authorizingPrescription", "MedicationRequest") : null);
        DosageColumns.putQuantity(row, MedicationDispenseColumns.QUANTITY, d.hasQuantity() ? d.getQuantity() : null);
        ClinicalTime.put(row, MedicationDispenseColumns.HANDED_OVER, d.hasWhenHandedOver()
                ? d.getWhenHandedOverElement().getValueAsString() : null);
        DosageColumns.put(row, d.getDosageInstruction(), context);
        long id = context.insert(MedicationDispenseColumns.TABLE, row);
        for (MedicationDispense.MedicationDispensePerformerComponent performer : d.getPerformer()) {
            String target = context.target(performer.getActor());
            if (target == null) {
                continue;
            }
            String actorType = target.substring(0, Math.max(0, target.indexOf('/')));
            String column = switch (actorType) {
                case "PractitionerRole" -> MedicationDispensePerformerColumns.PRACTITIONER_ROLE_ID;
                case "Organization" -> MedicationDispensePerformerColumns.ORGANIZATION_ID;
                default -> MedicationDispensePerformerColumns.PRACTITIONER_ID;
            };
            Long actor = context.internalId(performer.getActor(), "performer.actor",
                    actorType.equals("PractitionerRole") || actorType.equals("Organization") ? actorType
                            : "Practitioner");
            if (actor != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put(MedicationDispensePerformerColumns.MEDICATION_DISPENSE_ID, id);
                r.put(column, actor);
                context.insert(MedicationDispensePerformerColumns.TABLE, r);
            }
        }
    }
}
