package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code assessment_answer_category}: what an assessment answer is filed under. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class AssessmentAnswerCategoryColumns {

    public static final String TABLE = "assessment_answer_category";

    public static final String ID = "id";
    public static final String ASSESSMENT_ANSWER_ID = "assessment_answer_id";
    /** Coded column group. */
    public static final String CATEGORY = "category";

    private AssessmentAnswerCategoryColumns() {
    }
}
