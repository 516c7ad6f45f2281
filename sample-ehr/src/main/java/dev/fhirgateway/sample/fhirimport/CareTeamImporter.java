package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.CareTeamColumns;
import dev.fhirgateway.sample.adapter.schema.CareTeamMemberColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** A CareTeam into {@code care_team} and its members into {@code care_team_member}. */
final class CareTeamImporter implements ResourceImporter {

    /** Member types kept as a reference to a record another part of the EHR holds. */
    private static final Set<String> REFERENCED_MEMBER_TYPES = Set.of("PractitionerRole", "RelatedPerson");

    @Override
    public String resourceType() {
        return "CareTeam";
    }

    @Override
    public String table() {
        return CareTeamColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("status", "name", "subject", "encounter", "period", "participant", "reasonCode",
                "managingOrganization");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        CareTeam t = (CareTeam) resource;
        Map<String, Object> row = context.row(t);
        row.put(CareTeamColumns.PATIENT_ID, RequiredPatient.internalId(context, t.getSubject(), "subject", t));
        row.put(CareTeamColumns.STATUS, t.hasStatus() ? t.getStatus().toCode() : null);
        row.put(CareTeamColumns.TEAM_NAME, t.getName());
        Codes.put(row, CareTeamColumns.REASON, t.hasReasonCode() ? t.getReasonCodeFirstRep() : null, context,
                "reasonCode");
        if (t.getReasonCode().size() > 1) {
            context.notMapped("reasonCode", "only the first reason is kept");
        }
        ClinicalTime.put(row, CareTeamColumns.PERIOD_START, t.getPeriod().hasStart()
                ? t.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, CareTeamColumns.PERIOD_END, t.getPeriod().hasEnd()
                ? t.getPeriod().getEndElement().getValueAsString() : null);
        row.put(CareTeamColumns.ENCOUNTER_ID, context.internalId(t.getEncounter(), "encounter", "Encounter"));
        row.put(CareTeamColumns.MANAGING_ORGANIZATION_ID, t.hasManagingOrganization() ? context.internalId(
                t.getManagingOrganizationFirstRep(), "managingOrganization", "Organization") : null);
        if (t.getManagingOrganization().size() > 1) {
            context.notMapped("managingOrganization", "only the first organization is kept");
        }
        long teamId = context.insert(CareTeamColumns.TABLE, row);
        for (CareTeam.CareTeamParticipantComponent participant : t.getParticipant()) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put(CareTeamMemberColumns.CARE_TEAM_ID, teamId);
            Codes.put(member, CareTeamMemberColumns.ROLE, participant.hasRole() ? participant.getRoleFirstRep() : null,
                    context,
                    "participant.role");
            if (participant.getRole().size() > 1) {
                context.notMapped("participant.role", "only the first role is kept");
            }
            if (putMember(context, member, participant.getMember())) {
                context.insert(CareTeamMemberColumns.TABLE, member);
            }
        }
    }

    /** Puts the member's columns; false when the member cannot be kept (the participant is then left out). */
    private static boolean putMember(ImportContext context, Map<String, Object> member, Reference reference) {
        String target = context.target(reference);
        if (target == null || target.indexOf('/') < 0) {
            context.notMapped("participant", "a participant without a resolvable member is not kept");
            return false;
        }
        String type = target.substring(0, target.indexOf('/'));
        String column = switch (type) {
            case "Patient" -> CareTeamMemberColumns.MEMBER_PATIENT_ID;
            case "Practitioner" -> CareTeamMemberColumns.MEMBER_PRACTITIONER_ID;
            case "Organization" -> CareTeamMemberColumns.MEMBER_ORGANIZATION_ID;
            default -> null;
        };
        if (column != null) {
            Long id = context.internalId(reference, "participant.member", type);
            member.put(column, id);
            return id != null;
        }
        if (REFERENCED_MEMBER_TYPES.contains(type)) {
            member.put(CareTeamMemberColumns.MEMBER_REF_TYPE, type);
            member.put(CareTeamMemberColumns.MEMBER_REF_ID, target.substring(target.indexOf('/') + 1));
            return true;
        }
        context.notMapped("participant.member", "a " + type + " is not kept as a care team member");
        return false;
    }
}
