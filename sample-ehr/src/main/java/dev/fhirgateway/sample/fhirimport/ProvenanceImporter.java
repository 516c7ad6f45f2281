package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ProvenanceAgentColumns;
import dev.fhirgateway.sample.adapter.schema.ProvenanceRecordColumns;
import dev.fhirgateway.sample.adapter.schema.ProvenanceTargetColumns;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A Provenance into the audit trail ({@code provenance_record}, {@code provenance_target},
 * {@code provenance_agent}). Targets may be records of any kind, held here or not: they are kept as
 * {@code Type/id}. Agents are clinicians, organizations or the patient.
 */
final class ProvenanceImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Provenance";
    }

    @Override
    public String table() {
        return ProvenanceRecordColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("target", "recorded", "agent");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Provenance p = (Provenance) resource;
        if (!p.hasRecorded()) {
            throw new ImportException("Provenance/" + p.getIdElement().getIdPart() + " has no recorded time");
        }
        java.util.List<String> targets = new java.util.ArrayList<>();
        for (Reference target : p.getTarget()) {
            String ref = context.target(target);
            if (ref == null || ref.indexOf('/') <= 0) {
                context.notMapped("target", "a target without a literal reference is not kept");
                continue;
            }
            // A target the EHR does not hold (not imported, or of a kind it does not keep) would dangle.
            if (context.holdsOrReport(ref, "target")) {
                targets.add(ref);
            }
        }
        if (targets.isEmpty()) {
            context.notKept("none of its targets is in the EHR");
            return;
        }
        Map<String, Object> row = context.row(p);
        ClinicalTime.put(row, ProvenanceRecordColumns.RECORDED, p.getRecordedElement().getValueAsString());
        long recordId = context.insert(ProvenanceRecordColumns.TABLE, row);
        for (String ref : targets) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put(ProvenanceTargetColumns.RECORD_ID, recordId);
            t.put(ProvenanceTargetColumns.TARGET_TYPE, ref.substring(0, ref.indexOf('/')));
            t.put(ProvenanceTargetColumns.TARGET_ID, ref.substring(ref.indexOf('/') + 1));
            context.insert(ProvenanceTargetColumns.TABLE, t);
        }
        for (Provenance.ProvenanceAgentComponent agent : p.getAgent()) {
            importAgent(context, recordId, agent);
        }
    }

    /** An agent whose participant the EHR does not hold is left out (and reported): FHIR requires agent.who. */
    private static void importAgent(ImportContext context, long recordId, Provenance.ProvenanceAgentComponent agent) {
        String who = context.target(agent.getWho());
        String whoType = who == null ? "" : who.substring(0, Math.max(0, who.indexOf('/')));
        // Clinicians, organizations and the patient take part; anything else is looked up as a clinician and
        // reported as not mapped.
        String kind = whoType.equals("Organization") || whoType.equals("Patient") ? whoType : "Practitioner";
        Long whoId = context.internalId(agent.getWho(), "agent.who", kind);
        if (whoId == null) {
            return;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(ProvenanceAgentColumns.RECORD_ID, recordId);
        Codes.put(a, ProvenanceAgentColumns.ROLE, agent.getType(), context, "agent.type");
        a.put(kind.toLowerCase(Locale.ROOT) + "_id", whoId);
        a.put(ProvenanceAgentColumns.ON_BEHALF_OF_ID,
                context.internalId(agent.getOnBehalfOf(), "agent.onBehalfOf", "Organization"));
        if (agent.hasRole()) {
            context.notMapped("agent.role", null);
        }
        context.insert(ProvenanceAgentColumns.TABLE, a);
    }
}
