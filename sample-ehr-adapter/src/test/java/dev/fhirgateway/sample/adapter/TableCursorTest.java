package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.spi.AdapterException;
import org.junit.jupiter.api.Test;

class TableCursorTest {

    @Test
    void roundTripsTablesAndInternalIds() {
        for (int table : new int[] {0, 1, 9, 29}) {
            for (long id : new long[] {0, 1, 35, 36, 123_456_789L, Long.MAX_VALUE}) {
                TableCursor cursor = new TableCursor(table, id);
                assertThat(TableCursor.parse(cursor.text(), 30)).isEqualTo(cursor);
            }
        }
    }

    @Test
    void rejectsCursorsItDidNotIssue() {
        // Non-canonical spellings ("t0.+1", "t0.01", upper case) too, so that one page has exactly one cursor.
        for (String cursor : new String[] {null, "", "t", "t0", "t0.", "x0.1", "k1", "t0.-1", "t0.+1", "t0.01",
                "t00.1", "t0.A", "T0.1", "t0.1.5", "t0.1 ", "t0." + "z".repeat(13), "t0." + "z".repeat(20), "t1.1",
                "t-1.1"}) {
            assertThatThrownBy(() -> TableCursor.parse(cursor, 1)).as(String.valueOf(cursor))
                    .isInstanceOfSatisfying(AdapterException.class,
                            e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.INVALID_CURSOR));
        }
    }
}
