package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class UsCoreSearchParametersTest {

    @Test
    void typedChoiceOfAnExtensionIsFoundByHapisEngine() {
        Condition condition = new Condition();
        condition.addExtension("http://hl7.org/fhir/StructureDefinition/condition-assertedDate",
                new DateTimeType("2016-08-10"));
        String expression = UsCoreSearchParameters.get().expression("Condition", "asserted-date").orElseThrow();

        assertThat(expression).endsWith(".value.ofType(dateTime)");
        assertThat(IndexedValues.of(condition, expression, ZoneOffset.UTC).dates()).hasSize(1);
    }

    @Test
    void resolveIsBecomesAReferenceTypeCheck() {
        Condition condition = new Condition();
        condition.setSubject(new Reference("Patient/85"));
        String expression = UsCoreSearchParameters.get().expression("Condition", "patient").orElseThrow();

        assertThat(IndexedValues.of(condition, expression, ZoneOffset.UTC).references()).hasSize(1);
    }
}
