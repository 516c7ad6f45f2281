package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code encounter_identifier}: the identifiers of a visit. Its columns shared with other tables are named in
 * {@link IdentifierColumns}.
 */
public final class EncounterIdentifierColumns {

    public static final String TABLE = "encounter_identifier";

    public static final String ID = "id";
    public static final String ENCOUNTER_ID = "encounter_id";
    public static final String USE_CODE = "use_code";

    private EncounterIdentifierColumns() {
    }
}
