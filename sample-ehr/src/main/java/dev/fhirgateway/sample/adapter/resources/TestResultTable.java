package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * Test results ({@code test_result}): laboratory results as US Core Laboratory Result Observations, imaging,
 * procedure, exam and therapy results as US Core Clinical Result Observations.
 */
final class TestResultTable extends ResourceTable {

    static final String LAB = VitalSignTable.US_CORE + "us-core-observation-lab";
    static final String CLINICAL_RESULT = VitalSignTable.US_CORE + "us-core-observation-clinical-result";
    static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    private static final SearchColumns SEARCH = ObservationRows.search()
            .tokenOfSystemOrInChild("category", ObservationRows.CATEGORY_SYSTEM, "r.result_category",
                    "test_result_category c WHERE c.test_result_id = r.id", "c.category_system", "c.category_code");

    TestResultTable() {
        super("Observation",
                List.of(LAB, CLINICAL_RESULT),
                ObservationRows.from("test_result"),
                ObservationRows.columns(),
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", "test_result_category", "test_result_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        String category = row.string("result_category");
        Observation o = ObservationRows.observation(row, "laboratory".equals(category) ? LAB : CLINICAL_RESULT);
        ObservationRows.addCategories(o, row, category);
        if (row.has("interpretation_code")) {
            o.addInterpretation(FhirValues.concept(INTERPRETATION, row.string("interpretation_code"),
                    row.string("interpretation_display"), null));
        }
        Quantity low = ObservationRows.quantity(row.decimal("range_low"), row.intValue("range_low_decimals"),
                row.string("range_unit"), row.string("range_unit_system"), row.string("range_unit_code"));
        Quantity high = ObservationRows.quantity(row.decimal("range_high"), row.intValue("range_high_decimals"),
                row.string("range_unit"), row.string("range_unit_system"), row.string("range_unit_code"));
        if (low != null || high != null || row.has("range_text")) {
            Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
            range.setLow(low);
            range.setHigh(high);
            range.setText(row.string("range_text"));
        }
        o.setSpecimen(FhirValues.reference(row.string("specimen_ref_type"), row.string("specimen_ref_id")));
        return o;
    }
}
