package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code assessment_answer}: answers to screenings and assessments, and other simple clinical observations. Its
 * columns shared with other tables are named in {@link ObservationTableColumns}.
 */
public final class AssessmentAnswerColumns {

    public static final String TABLE = "assessment_answer";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";

    private AssessmentAnswerColumns() {
    }
}
