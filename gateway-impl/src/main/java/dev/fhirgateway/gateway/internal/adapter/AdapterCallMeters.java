package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Times adapter calls per adapter, operation, resource type and outcome ({@code success}, or the failure:
 * {@code unavailable}, {@code timeout}, {@code invalid-cursor}, {@code unsupported-search}, {@code error}),
 * and meters the worker pool the calls run on (a plain executor: this works in any servlet container).
 */
@Singleton
public final class AdapterCallMeters {

    /** Outcome of a call that returned. */
    public static final String SUCCESS = "success";

    private final MeterRegistry registry;

    @Inject
    public AdapterCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that record nothing (for tests and tools that build an executor alone). */
    public static AdapterCallMeters none() {
        return new AdapterCallMeters(new CompositeMeterRegistry());
    }

    private static final Duration[] LATENCY_SLOS = GatewayMetrics.LATENCY_BUCKETS.toArray(Duration[]::new);

    /**
     * Timers already registered, by their tag values: a call finds its timer with one lookup instead of building
     * tags and an id and asking the registry. The keys are bounded by code (adapters, operations, outcomes), not
     * by client input; {@link #MAX_REMEMBERED} bounds them anyway.
     */
    private final ConcurrentHashMap<CallKey, Timer> timers = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 10_000;

    /** Equality and hash written out: a record's generated ones showed in a profile of this per-call lookup. */
    private record CallKey(String adapter, String operation, String outcome) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey k && Objects.equals(adapter, k.adapter) && Objects.equals(operation, k.operation)
                    && Objects.equals(outcome, k.outcome);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(adapter) * 31 + Objects.hashCode(operation)) * 31 + Objects.hashCode(outcome);
        }
    }

    /**
     * Records one call.
     *
     * @param operation the call as the executor names it: an operation then a resource type, e.g. {@code read Patient}
     */
    public void record(String adapter, String operation, String outcome, long durationNanos) {
        CallKey key = new CallKey(adapter, operation, outcome);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.size() < MAX_REMEMBERED ? timers.computeIfAbsent(key, this::register) : register(key);
        }
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(CallKey key) {
        String[] parts = key.operation().split(" ", 2);
        return Timer.builder(GatewayMetrics.ADAPTER_CALLS)
                .description("Calls into an EHR adapter")
                .tags(GatewayMetrics.TAG_ADAPTER, key.adapter(),
                        GatewayMetrics.TAG_OPERATION, parts[0],
                        GatewayMetrics.TAG_RESOURCE_TYPE, parts.length > 1 ? parts[1] : GatewayMetrics.NONE,
                        GatewayMetrics.TAG_OUTCOME, key.outcome())
                .serviceLevelObjectives(LATENCY_SLOS)
                .register(registry);
    }

    /** {@code workers}, metered as {@code executor.*} with {@code name=adapter-calls}. */
    public ExecutorService monitor(ExecutorService workers) {
        return ExecutorServiceMetrics.monitor(registry, workers, "adapter-calls", Collections.emptyList());
    }
}
