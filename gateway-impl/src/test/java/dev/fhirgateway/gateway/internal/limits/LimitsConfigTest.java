package dev.fhirgateway.gateway.internal.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Request limits: rates, defaults and overrides")
class LimitsConfigTest {

    @Test
    @DisplayName("rates read N/s, N/min, N/h and off; anything else is refused naming the setting")
    void rates() {
        assertThat(Rate.parse("50/s", "x")).hasValue(new Rate(50, Duration.ofSeconds(1)));
        assertThat(Rate.parse(" 600 / min ", "x")).hasValue(new Rate(600, Duration.ofMinutes(1)));
        assertThat(Rate.parse("3/h", "x")).hasValue(new Rate(3, Duration.ofHours(1)));
        assertThat(Rate.parse("off", "x")).isEmpty();
        assertThat(Rate.parse("", "x")).isEmpty();
        for (String bad : new String[] {"0/s", "-1/s", "50", "50/day", "lots"}) {
            assertThatThrownBy(() -> Rate.parse(bad, "fhirgateway.limits.practice-rate"))
                    .hasMessageContaining("fhirgateway.limits.practice-rate").hasMessageContaining("N/s");
        }
    }

    @Test
    @DisplayName("overrides replace the defaults field by field; a burst defaults to the rate's N")
    void overridesPerField() {
        LimitsConfig config = LimitsConfig.build(1, Map.of("rate", "100/s", "burst", "300", "concurrency", "8"),
                Map.of("daily-quota", "1000"), Map.of("practice.1001.concurrency", "2",
                        "practice.org.2002.rate", "10/min", "client.app:one.rate", "5/s", "client.app:one.burst", "9"));
        assertThat(config.practice("1001").rate()).hasValue(new TokenBucketLimit(new Rate(100, Duration.ofSeconds(1)), 300));
        assertThat(config.practice("1001").concurrency()).isEqualTo(OptionalInt.of(2));
        // A practice id with dots: the field is after the last one.
        assertThat(config.practice("org.2002").rate()).hasValue(new TokenBucketLimit(new Rate(10, Duration.ofMinutes(1)), 300));
        assertThat(config.practice("other").concurrency()).isEqualTo(OptionalInt.of(8));
        assertThat(config.client("app:one").rate()).hasValue(new TokenBucketLimit(new Rate(5, Duration.ofSeconds(1)), 9));
        assertThat(config.client("app:one").dailyQuota()).hasValue(1000);
        assertThat(config.client("someone").rate()).isEqualTo(Optional.empty());

        LimitsConfig noBurst = LimitsConfig.build(1, Map.of("rate", "20/s"), Map.of(), Map.of());
        assertThat(noBurst.practiceDefaults().rate()).hasValue(new TokenBucketLimit(new Rate(20, Duration.ofSeconds(1)), 20));
        assertThat(noBurst.practiceDefaults().rate().get().windowSeconds()).isEqualTo(1);
    }

    @Test
    @DisplayName("an invalid override is refused naming its key")
    void invalidOverrides() {
        assertThatThrownBy(() -> LimitsConfig.build(1, Map.of(), Map.of(), Map.of("practice.1001.rate", "fast")))
                .hasMessageContaining("practice.1001.rate");
        assertThatThrownBy(() -> LimitsConfig.build(1, Map.of(), Map.of(), Map.of("practice.1001.daily-quota", "5")))
                .hasMessageContaining("practice.1001.daily-quota").hasMessageContaining("unknown");
        assertThatThrownBy(() -> LimitsConfig.build(1, Map.of(), Map.of(), Map.of("client.x.concurrency", "0")))
                .hasMessageContaining("client.x.concurrency");
        assertThatThrownBy(() -> LimitsConfig.build(1, Map.of(), Map.of(), Map.of("client.x.daily-quota", "0")))
                .hasMessageContaining("client.x.daily-quota");
        assertThatThrownBy(() -> LimitsConfig.build(1, Map.of(), Map.of(), Map.of("practice1001", "5")))
                .hasMessageContaining("practice.<id>.<field>");
    }
}
