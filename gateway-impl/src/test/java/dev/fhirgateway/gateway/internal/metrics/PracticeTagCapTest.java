package dev.fhirgateway.gateway.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cap on distinct practice tag values")
class PracticeTagCapTest {

    @Test
    @DisplayName("tags the first N practices by name, later ones as 'other', and counts what it capped")
    void capsDistinctPractices() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter capped = registry.counter(GatewayMetrics.PRACTICES_CAPPED);
        registry.config().meterFilter(new PracticeTagCap(2, capped));

        for (String practice : new String[] {"p1", "p2", "p3", "p4", "p1", "none"}) {
            registry.counter("fhirgateway.requests", "practice", practice, "interaction", "read").increment();
        }

        assertThat(registry.get("fhirgateway.requests").tag("practice", "p1").counter().count()).isEqualTo(2);
        assertThat(registry.get("fhirgateway.requests").tag("practice", "p2").counter().count()).isEqualTo(1);
        assertThat(registry.get("fhirgateway.requests").tag("practice", "other").counter().count()).isEqualTo(2);
        assertThat(registry.get("fhirgateway.requests").tag("practice", "none").counter().count())
                .as("unattributed requests are not a practice").isEqualTo(1);
        assertThat(registry.find("fhirgateway.requests").tag("practice", "p3").counter()).isNull();
        assertThat(capped.count()).as("meters re-tagged: one per capped practice").isEqualTo(2);
    }

    @Test
    @DisplayName("meters without a practice tag pass unchanged")
    void otherMetersUntouched() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new PracticeTagCap(0, registry.counter(GatewayMetrics.PRACTICES_CAPPED)));
        registry.counter("jvm.something", "area", "heap").increment();
        assertThat(registry.get("jvm.something").tag("area", "heap").counter().count()).isEqualTo(1);
    }
}
