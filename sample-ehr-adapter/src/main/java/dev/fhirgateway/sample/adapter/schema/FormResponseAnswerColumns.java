package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code form_response_answer}: one answer to an item of a form response. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class FormResponseAnswerColumns {

    public static final String TABLE = "form_response_answer";

    public static final String ID = "id";
    public static final String RESPONSE_ID = "response_id";
    public static final String ITEM_ID = "item_id";
    public static final String ANSWER_DECIMAL = "answer_decimal";
    public static final String ANSWER_STRING = "answer_string";
    /** Coded column group. */
    public static final String ANSWER = "answer";
    public static final String ANSWER_INTEGER = "answer_integer";
    public static final String ANSWER_BOOLEAN = "answer_boolean";
    public static final String ANSWER_DATE_TEXT = "answer_date_text";
    public static final String ANSWER_DATE_TIME_TEXT = "answer_date_time_text";
    public static final String ANSWER_TIME = "answer_time";
    public static final String ANSWER_URI = "answer_uri";

    private FormResponseAnswerColumns() {
    }
}
