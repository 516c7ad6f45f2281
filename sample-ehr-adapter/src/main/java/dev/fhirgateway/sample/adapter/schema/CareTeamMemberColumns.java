package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code care_team_member}: a member of a care team: a patient, clinician, organization, or another record by
 * reference. Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class CareTeamMemberColumns {

    public static final String TABLE = "care_team_member";

    public static final String ID = "id";
    public static final String CARE_TEAM_ID = "care_team_id";
    /** Coded column group. */
    public static final String ROLE = "role";
    public static final String MEMBER_PATIENT_ID = "member_patient_id";
    public static final String MEMBER_PRACTITIONER_ID = "member_practitioner_id";
    public static final String MEMBER_ORGANIZATION_ID = "member_organization_id";
    public static final String MEMBER_REF_TYPE = "member_ref_type";
    public static final String MEMBER_REF_ID = "member_ref_id";

    private CareTeamMemberColumns() {
    }
}
