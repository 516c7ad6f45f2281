package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.CareTeamColumns;
import dev.fhirgateway.sample.adapter.schema.CareTeamMemberColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import java.util.List;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Care teams ({@code care_team}, {@code care_team_member}) as US Core CareTeam. */
final class CareTeamTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careteam";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("status", CareTeam.CareTeamStatus.ACTIVE.getSystem(), "r." + CareTeamColumns.STATUS)
            .tokenInChild("role", CareTeamMemberColumns.TABLE + " m WHERE m." + CareTeamMemberColumns.CARE_TEAM_ID
                    + " = r." + CareTeamColumns.ID, "m." + CareTeamMemberColumns.ROLE + ColumnGroups.SYSTEM, "m."
                    + CareTeamMemberColumns.ROLE + ColumnGroups.CODE);

    /** Members with the public ids of the patients, clinicians and organizations they are. */
    private static final String MEMBERS = "(SELECT m.*, mp." + PatientColumns.PUBLIC_ID + " AS patient_public_id,"
            + " pr." + PractitionerColumns.PUBLIC_ID + " AS practitioner_public_id, o." + OrganizationColumns.PUBLIC_ID
            + " AS organization_public_id"
            + " FROM " + CareTeamMemberColumns.TABLE + " m LEFT JOIN " + PatientColumns.TABLE + " mp ON mp."
            + PatientColumns.ID + " = m." + CareTeamMemberColumns.MEMBER_PATIENT_ID
            + " LEFT JOIN " + PractitionerColumns.TABLE + " pr ON pr." + PractitionerColumns.ID + " = m."
            + CareTeamMemberColumns.MEMBER_PRACTITIONER_ID
            + " LEFT JOIN " + OrganizationColumns.TABLE + " o ON o." + OrganizationColumns.ID + " = m."
            + CareTeamMemberColumns.MEMBER_ORGANIZATION_ID + ") members";

    CareTeamTable() {
        super("CareTeam",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(CareTeamColumns.TABLE, CareTeamColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", CareTeamColumns.ENCOUNTER_ID)
                        + ReferenceJoins.leftJoin(OrganizationColumns.TABLE, "mo",
                                CareTeamColumns.MANAGING_ORGANIZATION_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id,"
                        + " mo." + OrganizationColumns.PUBLIC_ID + " AS managing_organization_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("members", MEMBERS, CareTeamMemberColumns.CARE_TEAM_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        CareTeam team = new CareTeam();
        team.setId(row.string(CareTeamColumns.PUBLIC_ID));
        team.getMeta().addProfile(PROFILE);
        if (row.has(CareTeamColumns.STATUS)) {
            team.setStatus(CareTeam.CareTeamStatus.fromCode(row.string(CareTeamColumns.STATUS)));
        }
        team.setName(row.string(CareTeamColumns.TEAM_NAME));
        team.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        team.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        team.setPeriod(FhirValues.period(row, CareTeamColumns.PERIOD_START, CareTeamColumns.PERIOD_END));
        if (row.has(CareTeamColumns.REASON + ColumnGroups.CODE) || row.has(CareTeamColumns.REASON
                + ColumnGroups.TEXT)) {
            team.addReasonCode(FhirValues.concept(row, CareTeamColumns.REASON));
        }
        for (TableRow member : row.children("members")) {
            CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
            if (member.has(CareTeamMemberColumns.ROLE + ColumnGroups.CODE) || member.has(CareTeamMemberColumns.ROLE
                    + ColumnGroups.TEXT)) {
                participant.addRole(FhirValues.concept(member, CareTeamMemberColumns.ROLE));
            }
            participant.setMember(member(member));
        }
        if (row.has("managing_organization_public_id")) {
            team.addManagingOrganization(FhirValues.reference("Organization",
                    row.string("managing_organization_public_id")));
        }
        return team;
    }

    private static Reference member(TableRow member) {
        if (member.has("patient_public_id")) {
            return FhirValues.reference("Patient", member.string("patient_public_id"));
        }
        if (member.has("practitioner_public_id")) {
            return FhirValues.reference("Practitioner", member.string("practitioner_public_id"));
        }
        if (member.has("organization_public_id")) {
            return FhirValues.reference("Organization", member.string("organization_public_id"));
        }
        return member.has(CareTeamMemberColumns.MEMBER_REF_TYPE)
                ? FhirValues.reference(member.string(CareTeamMemberColumns.MEMBER_REF_TYPE),
                member.string(CareTeamMemberColumns.MEMBER_REF_ID)) : null;
    }
}
