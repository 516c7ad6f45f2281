package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Times adapter calls per adapter, operation, resource type and outcome ({@code success}, or the failure:
 * {@code unavailable}, {@code timeout}, {@code invalid-cursor}, {@code unsupported-search}, {@code error}),
 * and meters the worker pool the calls run on (a plain executor: this works in any servlet container).
 */
public final class AdapterCallMeters {

    /** Outcome of a call that returned. */
    public static final String SUCCESS = "success";

    private final MeterRegistry registry;

    public AdapterCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that record nothing (for tests and tools that build an executor alone). */
    public static AdapterCallMeters none() {
        return new AdapterCallMeters(new CompositeMeterRegistry());
    }

    /**
     * Records one call.
     *
     * @param operation the call as the executor names it: an operation then a resource type, e.g. {@code read Patient}
     */
    private static final Duration[] LATENCY_SLOS = GatewayMetrics.LATENCY_BUCKETS.toArray(Duration[]::new);

    public void record(String adapter, String operation, String outcome, long durationNanos) {
        String[] parts = operation.split(" ", 2);
        Timer.builder(GatewayMetrics.ADAPTER_CALLS)
                .description("Calls into an EHR adapter")
                .tags(GatewayMetrics.TAG_ADAPTER, adapter,
                        GatewayMetrics.TAG_OPERATION, parts[0],
                        GatewayMetrics.TAG_RESOURCE_TYPE, parts.length > 1 ? parts[1] : GatewayMetrics.NONE,
                        GatewayMetrics.TAG_OUTCOME, outcome)
                .serviceLevelObjectives(LATENCY_SLOS)
                .register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** {@code workers}, metered as {@code executor.*} with {@code name=adapter-calls}. */
    public ExecutorService monitor(ExecutorService workers) {
        return ExecutorServiceMetrics.monitor(registry, workers, "adapter-calls", Collections.emptyList());
    }
}
