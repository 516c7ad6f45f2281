package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterReasonColumns;
import dev.fhirgateway.sample.adapter.schema.IdentifierColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * An Encounter into the visit record ({@code encounter}, {@code encounter_identifier}, {@code encounter_reason}).
 * The EHR keeps one attending clinician, one location and one type per visit.
 */
final class EncounterImporter implements ResourceImporter {

    static final String INTERPRETER_NEEDED =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-interpreter-needed";

    @Override
    public String resourceType() {
        return "Encounter";
    }

    @Override
    public String table() {
        return EncounterColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("extension", "identifier", "status", "class", "type", "subject", "participant", "period",
                "reasonCode",
                "reasonReference", "hospitalization", "location", "serviceProvider");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Encounter e = (Encounter) resource;
        Map<String, Object> row = context.row(e);
        Long patient = context.internalId(e.getSubject(), "subject", "Patient");
        if (patient == null || !e.hasStatus() || !e.hasClass_()) {
            throw new ImportException("Encounter/" + e.getIdElement().getIdPart()
                    + " lacks a status, a class or a patient the EHR holds");
        }
        row.put(EncounterColumns.PATIENT_ID, patient);
        row.put(EncounterColumns.STATUS, e.getStatus().toCode());
        row.put(EncounterColumns.CLASS_CODE, e.getClass_().getCode());
        row.put(EncounterColumns.CLASS_DISPLAY, e.getClass_().getDisplay());
        putInterpreterNeeded(context, row, e);
        if (e.getType().size() > 1) {
            context.notMapped("type", "only the first type is kept");
        }
        Codes.put(row, EncounterColumns.TYPE, e.hasType() ? e.getTypeFirstRep() : null, context, "type");
        ClinicalTime.put(row, EncounterColumns.PERIOD_START, e.getPeriod().hasStart()
                ? e.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, EncounterColumns.PERIOD_END, e.getPeriod().hasEnd()
                ? e.getPeriod().getEndElement().getValueAsString() : null);
        putAttender(context, row, e);
        Codes.put(row, EncounterColumns.DISCHARGE_DISPOSITION, e.getHospitalization().getDischargeDisposition(),
                context,
                "hospitalization.dischargeDisposition");
        if (e.getLocation().size() > 1) {
            context.notMapped("location", "only the first location is kept");
        }
        row.put(EncounterColumns.LOCATION_ID, e.hasLocation()
                ? context.internalId(e.getLocationFirstRep().getLocation(), "location.location", "Location") : null);
        row.put(EncounterColumns.SERVICE_PROVIDER_ID, context.internalId(e.getServiceProvider(), "serviceProvider",
                "Organization"));
        long id = context.insert(EncounterColumns.TABLE, row);
        for (Identifier identifier : e.getIdentifier()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(EncounterIdentifierColumns.ENCOUNTER_ID, id);
            r.put(EncounterIdentifierColumns.USE_CODE, identifier.hasUse() ? identifier.getUse().toCode() : null);
            r.put(IdentifierColumns.IDENTIFIER + ColumnGroups.SYSTEM, identifier.getSystem());
            r.put(IdentifierColumns.IDENTIFIER + ColumnGroups.VALUE, identifier.getValue());
            context.insert(EncounterIdentifierColumns.TABLE, r);
        }
        for (CodeableConcept reason : e.getReasonCode()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(EncounterReasonColumns.ENCOUNTER_ID, id);
            Codes.put(r, EncounterReasonColumns.REASON, reason, context, "reasonCode");
            context.insert(EncounterReasonColumns.TABLE, r);
        }
        for (Reference reason : e.getReasonReference()) {
            String target = context.target(reason);
            if (target == null || !target.contains("/")) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(EncounterReasonColumns.ENCOUNTER_ID, id);
            r.put(EncounterReasonColumns.CONDITION_REF_TYPE, target.substring(0, target.indexOf('/')));
            r.put(EncounterReasonColumns.CONDITION_REF_ID, target.substring(target.indexOf('/') + 1));
            context.insert(EncounterReasonColumns.TABLE, r);
        }
    }

    /** The us-core-interpreter-needed extension (a coded yes / no); other extensions are not kept. */
    private static void putInterpreterNeeded(ImportContext context, Map<String, Object> row, Encounter e) {
        org.hl7.fhir.r4.model.Coding needed = null;
        for (org.hl7.fhir.r4.model.Extension extension : e.getExtension()) {
            if (INTERPRETER_NEEDED.equals(extension.getUrl())
                    && extension.getValue() instanceof org.hl7.fhir.r4.model.Coding coding && needed == null) {
                needed = coding;
                if (coding.hasVersion() || coding.hasDisplay()) {
                    context.notMapped("extension", "the interpreter-needed code is kept as system and code only");
                }
            } else {
                context.notMapped("extension", null);
            }
        }
        row.put(EncounterColumns.INTERPRETER_NEEDED_SYSTEM, needed == null ? null : needed.getSystem());
        row.put(EncounterColumns.INTERPRETER_NEEDED_CODE, needed == null ? null : needed.getCode());
    }

    /** The first participant who is a clinician is the attender; others are not kept. */
    private static void putAttender(ImportContext context, Map<String, Object> row, Encounter e) {
        Encounter.EncounterParticipantComponent attender = e.getParticipant().stream()
                .filter(p -> p.hasIndividual()).findFirst().orElse(null);
        if (e.getParticipant().size() > 1) {
            context.notMapped("participant", "only the attending clinician is kept");
        }
        row.put(EncounterColumns.ATTENDER_ID, attender == null ? null
                : context.internalId(attender.getIndividual(), "participant.individual", "Practitioner"));
        if (attender != null && attender.getType().size() > 1) {
            context.notMapped("participant.type", "only the first type is kept");
        }
        Codes.put(row, EncounterColumns.ATTENDER_TYPE, attender == null || !attender.hasType() ? null
                : attender.getTypeFirstRep(),
                context, "participant.type");
        row.put(EncounterColumns.ATTENDER_START_TEXT, attender != null && attender.getPeriod().hasStart()
                ? attender.getPeriod().getStartElement().getValueAsString() : null);
        row.put(EncounterColumns.ATTENDER_END_TEXT, attender != null && attender.getPeriod().hasEnd()
                ? attender.getPeriod().getEndElement().getValueAsString() : null);
    }
}
