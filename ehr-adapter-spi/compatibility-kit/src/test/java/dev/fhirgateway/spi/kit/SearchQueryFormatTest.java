package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SearchValue.Prefix;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SearchQueryFormatTest {

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "GT, 5.4, http://unitsofmeasure.org, mg, gt5.4|http://unitsofmeasure.org|mg",
            "EQ, 5.4, null, mg, eq5.4||mg",
            "LE, 5.4, null, null, le5.4",
            "EQ, 5.4, http://unitsofmeasure.org, null, eq5.4|http://unitsofmeasure.org|",
            "EQ, 5.40, null, null, eq5.40",
            "EQ, 100, null, null, eq100",
            "EQ, 1e2, null, null, eq1e2",
            "NE, 2.5e2, null, null, ne2.5e2",
            "EQ, -0.5, null, null, eq-0.5",
    })
    @DisplayName("a quantity is written in FHIR's search form and keeps its precision")
    void quantity(Prefix prefix, String number, String system, String code, String expected) {
        assertThat(SearchQueryFormat.value(new SearchValue.Quantity(prefix, new BigDecimal(number), system, code)))
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("a quantity criterion with two values is an OR list")
    void quantityCriterion() {
        SearchCriterion c = new SearchCriterion("value-quantity", List.of(
                new SearchValue.Quantity(Prefix.GE, new BigDecimal("5.4"), null, "mmol/L"),
                new SearchValue.Quantity(Prefix.LT, new BigDecimal("7"), null, null)));

        assertThat(SearchQueryFormat.query("Observation", List.of(c)))
                .isEqualTo("Observation?value-quantity=ge5.4||mmol/L,lt7");
    }
}
