package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code clinical_document_category}: each category of a document, as recorded. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class ClinicalDocumentCategoryColumns {

    public static final String TABLE = "clinical_document_category";

    public static final String ID = "id";
    public static final String DOCUMENT_ID = "document_id";
    /** Coded column group. */
    public static final String CATEGORY = "category";

    private ClinicalDocumentCategoryColumns() {
    }
}
