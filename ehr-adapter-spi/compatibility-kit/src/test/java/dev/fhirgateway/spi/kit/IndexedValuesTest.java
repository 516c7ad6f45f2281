package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IndexedValuesTest {

    @Test
    @DisplayName("a union is split at its top level only: not inside parentheses or quotes")
    void unionParts() {
        assertThat(IndexedValues.unionParts("Location.name|Location.alias"))
                .containsExactly("Location.name", "Location.alias");
        assertThat(IndexedValues.unionParts("(Observation.value as Quantity) | (Observation.value as SampledData)"))
                .containsExactly("(Observation.value as Quantity)", "(Observation.value as SampledData)");
        assertThat(IndexedValues.unionParts("Patient.identifier.where(system = 'a|b' or (value | id).exists())"))
                .containsExactly("Patient.identifier.where(system = 'a|b' or (value | id).exists())");
        assertThat(IndexedValues.unionParts("Patient.name")).containsExactly("Patient.name");
    }

    @Test
    @DisplayName("quantities(): number as written (precision kept), system and code")
    void quantity() {
        Observation o = new Observation();
        o.setValue(new Quantity().setValue(new BigDecimal("13.0")).setSystem(KitFixtures.UCUM).setCode("g/dL"));

        assertThat(IndexedValues.of(o, "Observation.value", ZoneOffset.UTC).quantities()).singleElement()
                .satisfies(q -> {
                    assertThat(q.value()).isEqualTo(new BigDecimal("13.0"));
                    assertThat(q.value().scale()).isEqualTo(1);
                    assertThat(q.system()).isEqualTo(KitFixtures.UCUM);
                    assertThat(q.code()).isEqualTo("g/dL");
                });
    }

    @Test
    @DisplayName("quantities(): specializations of Quantity count (Age), a Range and a quantity without number do not")
    void specializationsAndNonQuantities() {
        Condition c = new Condition();
        c.setOnset(new Age().setValue(new BigDecimal("42")).setSystem(KitFixtures.UCUM).setCode("a"));
        c.setAbatement(new Range().setLow(new Quantity().setValue(new BigDecimal("50"))));
        Observation noNumber = new Observation();
        noNumber.setValue(new Quantity().setSystem(KitFixtures.UCUM).setCode("mg"));

        assertThat(IndexedValues.of(c, "Condition.onset", ZoneOffset.UTC).quantities())
                .extracting(IndexedValues.QuantityValue::code).containsExactly("a");
        assertThat(IndexedValues.of(c, "Condition.abatement", ZoneOffset.UTC).quantities()).isEmpty();
        assertThat(IndexedValues.of(noNumber, "Observation.value", ZoneOffset.UTC).quantities()).isEmpty();
    }
}
