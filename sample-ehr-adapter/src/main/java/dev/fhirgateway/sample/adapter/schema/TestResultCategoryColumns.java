package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code test_result_category}: each category a test result was recorded with. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class TestResultCategoryColumns {

    public static final String TABLE = "test_result_category";

    public static final String ID = "id";
    public static final String TEST_RESULT_ID = "test_result_id";
    /** Coded column group. */
    public static final String CATEGORY = "category";

    private TestResultCategoryColumns() {
    }
}
