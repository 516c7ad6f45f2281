package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
            .tokenInChild("category", "assessment_answer_category c WHERE c.assessment_answer_id = r.id",
                    "c.category_system", "c.category_code");

    AssessmentAnswerTable() {
        super("Observation",
                List.of(SCREENING_ASSESSMENT, SIMPLE),
                ObservationRows.from("assessment_answer"),
                ObservationRows.columns(),
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", "assessment_answer_category", "assessment_answer_id"),
                new ChildTable("links", "assessment_answer_link", "assessment_answer_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        List<TableRow> categories = row.children("categories");
        boolean survey = categories.stream().anyMatch(c -> ObservationRows.CATEGORY_SYSTEM.equals(
                c.string("category_system")) && "survey".equals(c.string("category_code")));
        Observation o = ObservationRows.observation(row, survey ? SCREENING_ASSESSMENT : SIMPLE);
        for (TableRow c : categories) {
            // Every coding and the text of the category, as recorded.
            o.addCategory(FhirValues.concept(c, "category"));
        }
        for (TableRow link : row.children("links")) {
            var reference = FhirValues.reference(link.string("target_ref_type"), link.string("target_ref_id"));
            if ("has-member".equals(link.string("link_type"))) {
                o.addHasMember(reference);
            } else {
                o.addDerivedFrom(reference);
            }
        }
        return o;
    }
}
