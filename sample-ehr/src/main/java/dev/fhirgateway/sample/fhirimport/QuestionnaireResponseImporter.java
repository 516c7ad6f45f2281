package dev.fhirgateway.sample.fhirimport;

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
        return "form_response";
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
        row.put("patient_id", RequiredPatient.internalId(context, q.getSubject(), "subject", q));
        row.put("response_number_system", q.getIdentifier().getSystem());
        row.put("response_number_value", q.getIdentifier().getValue());
        CanonicalType questionnaire = q.getQuestionnaireElement();
        row.put("form_url", questionnaire.getValue());
        row.put("form_title", extensionValue(questionnaire, DISPLAY));
        row.put("form_location_url", extensionValue(questionnaire, QUESTIONNAIRE_URI));
        row.put("status", q.getStatus().toCode());
        ClinicalTime.put(row, "answered", q.hasAuthored() ? q.getAuthoredElement().getValueAsString() : null);
        row.put("author_id", context.internalId(q.getAuthor(), "author", "Practitioner"));
        row.put("encounter_id", context.internalId(q.getEncounter(), "encounter", "Encounter"));
        long responseId = context.insert("form_response", row);
        insertItems(context, responseId, q.getItem(), null, null);
    }

    private static void insertItems(ImportContext context, long responseId,
            List<QuestionnaireResponseItemComponent> items, Long parentItemId, Long parentAnswerId) {
        for (QuestionnaireResponseItemComponent item : items) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("response_id", responseId);
            i.put("parent_item_id", parentItemId);
            i.put("parent_answer_id", parentAnswerId);
            i.put("link_id", item.getLinkId());
            i.put("question_text", item.getText());
            long itemId = context.insert("form_response_item", i);
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                long answerId = context.insert("form_response_answer", answer(context, responseId, itemId, answer));
                insertItems(context, responseId, answer.getItem(), null, answerId);
            }
            insertItems(context, responseId, item.getItem(), itemId, null);
        }
    }

    private static Map<String, Object> answer(ImportContext context, long responseId, long itemId,
            QuestionnaireResponseItemAnswerComponent answer) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("response_id", responseId);
        a.put("item_id", itemId);
        a.put("answer_decimal", answer.hasValueDecimalType() ? answer.getValueDecimalType().getValue() : null);
        a.put("answer_string", answer.hasValueStringType() ? answer.getValueStringType().getValue() : null);
        Coding coding = answer.hasValueCoding() ? answer.getValueCoding() : null;
        a.put("answer_system", coding == null ? null : coding.getSystem());
        a.put("answer_code", coding == null ? null : coding.getCode());
        a.put("answer_display", coding == null ? null : coding.getDisplay());
        a.put("answer_integer", answer.hasValueIntegerType() ? answer.getValueIntegerType().getValue() : null);
        a.put("answer_boolean", answer.hasValueBooleanType() ? answer.getValueBooleanType().getValue() : null);
        a.put("answer_date_text", answer.hasValueDateType() ? answer.getValueDateType().getValueAsString() : null);
        a.put("answer_date_time_text", answer.hasValueDateTimeType()
                ? answer.getValueDateTimeType().getValueAsString() : null);
        a.put("answer_time", answer.hasValueTimeType() ? answer.getValueTimeType().getValue() : null);
        a.put("answer_uri", answer.hasValueUriType() ? answer.getValueUriType().getValue() : null);
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
