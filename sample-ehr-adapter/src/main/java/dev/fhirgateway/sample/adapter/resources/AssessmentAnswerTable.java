package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.AssessmentAnswerCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.AssessmentAnswerColumns;
import dev.fhirgateway.sample.adapter.schema.AssessmentAnswerLinkColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Answers to screenings and assessments and other simple observations ({@code assessment_answer} with its
 * categories and links): filed under "survey" they are US Core Screening and Assessment Observations, otherwise
 * US Core Simple Observations.
 */
final class AssessmentAnswerTable extends ResourceTable {

    static final String SCREENING_ASSESSMENT = VitalSignTable.US_CORE + "us-core-observation-screening-assessment";
    static final String SIMPLE = VitalSignTable.US_CORE + "us-core-simple-observation";

    private static final SearchColumns SEARCH = ObservationRows.search()
            .tokenInChild("category", AssessmentAnswerCategoryColumns.TABLE + " c WHERE c."
                    + AssessmentAnswerCategoryColumns.ASSESSMENT_ANSWER_ID + " = r." + AssessmentAnswerColumns.ID,
                    "c." + AssessmentAnswerCategoryColumns.CATEGORY + ColumnGroups.SYSTEM, "c."
                            + AssessmentAnswerCategoryColumns.CATEGORY + ColumnGroups.CODE);

    AssessmentAnswerTable() {
        super("Observation",
                List.of(SCREENING_ASSESSMENT, SIMPLE),
                ObservationRows.from(AssessmentAnswerColumns.TABLE),
                ObservationRows.columns(),
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", AssessmentAnswerCategoryColumns.TABLE,
                AssessmentAnswerCategoryColumns.ASSESSMENT_ANSWER_ID),
                new ChildTable("links", AssessmentAnswerLinkColumns.TABLE,
                AssessmentAnswerLinkColumns.ASSESSMENT_ANSWER_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        List<TableRow> categories = row.children("categories");
        boolean survey = categories.stream().anyMatch(c -> ObservationRows.CATEGORY_SYSTEM.equals(
                c.string(AssessmentAnswerCategoryColumns.CATEGORY
                        + ColumnGroups.SYSTEM)) && "survey".equals(c.string(AssessmentAnswerCategoryColumns.CATEGORY
                        + ColumnGroups.CODE)));
        Observation o = ObservationRows.observation(row, survey ? SCREENING_ASSESSMENT : SIMPLE);
        for (TableRow c : categories) {
            // Every coding and the text of the category, as recorded.
            o.addCategory(FhirValues.concept(c, AssessmentAnswerCategoryColumns.CATEGORY));
        }
        for (TableRow link : row.children("links")) {
            var reference = FhirValues.reference(link.string(AssessmentAnswerLinkColumns.TARGET_REF_TYPE),
                    link.string(AssessmentAnswerLinkColumns.TARGET_REF_ID));
            if ("has-member".equals(link.string(AssessmentAnswerLinkColumns.LINK_TYPE))) {
                o.addHasMember(reference);
            } else {
                o.addDerivedFrom(reference);
            }
        }
        return o;
    }
}
