package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.FormResponseAnswerColumns;
import dev.fhirgateway.sample.adapter.schema.FormResponseColumns;
import dev.fhirgateway.sample.adapter.schema.FormResponseItemColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
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
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("status",
                    QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED.getSystem(), "r."
                            + FormResponseColumns.STATUS)
            .date("authored", "r." + FormResponseColumns.ANSWERED);
    // Not declared: questionnaire (MAY). Its value is a canonical URL, not a reference, and the compatibility kit
    // cannot derive expectations for it.

    QuestionnaireResponseTable() {
        super("QuestionnaireResponse",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(FormResponseColumns.TABLE, FormResponseColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "au", FormResponseColumns.AUTHOR_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", FormResponseColumns.ENCOUNTER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", au." + PractitionerColumns.PUBLIC_ID
                        + " AS author_public_id,"
                        + " e." + EncounterColumns.PUBLIC_ID + " AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("items", FormResponseItemColumns.TABLE, FormResponseItemColumns.RESPONSE_ID),
                new ChildTable("answers", FormResponseAnswerColumns.TABLE, FormResponseAnswerColumns.RESPONSE_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(row.string(FormResponseColumns.PUBLIC_ID));
        response.getMeta().addProfile(PROFILE);
        if (row.has(FormResponseColumns.RESPONSE_NUMBER + ColumnGroups.VALUE)) {
            response.setIdentifier(FhirValues.identifier(row, FormResponseColumns.RESPONSE_NUMBER));
        }
        CanonicalType questionnaire = new CanonicalType();
        questionnaire.setValue(row.string(FormResponseColumns.FORM_URL));
        if (row.has(FormResponseColumns.FORM_TITLE)) {
            questionnaire.addExtension(DISPLAY, new StringType(row.string(FormResponseColumns.FORM_TITLE)));
        }
        if (row.has(FormResponseColumns.FORM_LOCATION_URL)) {
            questionnaire.addExtension(QUESTIONNAIRE_URI,
                    new UriType(row.string(FormResponseColumns.FORM_LOCATION_URL)));
        }
        response.setQuestionnaireElement(questionnaire);
        response.setStatus(
                QuestionnaireResponse.QuestionnaireResponseStatus.fromCode(row.string(FormResponseColumns.STATUS)));
        response.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        response.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        response.setAuthoredElement(FhirValues.dateTime(row, FormResponseColumns.ANSWERED));
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
            answersByItem.computeIfAbsent(answer.longValue(FormResponseAnswerColumns.ITEM_ID),
                    k -> new ArrayList<>()).add(answer);
        }
        for (TableRow itemRow : itemRows) {
            QuestionnaireResponseItemComponent item;
            if (itemRow.has(FormResponseItemColumns.PARENT_ANSWER_ID)) {
                item = answers.get(itemRow.longValue(FormResponseItemColumns.PARENT_ANSWER_ID)).addItem();
            } else if (itemRow.has(FormResponseItemColumns.PARENT_ITEM_ID)) {
                item = items.get(itemRow.longValue(FormResponseItemColumns.PARENT_ITEM_ID)).addItem();
            } else {
                item = response.addItem();
            }
            item.setLinkId(itemRow.string(FormResponseItemColumns.LINK_ID));
            item.setText(itemRow.string(FormResponseItemColumns.QUESTION_TEXT));
            items.put(itemRow.id(), item);
            for (TableRow answerRow : answersByItem.getOrDefault(itemRow.id(), List.of())) {
                QuestionnaireResponseItemAnswerComponent answer = item.addAnswer();
                if (answerRow.has(FormResponseAnswerColumns.ANSWER_DECIMAL)) {
                    answer.setValue(
                            new DecimalType(plain(answerRow.decimal(FormResponseAnswerColumns.ANSWER_DECIMAL))));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER_STRING)) {
                    answer.setValue(new StringType(answerRow.string(FormResponseAnswerColumns.ANSWER_STRING)));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER + ColumnGroups.CODE)) {
                    answer.setValue(new Coding(answerRow.string(FormResponseAnswerColumns.ANSWER
                            + ColumnGroups.SYSTEM),
                            answerRow.string(FormResponseAnswerColumns.ANSWER + ColumnGroups.CODE),
                            answerRow.string(FormResponseAnswerColumns.ANSWER + ColumnGroups.DISPLAY)));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER_INTEGER)) {
                    answer.setValue(new IntegerType(answerRow.intValue(FormResponseAnswerColumns.ANSWER_INTEGER)));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER_BOOLEAN)) {
                    answer.setValue(new BooleanType(answerRow.bool(FormResponseAnswerColumns.ANSWER_BOOLEAN)));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER_DATE_TEXT)) {
                    answer.setValue(new DateType(answerRow.string(FormResponseAnswerColumns.ANSWER_DATE_TEXT)));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER_DATE_TIME_TEXT)) {
                    answer.setValue(
                            new DateTimeType(answerRow.string(FormResponseAnswerColumns.ANSWER_DATE_TIME_TEXT)));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER_TIME)) {
                    answer.setValue(new TimeType(answerRow.string(FormResponseAnswerColumns.ANSWER_TIME)));
                } else if (answerRow.has(FormResponseAnswerColumns.ANSWER_URI)) {
                    answer.setValue(new UriType(answerRow.string(FormResponseAnswerColumns.ANSWER_URI)));
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
