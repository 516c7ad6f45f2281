package dev.fhirgateway.gateway.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.api.GatewayMetrics;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The client tag of a request")
class ClientTagTest {

    /** The rule docs/metrics.md states for the client tag: the character loop must agree with it. */
    private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    @ParameterizedTest
    @ValueSource(strings = {"demo-1001", "app.example:prod@v2", "A_b-9", "x"})
    @DisplayName("is the client id itself when it looks like one")
    void keepsClientIds(String id) {
        assertThat(ClientTag.of(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "ünïcode", "app/1", "a\nb", "{\"json\":1}", "<script>", "x%20y"})
    @DisplayName("is 'invalid' for anything else a token could carry")
    void refusesOddValues(String id) {
        assertThat(ClientTag.of(id)).isEqualTo(GatewayMetrics.INVALID);
    }

    @Test
    @DisplayName("allows 64 characters, not 65")
    void boundsLength() {
        assertThat(ClientTag.of("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(ClientTag.of("a".repeat(65))).isEqualTo(GatewayMetrics.INVALID);
    }

    @Test
    @DisplayName("is 'unknown' without a client id")
    void unknownWithoutClient() {
        assertThat(ClientTag.of(null)).isEqualTo(GatewayMetrics.UNKNOWN);
        assertThat(ClientTag.of("")).isEqualTo(GatewayMetrics.UNKNOWN);
        assertThat(ClientTag.of("  ")).isEqualTo(GatewayMetrics.UNKNOWN);
        assertThat(ClientTag.of("-")).isEqualTo(GatewayMetrics.UNKNOWN);
    }

    @Test
    @DisplayName("agrees with the documented pattern on every printable ASCII character and a few others")
    void agreesWithDocumentedPattern() {
        for (char c = 0; c < 0x300; c++) {
            String id = "a" + c + "b";
            assertThat(ClientTag.looksLikeClientId(id)).as("character U+%04X", (int) c)
                    .isEqualTo(DOCUMENTED.matcher(id).matches());
        }
    }
}
