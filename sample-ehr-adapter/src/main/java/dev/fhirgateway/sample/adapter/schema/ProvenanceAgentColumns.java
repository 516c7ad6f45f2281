package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code provenance_agent}: who took part in what an audit record records. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class ProvenanceAgentColumns {

    public static final String TABLE = "provenance_agent";

    public static final String ID = "id";
    public static final String RECORD_ID = "record_id";
    /** Coded column group. */
    public static final String ROLE = "role";
    public static final String PRACTITIONER_ID = "practitioner_id";
    public static final String ORGANIZATION_ID = "organization_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String ON_BEHALF_OF_ID = "on_behalf_of_id";

    private ProvenanceAgentColumns() {
    }
}
