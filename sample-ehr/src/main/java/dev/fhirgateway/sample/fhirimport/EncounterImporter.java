package dev.fhirgateway.sample.fhirimport;

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
        return "encounter";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("extension", "identifier", "status", "class", "type", "subject", "participant", "period", "reasonCode",
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
        row.put("patient_id", patient);
        row.put("status", e.getStatus().toCode());
        row.put("class_code", e.getClass_().getCode());
        row.put("class_display", e.getClass_().getDisplay());
        putInterpreterNeeded(context, row, e);
        if (e.getType().size() > 1) {
            context.notMapped("type", "only the first type is kept");
        }
        Codes.put(row, "type", e.hasType() ? e.getTypeFirstRep() : null, context, "type");
        ClinicalTime.put(row, "period_start", e.getPeriod().hasStart()
                ? e.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, "period_end", e.getPeriod().hasEnd()
                ? e.getPeriod().getEndElement().getValueAsString() : null);
        putAttender(context, row, e);
        Codes.put(row, "discharge_disposition", e.getHospitalization().getDischargeDisposition(), context,
                "hospitalization.dischargeDisposition");
        if (e.getLocation().size() > 1) {
            context.notMapped("location", "only the first location is kept");
        }
        row.put("location_id", e.hasLocation()
                ? context.internalId(e.getLocationFirstRep().getLocation(), "location.location", "Location") : null);
        row.put("service_provider_id", context.internalId(e.getServiceProvider(), "serviceProvider",
                "Organization"));
        long id = context.insert("encounter", row);
        for (Identifier identifier : e.getIdentifier()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("encounter_id", id);
            r.put("use_code", identifier.hasUse() ? identifier.getUse().toCode() : null);
            r.put("identifier_system", identifier.getSystem());
            r.put("identifier_value", identifier.getValue());
            context.insert("encounter_identifier", r);
        }
        for (CodeableConcept reason : e.getReasonCode()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("encounter_id", id);
            Codes.put(r, "reason", reason, context, "reasonCode");
            context.insert("encounter_reason", r);
        }
        for (Reference reason : e.getReasonReference()) {
            String target = context.target(reason);
            if (target == null || !target.contains("/")) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("encounter_id", id);
            r.put("condition_ref_type", target.substring(0, target.indexOf('/')));
            r.put("condition_ref_id", target.substring(target.indexOf('/') + 1));
            context.insert("encounter_reason", r);
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
        row.put("interpreter_needed_system", needed == null ? null : needed.getSystem());
        row.put("interpreter_needed_code", needed == null ? null : needed.getCode());
    }

    /** The first participant who is a clinician is the attender; others are not kept. */
    private static void putAttender(ImportContext context, Map<String, Object> row, Encounter e) {
        Encounter.EncounterParticipantComponent attender = e.getParticipant().stream()
                .filter(p -> p.hasIndividual()).findFirst().orElse(null);
        if (e.getParticipant().size() > 1) {
            context.notMapped("participant", "only the attending clinician is kept");
        }
        row.put("attender_id", attender == null ? null
                : context.internalId(attender.getIndividual(), "participant.individual", "Practitioner"));
        if (attender != null && attender.getType().size() > 1) {
            context.notMapped("participant.type", "only the first type is kept");
        }
        Codes.put(row, "attender_type", attender == null || !attender.hasType() ? null : attender.getTypeFirstRep(),
                context, "participant.type");
        row.put("attender_start_text", attender != null && attender.getPeriod().hasStart()
                ? attender.getPeriod().getStartElement().getValueAsString() : null);
        row.put("attender_end_text", attender != null && attender.getPeriod().hasEnd()
                ? attender.getPeriod().getEndElement().getValueAsString() : null);
    }
}
