package dev.fhirgateway.sample.adapter.schema;

/**
 * The columns every clinical and directory table has (the conventions of
 * {@code V4__clinical_record_foundation.sql}), for code that works on any of them: the importer's row of a resource,
 * the adapter's generic reads, searches and paging. Each table's class names them too.
 */
public final class CommonColumns {

    /** The internal key, never shown outside; paging continues after it. */
    public static final String ID = "id";
    /** The owning practice; every query is restricted to it. */
    public static final String PRACTICE_ID = "practice_id";
    /** The id shown to the outside world (the FHIR logical id), unique within the practice. */
    public static final String PUBLIC_ID = "public_id";
    /** When the row was last written (see {@code V61__row_updated_at.sql}): the resource's {@code meta.lastUpdated}. */
    public static final String UPDATED_AT = "updated_at";

    private CommonColumns() {
    }
}
