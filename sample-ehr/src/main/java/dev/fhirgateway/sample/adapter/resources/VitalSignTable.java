package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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

    private static final SearchColumns SEARCH = ObservationRows.search("r.alt_code_system", "r.alt_code_code")
            .tokenConstantOrInChild("category", ObservationRows.CATEGORY_SYSTEM, "vital-signs",
                    "vital_sign_category c WHERE c.vital_sign_id = r.id", "c.category_system", "c.category_code");

    VitalSignTable() {
        super("Observation",
                PROFILE_BY_TYPE.values().stream().distinct().sorted().toList(),
                ObservationRows.from("vital_sign"),
                ObservationRows.columns(),
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("components", "vital_sign_component", "vital_sign_id"),
                new ChildTable("categories", "vital_sign_category", "vital_sign_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Observation o = ObservationRows.observation(row,
                PROFILE_BY_TYPE.getOrDefault(row.string("vital_type"), VITAL_SIGNS));
        ObservationRows.addCategories(o, row, "vital-signs");
        if (row.has("alt_code_code")) {
            // The flowsheet's second code, then any further ones (additional_code), in the order recorded.
            o.getCode().getCoding().add(Math.min(1, o.getCode().getCoding().size()),
                    new Coding(row.string("alt_code_system"), row.string("alt_code_code"),
                            row.string("alt_code_display")));
        }
        for (TableRow component : row.children("components")) {
            Observation.ObservationComponentComponent c = o.addComponent();
            c.setCode(FhirValues.concept(component, "code"));
            c.setValue(ObservationRows.value(component));
            CodeableConcept absent = FhirValues.statusConcept(component, ObservationRows.DATA_ABSENT_REASON,
                    "data_absent_reason");
            c.setDataAbsentReason(absent);
        }
        return o;
    }
}
