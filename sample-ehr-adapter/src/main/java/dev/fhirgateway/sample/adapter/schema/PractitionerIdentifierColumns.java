package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code practitioner_identifier}: the identifiers of a clinician besides the NPI. Its columns shared with other
 * tables are named in {@link IdentifierColumns}.
 */
public final class PractitionerIdentifierColumns {

    public static final String TABLE = "practitioner_identifier";

    public static final String ID = "id";
    public static final String PRACTITIONER_ID = "practitioner_id";

    private PractitionerIdentifierColumns() {
    }
}
