package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code clinical_document_file}: the files (contents) of a document. Column groups are named by their prefix
 * (see {@link ColumnGroups}).
 */
public final class ClinicalDocumentFileColumns {

    public static final String TABLE = "clinical_document_file";

    public static final String ID = "id";
    public static final String DOCUMENT_ID = "document_id";
    public static final String CONTENT_TYPE = "content_type";
    public static final String DATA_BASE64 = "data_base64";
    public static final String DATA_ABSENT_REASON = "data_absent_reason";
    public static final String FILE_URL = "file_url";
    public static final String TITLE = "title";
    public static final String FILE_CREATED_TEXT = "file_created_text";
    /** Coded column group. */
    public static final String FORMAT = "format";
    public static final String FILE_HASH = "file_hash";
    public static final String FILE_SIZE = "file_size";

    private ClinicalDocumentFileColumns() {
    }
}
