package dev.fhirgateway.gateway.internal.limits;

import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.gateway.internal.metrics.MeterMemo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The limiter's meters. Practice and client tags go through the registry's caps
 * ({@code fhirgateway.metrics.max-practices}, {@code max-clients}) like every other meter.
 */
final class LimitMeters {

    static final String ALLOWED = "allowed";
    static final String NEAR = "near";
    static final String THROTTLED = "throttled";

    private final MeterRegistry registry;
    private final boolean enabled;
    private final Counter storeFailures;
    private final MeterMemo<Decision, Counter> decisions = new MeterMemo<>(10_000);

    private record Decision(String practice, String client, String limit, String outcome) {
    }

    LimitMeters(MeterRegistry registry, boolean enabled, BooleanSupplier storeAvailable) {
        this.registry = registry;
        this.enabled = enabled;
        this.storeFailures = Counter.builder(GatewayMetrics.LIMIT_STORE_FAILURES)
                .description("Limit checks the shared store (Redis) did not answer; the request was let through")
                .register(registry);
        Gauge.builder(GatewayMetrics.LIMIT_STORE_AVAILABLE, () -> storeAvailable.getAsBoolean() ? 1 : 0)
                .description("1 while the limits' store answers, 0 while requests are let through unlimited")
                .register(registry);
    }

    void decision(String practice, String client, String limit, String outcome) {
        if (!enabled) {
            return;
        }
        decisions.get(new Decision(practice, client, limit, outcome), () -> Counter
                .builder(GatewayMetrics.LIMIT_REQUESTS)
                .description("Limited requests: allowed, near a limit (under 10% left) or throttled (429)")
                .tags(GatewayMetrics.TAG_PRACTICE, practice, GatewayMetrics.TAG_CLIENT, client,
                        GatewayMetrics.TAG_LIMIT, limit, GatewayMetrics.TAG_OUTCOME, outcome)
                .register(registry)).increment();
    }

    void storeFailure() {
        storeFailures.increment();
    }
}
