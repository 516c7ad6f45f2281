package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.FormResponseAnswerColumns;
import dev.fhirgateway.sample.adapter.schema.FormResponseColumns;
import dev.fhirgateway.sample.adapter.schema.FormResponseItemColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * A QuestionnaireResponse into the form responses ({@code form_response}, {@code form_response_item},
 * {@code form_response_answer}): the whole item tree, with decimal, string and coded answers.
 */
final class QuestionnaireResponseImporter implements ResourceImporter {

    static final String DISPLAY = "http://hl7.org/fhir/StructureDefinition/display";
    static final String QUESTIONNAIRE_URI =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-extension-questionnaire-uri";

    @Override
    public String resourceType() {
        return "QuestionnaireResponse";
    }

    @Override
    public String table() {
        return FormResponseColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "questionnaire", "status", "subject", "encounter", "authored", "author", "item");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        QuestionnaireResponse q = (QuestionnaireResponse) resource;
        // A form known by its canonical URL, or only by where it can be fetched (US Core's questionnaire-uri).
        if (!q.hasQuestionnaire() && extensionValue(q.getQuestionnaireElement(), QUESTIONNAIRE_URI) == null) {
            throw new ImportException("QuestionnaireResponse/" + q.getIdElement().getIdPart()
                    + " names no questionnaire; the EHR files responses by form");
        }
        Map<String, Object> row = context.row(q);
        row.put(FormResponseColumns.PATIENT_ID, RequiredPatient.internalId(context, q.getSubject(), "subject", q));
        row.put(FormResponseColumns.RESPONSE_NUMBER + ColumnGroups.SYSTEM, q.getIdentifier().getSystem());
        row.put(FormResponseColumns.RESPONSE_NUMBER + ColumnGroups.VALUE, q.getIdentifier().getValue());
        CanonicalType questionnaire = q.getQuestionnaireElement();
        row.put(FormResponseColumns.FORM_URL, questionnaire.getValue());
        row.put(FormResponseColumns.FORM_TITLE, extensionValue(questionnaire, DISPLAY));
        row.put(FormResponseColumns.FORM_LOCATION_URL, extensionValue(questionnaire, QUESTIONNAIRE_URI));
        row.put(FormResponseColumns.STATUS, q.getStatus().toCode());
        ClinicalTime.put(row, FormResponseColumns.ANSWERED, q.hasAuthored() ? q.getAuthoredElement().getValueAsString()
                : null);
        row.put(FormResponseColumns.AUTHOR_ID, context.internalId(q.getAuthor(), "author", "Practitioner"));
        row.put(FormResponseColumns.ENCOUNTER_ID, context.internalId(q.getEncounter(), "encounter", "Encounter"));
        long responseId = context.insert(FormResponseColumns.TABLE, row);
        insertItems(context, responseId, q.getItem(), null, null);
    }

    private static void insertItems(ImportContext context, long responseId,
            List<QuestionnaireResponseItemComponent> items, Long parentItemId, Long parentAnswerId) {
        for (QuestionnaireResponseItemComponent item : items) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put(FormResponseItemColumns.RESPONSE_ID, responseId);
            i.put(FormResponseItemColumns.PARENT_ITEM_ID, parentItemId);
            i.put(FormResponseItemColumns.PARENT_ANSWER_ID, parentAnswerId);
            i.put(FormResponseItemColumns.LINK_ID, item.getLinkId());
            i.put(FormResponseItemColumns.QUESTION_TEXT, item.getText());
            long itemId = context.insert(FormResponseItemColumns.TABLE, i);
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                long answerId = context.insert(FormResponseAnswerColumns.TABLE,
                        answer(context, responseId, itemId, answer));
                insertItems(context, responseId, answer.getItem(), null, answerId);
            }
            insertItems(context, responseId, item.getItem(), itemId, null);
        }
    }

    private static Map<String, Object> answer(ImportContext context, long responseId, long itemId,
            QuestionnaireResponseItemAnswerComponent answer) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(FormResponseAnswerColumns.RESPONSE_ID, responseId);
        a.put(FormResponseAnswerColumns.ITEM_ID, itemId);
        a.put(FormResponseAnswerColumns.ANSWER_DECIMAL, answer.hasValueDecimalType()
                ? answer.getValueDecimalType().getValue() : null);
        a.put(FormResponseAnswerColumns.ANSWER_STRING, answer.hasValueStringType()
                ? answer.getValueStringType().getValue() : null);
        Coding coding = answer.hasValueCoding() ? answer.getValueCoding() : null;
        a.put(FormResponseAnswerColumns.ANSWER + ColumnGroups.SYSTEM, coding == null ? null : coding.getSystem());
        a.put(FormResponseAnswerColumns.ANSWER + ColumnGroups.CODE, coding == null ? null : coding.getCode());
        a.put(FormResponseAnswerColumns.ANSWER + ColumnGroups.DISPLAY, coding == null ? null : coding.getDisplay());
        a.put(FormResponseAnswerColumns.ANSWER_INTEGER, answer.hasValueIntegerType()
                ? answer.getValueIntegerType().getValue() : null);
        a.put(FormResponseAnswerColumns.ANSWER_BOOLEAN, answer.hasValueBooleanType()
                ? answer.getValueBooleanType().getValue() : null);
        a.put(FormResponseAnswerColumns.ANSWER_DATE_TEXT, answer.hasValueDateType()
                ? answer.getValueDateType().getValueAsString() : null);
        a.put(FormResponseAnswerColumns.ANSWER_DATE_TIME_TEXT, answer.hasValueDateTimeType()
                ? answer.getValueDateTimeType().getValueAsString() : null);
        a.put(FormResponseAnswerColumns.ANSWER_TIME, answer.hasValueTimeType() ? answer.getValueTimeType().getValue()
                : null);
        a.put(FormResponseAnswerColumns.ANSWER_URI, answer.hasValueUriType() ? answer.getValueUriType().getValue()
                : null);
        if (answer.hasValue() && !answer.hasValueDecimalType() && !answer.hasValueStringType()
                && !answer.hasValueCoding() && !answer.hasValueIntegerType() && !answer.hasValueBooleanType()
                && !answer.hasValueDateType() && !answer.hasValueDateTimeType() && !answer.hasValueTimeType()
                && !answer.hasValueUriType()) {
            context.notMapped("item.answer.value", "a " + answer.getValue().fhirType() + " answer is not kept");
        }
        return a;
    }

    private static String extensionValue(CanonicalType element, String url) {
        Extension extension = element.getExtensionByUrl(url);
        return extension == null || !extension.hasValue() ? null : extension.getValue().primitiveValue();
    }
}
