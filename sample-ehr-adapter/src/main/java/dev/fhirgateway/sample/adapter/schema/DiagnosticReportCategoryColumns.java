package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code diagnostic_report_category}: each category of a report, as recorded. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class DiagnosticReportCategoryColumns {

    public static final String TABLE = "diagnostic_report_category";

    public static final String ID = "id";
    public static final String REPORT_ID = "report_id";
    /** Coded column group. */
    public static final String CATEGORY = "category";

    private DiagnosticReportCategoryColumns() {
    }
}
