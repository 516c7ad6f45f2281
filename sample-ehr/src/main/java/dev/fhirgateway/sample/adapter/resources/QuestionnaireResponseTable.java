package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.UriType;

/**
 * Form responses ({@code form_response} with its items and answers) as US Core QuestionnaireResponse. Items
 * nest below items (groups) or below answers, as the item rows say.
 */
final class QuestionnaireResponseTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-questionnaireresponse";
    static final String DISPLAY = "http://hl7.org/fhir/StructureDefinition/display";
    static final String QUESTIONNAIRE_URI =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-extension-questionnaire-uri";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("status",
                    QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED.getSystem(), "r.status")
            .date("authored", "r.answered");
    // Not declared: questionnaire (MAY). Its value is a canonical URL, not a reference, and the compatibility kit
    // cannot derive expectations for it.

    QuestionnaireResponseTable() {
        super("QuestionnaireResponse",
                List.of(PROFILE),
                "form_response r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN practitioner au ON au.id = r.author_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id",
                "r.*, p.public_id AS patient_public_id, au.public_id AS author_public_id,"
                        + " e.public_id AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("items", "form_response_item", "response_id"),
                new ChildTable("answers", "form_response_answer", "response_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(row.string("public_id"));
        response.getMeta().addProfile(PROFILE);
        if (row.has("response_number_value")) {
            response.setIdentifier(FhirValues.identifier(row, "response_number"));
        }
        CanonicalType questionnaire = new CanonicalType();
        questionnaire.setValue(row.string("form_url"));
        if (row.has("form_title")) {
            questionnaire.addExtension(DISPLAY, new StringType(row.string("form_title")));
        }
        if (row.has("form_location_url")) {
            questionnaire.addExtension(QUESTIONNAIRE_URI, new UriType(row.string("form_location_url")));
        }
        response.setQuestionnaireElement(questionnaire);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.fromCode(row.string("status")));
        response.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        response.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        response.setAuthoredElement(FhirValues.dateTime(row, "answered"));
        response.setAuthor(FhirValues.reference("Practitioner", row.string("author_public_id")));
        addItems(response, row.children("items"), row.children("answers"));
        return response;
    }

    /** Builds the item tree: rows come in insertion order, so parents precede their children. */
    private static void addItems(QuestionnaireResponse response, List<TableRow> itemRows, List<TableRow> answerRows) {
        Map<Long, QuestionnaireResponseItemComponent> items = new HashMap<>();
        Map<Long, QuestionnaireResponseItemAnswerComponent> answers = new HashMap<>();
        Map<Long, List<TableRow>> answersByItem = new HashMap<>();
        for (TableRow answer : answerRows) {
            answersByItem.computeIfAbsent(answer.longValue("item_id"), k -> new ArrayList<>()).add(answer);
        }
        for (TableRow itemRow : itemRows) {
            QuestionnaireResponseItemComponent item;
            if (itemRow.has("parent_answer_id")) {
                item = answers.get(itemRow.longValue("parent_answer_id")).addItem();
            } else if (itemRow.has("parent_item_id")) {
                item = items.get(itemRow.longValue("parent_item_id")).addItem();
            } else {
                item = response.addItem();
            }
            item.setLinkId(itemRow.string("link_id"));
            item.setText(itemRow.string("question_text"));
            items.put(itemRow.id(), item);
            for (TableRow answerRow : answersByItem.getOrDefault(itemRow.id(), List.of())) {
                QuestionnaireResponseItemAnswerComponent answer = item.addAnswer();
                if (answerRow.has("answer_decimal")) {
                    answer.setValue(new DecimalType(plain(answerRow.decimal("answer_decimal"))));
                } else if (answerRow.has("answer_string")) {
                    answer.setValue(new StringType(answerRow.string("answer_string")));
                } else if (answerRow.has("answer_code")) {
                    answer.setValue(new Coding(answerRow.string("answer_system"), answerRow.string("answer_code"),
                            answerRow.string("answer_display")));
                } else if (answerRow.has("answer_integer")) {
                    answer.setValue(new IntegerType(answerRow.intValue("answer_integer")));
                } else if (answerRow.has("answer_boolean")) {
                    answer.setValue(new BooleanType(answerRow.bool("answer_boolean")));
                } else if (answerRow.has("answer_date_text")) {
                    answer.setValue(new DateType(answerRow.string("answer_date_text")));
                } else if (answerRow.has("answer_date_time_text")) {
                    answer.setValue(new DateTimeType(answerRow.string("answer_date_time_text")));
                } else if (answerRow.has("answer_time")) {
                    answer.setValue(new TimeType(answerRow.string("answer_time")));
                } else if (answerRow.has("answer_uri")) {
                    answer.setValue(new UriType(answerRow.string("answer_uri")));
                }
                answers.put(answerRow.id(), answer);
            }
        }
    }

    /** The stored NUMERIC without the column's padding zeros: 60.000000 is answered as 60. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
