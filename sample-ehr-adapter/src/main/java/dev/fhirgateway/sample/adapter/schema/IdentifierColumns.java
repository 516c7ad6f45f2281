package dev.fhirgateway.sample.adapter.schema;

/**
 * The identifier column group ({@link ColumnGroups#SYSTEM}, {@link ColumnGroups#VALUE}) of the identifier tables
 * ({@code organization_identifier}, {@code practitioner_identifier}, {@code encounter_identifier}).
 */
public final class IdentifierColumns {

    /** Identifier column group. */
    public static final String IDENTIFIER = "identifier";

    private IdentifierColumns() {
    }
}
