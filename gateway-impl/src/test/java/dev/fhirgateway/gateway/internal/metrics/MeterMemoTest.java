package dev.fhirgateway.gateway.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeterMemoTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger registrations = new AtomicInteger();

    private Counter register(String practice) {
        registrations.incrementAndGet();
        return Counter.builder("requests").tag("practice", practice).register(registry);
    }

    @Test
    void registersOncePerKeyAndCountsIntoTheRegisteredMeter() {
        MeterMemo<String, Counter> memo = new MeterMemo<>(10);
        for (int i = 0; i < 5; i++) {
            memo.get("1001", () -> register("1001")).increment();
        }
        memo.get("2002", () -> register("2002")).increment();

        assertThat(registrations).hasValue(2);
        assertThat(registry.get("requests").tag("practice", "1001").counter().count()).isEqualTo(5);
        assertThat(registry.get("requests").tag("practice", "2002").counter().count()).isEqualTo(1);
    }

    @Test
    void pastItsBoundItAsksTheRegistryEveryTimeAndStillCountsRight() {
        MeterMemo<String, Counter> memo = new MeterMemo<>(1);
        memo.get("1001", () -> register("1001")).increment();
        for (int i = 0; i < 3; i++) {
            memo.get("2002", () -> register("2002")).increment();
        }

        assertThat(registrations).hasValue(4);
        assertThat(registry.get("requests").tag("practice", "2002").counter().count()).isEqualTo(3);
    }
}
