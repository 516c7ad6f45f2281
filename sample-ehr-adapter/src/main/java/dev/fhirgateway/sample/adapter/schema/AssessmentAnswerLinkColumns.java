package dev.fhirgateway.sample.adapter.schema;

/** Table {@code assessment_answer_link}: a panel's questions (has-member) and what an answer was derived from. */
public final class AssessmentAnswerLinkColumns {

    public static final String TABLE = "assessment_answer_link";

    public static final String ID = "id";
    public static final String ASSESSMENT_ANSWER_ID = "assessment_answer_id";
    public static final String LINK_TYPE = "link_type";
    public static final String TARGET_REF_TYPE = "target_ref_type";
    public static final String TARGET_REF_ID = "target_ref_id";

    private AssessmentAnswerLinkColumns() {
    }
}
