package dev.fhirgateway.sample.fhirimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class ObservationColumnsTest {

    private final ImportReport report = new ImportReport("test");
    private final ImportContext context = new ImportContext(null, 1, Map.of(), Map.of(), report);

    @Test
    void aTimeIsItsOwnRangeInLocalTimeAndUtc() {
        Map<String, Object> row = new HashMap<>();
        ObservationColumns.putEffective(row, new DateTimeType("2020-01-01T23:30:00-08:00"), context);
        assertThat(row).containsEntry("effective_is_period", false)
                .containsEntry("effective_text", "2020-01-01T23:30:00-08:00")
                .containsEntry("effective_end_text", null)
                .containsEntry("effective_local_start", LocalDateTime.of(2020, 1, 1, 23, 30))
                .containsEntry("effective_utc_start", LocalDateTime.of(2020, 1, 2, 7, 30))
                .containsEntry("effective_utc_end", LocalDateTime.of(2020, 1, 2, 7, 30, 1));
    }

    @Test
    void aPeriodSpansFromTheStartOfItsStartToTheEndOfItsEnd() {
        Map<String, Object> row = new HashMap<>();
        Period period = new Period().setStartElement(new DateTimeType("2019-05-01"))
                .setEndElement(new DateTimeType("2019-05-03"));
        ObservationColumns.putEffective(row, period, context);
        assertThat(row).containsEntry("effective_is_period", true)
                .containsEntry("effective_text", "2019-05-01")
                .containsEntry("effective_end_text", "2019-05-03")
                .containsEntry("effective_local_start", LocalDateTime.of(2019, 5, 1, 0, 0))
                .containsEntry("effective_local_end", LocalDateTime.of(2019, 5, 4, 0, 0));
    }

    @Test
    void anOpenPeriodEndIsTheEndOfTime() {
        Map<String, Object> row = new HashMap<>();
        ObservationColumns.putEffective(row, new Period().setStartElement(new DateTimeType("2019-05-01")), context);
        assertThat(row).containsEntry("effective_end_text", null)
                .containsEntry("effective_local_end", ObservationColumns.OPEN_END)
                .containsEntry("effective_utc_end", ObservationColumns.OPEN_END);
    }

    @Test
    void aQuantityKeepsTheDecimalsItWasWrittenWith() {
        Map<String, Object> row = new HashMap<>();
        ObservationColumns.putValue(row, new Quantity().setValue(new BigDecimal("36.50")).setUnit("Cel")
                .setSystem("http://unitsofmeasure.org").setCode("Cel"), context, "value");
        assertThat(row).containsEntry("value_quantity", new BigDecimal("36.50")).containsEntry("value_decimals", 2)
                .containsEntry("value_unit_code", "Cel").containsEntry("value_string", null);
        assertThat(report.notMapped()).isEmpty();
    }

    @Test
    void textIsKeptAndValuesOfOtherTypesAreReported() {
        Map<String, Object> row = new HashMap<>();
        ObservationColumns.putValue(row, new StringType("Negative"), context, "value");
        assertThat(row).containsEntry("value_string", "Negative").containsEntry("value_quantity", null);
        ObservationColumns.putValue(row, new Range(), context, "value");
        assertThat(report.notMapped()).isEmpty();
        ObservationColumns.putValue(row, new Range().setLow(new Quantity(1)), context, "value");
        assertThat(report.notMapped()).singleElement().asString().contains("Range");
    }
}
