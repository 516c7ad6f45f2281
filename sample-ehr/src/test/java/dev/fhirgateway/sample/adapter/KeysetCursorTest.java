package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.spi.AdapterException;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {

    @Test
    void roundTripsInternalIds() {
        for (long id : new long[] {0, 1, 35, 36, 123_456_789L, Long.MAX_VALUE}) {
            assertThat(KeysetCursor.lastId(KeysetCursor.after(id))).isEqualTo(id);
        }
    }

    @Test
    void rejectsCursorsItDidNotIssue() {
        for (String cursor : new String[] {null, "", "k", "x1", "k-1", "k+1", "k01", "kA", "k1.5", "k" + "z".repeat(20)}) {
            assertThatThrownBy(() -> KeysetCursor.lastId(cursor)).as(String.valueOf(cursor))
                    .isInstanceOfSatisfying(AdapterException.class,
                            e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.INVALID_CURSOR));
        }
    }
}
