package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoreQuantityParametersTest {

    @Test
    @DisplayName("Observation value-quantity has FHIR R4's expression, from HAPI's model")
    void valueQuantity() {
        assertThat(CoreQuantityParameters.expression("Observation", "value-quantity"))
                .contains("(Observation.value as Quantity) | (Observation.value as SampledData)");
    }

    @Test
    @DisplayName("component-value-quantity finds the quantities of several components (a union HAPI cannot evaluate"
            + " whole: it compares quantities for duplicates, which needs UCUM)")
    void componentValueQuantity() {
        Observation o = new Observation();
        o.addComponent().setValue(new Quantity().setValue(new BigDecimal("120")).setCode("mm[Hg]"));
        o.addComponent().setValue(new Quantity().setValue(new BigDecimal("80")).setCode("mm[Hg]"));
        o.addComponent().setValue(new StringType("not a quantity"));
        String expression = CoreQuantityParameters.expression("Observation", "component-value-quantity").orElseThrow();

        assertThat(IndexedValues.of(o, expression, ZoneOffset.UTC).quantities())
                .extracting(IndexedValues.QuantityValue::value)
                .containsExactly(new BigDecimal("120"), new BigDecimal("80"));
    }

    @Test
    @DisplayName("parameters of other types, unknown parameters and unknown resource types have no quantity expression")
    void onlyQuantityParameters() {
        assertThat(CoreQuantityParameters.expression("Observation", "code")).isEmpty();
        assertThat(CoreQuantityParameters.expression("Observation", "kit-no-such-parameter")).isEmpty();
        assertThat(CoreQuantityParameters.expression("Patient", "value-quantity")).isEmpty();
        assertThat(CoreQuantityParameters.expression("NoSuchType", "value-quantity")).isEmpty();
    }

    @Test
    @DisplayName("US Core's own definition wins: the oracle uses FHIR R4's only where US Core has none")
    void usCoreFirst() {
        assertThat(SearchOracle.expression("Observation", "code")).contains("Observation.code");
        assertThat(SearchOracle.expression("Observation", "value-quantity"))
                .isEqualTo(CoreQuantityParameters.expression("Observation", "value-quantity"));
        assertThat(SearchOracle.expression("Patient", "value-quantity")).isEmpty();
    }
}
