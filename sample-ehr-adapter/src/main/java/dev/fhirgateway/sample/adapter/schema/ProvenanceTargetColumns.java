package dev.fhirgateway.sample.adapter.schema;

/** Table {@code provenance_target}: the records an audit record is about, by type and id. */
public final class ProvenanceTargetColumns {

    public static final String TABLE = "provenance_target";

    public static final String ID = "id";
    public static final String RECORD_ID = "record_id";
    public static final String TARGET_TYPE = "target_type";
    public static final String TARGET_ID = "target_id";

    private ProvenanceTargetColumns() {
    }
}
