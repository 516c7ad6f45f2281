package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Care teams ({@code care_team}, {@code care_team_member}) as US Core CareTeam. */
final class CareTeamTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careteam";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("status", CareTeam.CareTeamStatus.ACTIVE.getSystem(), "r.status")
            .tokenInChild("role", "care_team_member m WHERE m.care_team_id = r.id", "m.role_system", "m.role_code");

    /** Members with the public ids of the patients, clinicians and organizations they are. */
    private static final String MEMBERS = "(SELECT m.*, mp.public_id AS patient_public_id,"
            + " pr.public_id AS practitioner_public_id, o.public_id AS organization_public_id"
            + " FROM care_team_member m LEFT JOIN patient mp ON mp.id = m.member_patient_id"
            + " LEFT JOIN practitioner pr ON pr.id = m.member_practitioner_id"
            + " LEFT JOIN organization o ON o.id = m.member_organization_id) members";

    CareTeamTable() {
        super("CareTeam",
                List.of(PROFILE),
                "care_team r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                        + " LEFT JOIN organization mo ON mo.id = r.managing_organization_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                        + " mo.public_id AS managing_organization_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("members", MEMBERS, "care_team_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        CareTeam team = new CareTeam();
        team.setId(row.string("public_id"));
        team.getMeta().addProfile(PROFILE);
        if (row.has("status")) {
            team.setStatus(CareTeam.CareTeamStatus.fromCode(row.string("status")));
        }
        team.setName(row.string("team_name"));
        team.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        team.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        team.setPeriod(FhirValues.period(row, "period_start", "period_end"));
        if (row.has("reason_code") || row.has("reason_text")) {
            team.addReasonCode(FhirValues.concept(row, "reason"));
        }
        for (TableRow member : row.children("members")) {
            CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
            if (member.has("role_code") || member.has("role_text")) {
                participant.addRole(FhirValues.concept(member, "role"));
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
        return member.has("member_ref_type")
                ? FhirValues.reference(member.string("member_ref_type"), member.string("member_ref_id")) : null;
    }
}
