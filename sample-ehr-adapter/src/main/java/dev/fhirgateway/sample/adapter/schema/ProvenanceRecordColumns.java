package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code provenance_record}: the audit records served as Provenance. Column groups are named by their prefix
 * (see {@link ColumnGroups}).
 */
public final class ProvenanceRecordColumns {

    public static final String TABLE = "provenance_record";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    /** Clinical time column group. */
    public static final String RECORDED = "recorded";

    private ProvenanceRecordColumns() {
    }
}
