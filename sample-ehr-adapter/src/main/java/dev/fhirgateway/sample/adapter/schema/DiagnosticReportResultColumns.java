package dev.fhirgateway.sample.adapter.schema;

/** Table {@code diagnostic_report_result}: the results (observations) a report lists, by type and id. */
public final class DiagnosticReportResultColumns {

    public static final String TABLE = "diagnostic_report_result";

    public static final String ID = "id";
    public static final String REPORT_ID = "report_id";
    public static final String RESULT_REF_TYPE = "result_ref_type";
    public static final String RESULT_REF_ID = "result_ref_id";
    public static final String RESULT_LABEL = "result_label";

    private DiagnosticReportResultColumns() {
    }
}
