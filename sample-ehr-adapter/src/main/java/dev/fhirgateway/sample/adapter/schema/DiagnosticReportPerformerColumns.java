package dev.fhirgateway.sample.adapter.schema;

/** Table {@code diagnostic_report_performer}: who performed or issued a report. */
public final class DiagnosticReportPerformerColumns {

    public static final String TABLE = "diagnostic_report_performer";

    public static final String ID = "id";
    public static final String REPORT_ID = "report_id";
    public static final String PRACTITIONER_ID = "practitioner_id";
    public static final String ORGANIZATION_ID = "organization_id";

    private DiagnosticReportPerformerColumns() {
    }
}
