package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.ObservationTableColumns;
import dev.fhirgateway.sample.adapter.schema.VitalSignCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.VitalSignColumns;
import dev.fhirgateway.sample.adapter.schema.VitalSignComponentColumns;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The vitals flowsheet ({@code vital_sign}, {@code vital_sign_component}) as US Core vital-sign Observations: each
 * flowsheet row type has its own US Core profile; rows of other types are plain US Core vital signs.
 */
final class VitalSignTable extends ResourceTable {

    static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";
    static final String VITAL_SIGNS = US_CORE + "us-core-vital-signs";

    /** The profile of each flowsheet row type ({@code vital_sign.vital_type}). */
    static final Map<String, String> PROFILE_BY_TYPE = Map.ofEntries(
            Map.entry("heart-rate", US_CORE + "us-core-heart-rate"),
            Map.entry("respiratory-rate", US_CORE + "us-core-respiratory-rate"),
            Map.entry("body-temperature", US_CORE + "us-core-body-temperature"),
            Map.entry("body-height", US_CORE + "us-core-body-height"),
            Map.entry("body-weight", US_CORE + "us-core-body-weight"),
            Map.entry("bmi", US_CORE + "us-core-bmi"),
            Map.entry("head-circumference", US_CORE + "us-core-head-circumference"),
            Map.entry("blood-pressure", US_CORE + "us-core-blood-pressure"),
            Map.entry("pulse-oximetry", US_CORE + "us-core-pulse-oximetry"),
            Map.entry("bmi-for-age", US_CORE + "pediatric-bmi-for-age"),
            Map.entry("weight-for-height", US_CORE + "pediatric-weight-for-height"),
            Map.entry("head-circumference-percentile", US_CORE + "head-occipital-frontal-circumference-percentile"),
            Map.entry("other", VITAL_SIGNS));

    private static final SearchColumns SEARCH = ObservationRows.search("r." + VitalSignColumns.ALT_CODE
            + ColumnGroups.SYSTEM, "r." + VitalSignColumns.ALT_CODE + ColumnGroups.CODE)
            .tokenConstantOrInChild("category", ObservationRows.CATEGORY_SYSTEM, "vital-signs",
                    VitalSignCategoryColumns.TABLE + " c WHERE c." + VitalSignCategoryColumns.VITAL_SIGN_ID + " = r."
                            + VitalSignColumns.ID, "c." + VitalSignCategoryColumns.CATEGORY + ColumnGroups.SYSTEM, "c."
                            + VitalSignCategoryColumns.CATEGORY + ColumnGroups.CODE);

    VitalSignTable() {
        super("Observation",
                PROFILE_BY_TYPE.values().stream().distinct().sorted().toList(),
                ObservationRows.from(VitalSignColumns.TABLE),
                ObservationRows.columns(),
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("components", VitalSignComponentColumns.TABLE,
                VitalSignComponentColumns.VITAL_SIGN_ID),
                new ChildTable("categories", VitalSignCategoryColumns.TABLE, VitalSignCategoryColumns.VITAL_SIGN_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Observation o = ObservationRows.observation(row,
                PROFILE_BY_TYPE.getOrDefault(row.string(VitalSignColumns.VITAL_TYPE), VITAL_SIGNS));
        ObservationRows.addCategories(o, row, "vital-signs");
        if (row.has(VitalSignColumns.ALT_CODE + ColumnGroups.CODE)) {
            // The flowsheet's second code, then any further ones (additional_code), in the order recorded.
            o.getCode().getCoding().add(Math.min(1, o.getCode().getCoding().size()),
                    new Coding(row.string(VitalSignColumns.ALT_CODE + ColumnGroups.SYSTEM),
                    row.string(VitalSignColumns.ALT_CODE + ColumnGroups.CODE),
                            row.string(VitalSignColumns.ALT_CODE + ColumnGroups.DISPLAY)));
        }
        for (TableRow component : row.children("components")) {
            Observation.ObservationComponentComponent c = o.addComponent();
            c.setCode(FhirValues.concept(component, ObservationTableColumns.CODE));
            c.setValue(ObservationRows.value(component));
            CodeableConcept absent = FhirValues.statusConcept(component, ObservationRows.DATA_ABSENT_REASON,
                    ObservationTableColumns.DATA_ABSENT_REASON);
            c.setDataAbsentReason(absent);
        }
        return o;
    }
}
