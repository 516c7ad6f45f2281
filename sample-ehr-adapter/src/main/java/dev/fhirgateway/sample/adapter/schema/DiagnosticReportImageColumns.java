package dev.fhirgateway.sample.adapter.schema;

/** Table {@code diagnostic_report_image}: the images a report includes. */
public final class DiagnosticReportImageColumns {

    public static final String TABLE = "diagnostic_report_image";

    public static final String ID = "id";
    public static final String REPORT_ID = "report_id";
    public static final String IMAGE_ID = "image_id";

    private DiagnosticReportImageColumns() {
    }
}
