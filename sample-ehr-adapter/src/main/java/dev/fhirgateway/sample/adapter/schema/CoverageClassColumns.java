package dev.fhirgateway.sample.adapter.schema;

/** Table {@code coverage_class}: the classes of a coverage (group, plan ...). */
public final class CoverageClassColumns {

    public static final String TABLE = "coverage_class";

    public static final String ID = "id";
    public static final String COVERAGE_ID = "coverage_id";
    public static final String CLASS_TYPE = "class_type";
    public static final String TYPE_TEXT = "type_text";
    public static final String CLASS_VALUE = "class_value";
    public static final String CLASS_NAME = "class_name";

    private CoverageClassColumns() {
    }
}
