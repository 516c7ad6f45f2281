package dev.fhirgateway.sample.adapter.schema;

/** Table {@code diagnostic_report_form}: the presented forms (files) of a report. */
public final class DiagnosticReportFormColumns {

    public static final String TABLE = "diagnostic_report_form";

    public static final String ID = "id";
    public static final String REPORT_ID = "report_id";
    public static final String CONTENT_TYPE = "content_type";
    public static final String DATA_BASE64 = "data_base64";
    public static final String FILE_URL = "file_url";
    public static final String TITLE = "title";
    public static final String FILE_HASH = "file_hash";
    public static final String FILE_SIZE = "file_size";

    private DiagnosticReportFormColumns() {
    }
}
