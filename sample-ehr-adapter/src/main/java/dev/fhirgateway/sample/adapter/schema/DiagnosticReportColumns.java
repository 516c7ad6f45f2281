package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code diagnostic_report}: reports of lab, imaging and other results. Column groups are named by their prefix
 * (see {@link ColumnGroups}).
 */
public final class DiagnosticReportColumns {

    public static final String TABLE = "diagnostic_report";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String REPORT_CODE = "report_code";
    public static final String ENCOUNTER_ID = "encounter_id";
    /** Time-or-period column group. */
    public static final String EFFECTIVE = "effective";
    /** Clinical time column group. */
    public static final String EFFECTIVE_START = "effective_start";
    /** Clinical time column group. */
    public static final String EFFECTIVE_END = "effective_end";
    public static final String ISSUED_TEXT = "issued_text";

    private DiagnosticReportColumns() {
    }
}
