package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.TestResultCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.TestResultColumns;
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
            .tokenOfSystemOrInChild("category", ObservationRows.CATEGORY_SYSTEM,
                    "r." + TestResultColumns.RESULT_CATEGORY,
                    TestResultCategoryColumns.TABLE + " c WHERE c." + TestResultCategoryColumns.TEST_RESULT_ID
                            + " = r." + TestResultColumns.ID,
                    "c." + TestResultCategoryColumns.CATEGORY + ColumnGroups.SYSTEM,
                    "c." + TestResultCategoryColumns.CATEGORY + ColumnGroups.CODE);

    TestResultTable() {
        super("Observation",
                List.of(LAB, CLINICAL_RESULT),
                ObservationRows.from(TestResultColumns.TABLE),
                ObservationRows.columns(),
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", TestResultCategoryColumns.TABLE,
                TestResultCategoryColumns.TEST_RESULT_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        String category = row.string(TestResultColumns.RESULT_CATEGORY);
        Observation o = ObservationRows.observation(row, "laboratory".equals(category) ? LAB : CLINICAL_RESULT);
        ObservationRows.addCategories(o, row, category);
        if (row.has(TestResultColumns.INTERPRETATION_CODE)) {
            o.addInterpretation(FhirValues.concept(INTERPRETATION, row.string(TestResultColumns.INTERPRETATION_CODE),
                    row.string(TestResultColumns.INTERPRETATION_DISPLAY), null));
        }
        Quantity low = ObservationRows.quantity(row.decimal(TestResultColumns.RANGE_LOW),
                row.intValue(TestResultColumns.RANGE_LOW_DECIMALS),
                row.string(TestResultColumns.RANGE_UNIT), row.string(TestResultColumns.RANGE_UNIT_SYSTEM),
                row.string(TestResultColumns.RANGE_UNIT_CODE));
        Quantity high = ObservationRows.quantity(row.decimal(TestResultColumns.RANGE_HIGH),
                row.intValue(TestResultColumns.RANGE_HIGH_DECIMALS),
                row.string(TestResultColumns.RANGE_UNIT), row.string(TestResultColumns.RANGE_UNIT_SYSTEM),
                row.string(TestResultColumns.RANGE_UNIT_CODE));
        if (low != null || high != null || row.has(TestResultColumns.RANGE_TEXT)) {
            Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
            range.setLow(low);
            range.setHigh(high);
            range.setText(row.string(TestResultColumns.RANGE_TEXT));
        }
        o.setSpecimen(FhirValues.reference(row.string(TestResultColumns.SPECIMEN_REF_TYPE),
                row.string(TestResultColumns.SPECIMEN_REF_ID)));
        return o;
    }
}
