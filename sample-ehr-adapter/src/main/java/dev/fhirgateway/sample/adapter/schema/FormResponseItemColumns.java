package dev.fhirgateway.sample.adapter.schema;

/** Table {@code form_response_item}: one item (question or group) of a form response. */
public final class FormResponseItemColumns {

    public static final String TABLE = "form_response_item";

    public static final String ID = "id";
    public static final String RESPONSE_ID = "response_id";
    public static final String PARENT_ITEM_ID = "parent_item_id";
    public static final String LINK_ID = "link_id";
    public static final String QUESTION_TEXT = "question_text";
    public static final String PARENT_ANSWER_ID = "parent_answer_id";

    private FormResponseItemColumns() {
    }
}
