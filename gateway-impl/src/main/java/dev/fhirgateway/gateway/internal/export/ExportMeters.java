package dev.fhirgateway.gateway.internal.export;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The bulk export meters ({@link GatewayMetrics#EXPORT_RESOURCES}, {@link GatewayMetrics#EXPORT_BYTES},
 * {@link GatewayMetrics#EXPORT_JOBS}), tagged by practice and client like the request meters (the registry's
 * practice cap applies to them too).
 */
@Singleton
public final class ExportMeters {

    private final MeterRegistry registry;

    @Inject
    public ExportMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void written(ExportJob job, String resourceType, long resources, long bytes) {
        Counter.builder(GatewayMetrics.EXPORT_RESOURCES).description("Resources written to bulk export files")
                .tag(GatewayMetrics.TAG_PRACTICE, job.practice()).tag(GatewayMetrics.TAG_CLIENT, job.clientId())
                .tag(GatewayMetrics.TAG_RESOURCE_TYPE, resourceType)
                .register(registry).increment(resources);
        Counter.builder(GatewayMetrics.EXPORT_BYTES).description("Bytes written to bulk export files").baseUnit("bytes")
                .tag(GatewayMetrics.TAG_PRACTICE, job.practice()).tag(GatewayMetrics.TAG_CLIENT, job.clientId())
                .register(registry).increment(bytes);
    }

    void finished(ExportJob job, ExportJob.Status outcome, Duration duration) {
        Timer.builder(GatewayMetrics.EXPORT_JOBS).description("Bulk export jobs, kick-off to end")
                .tag(GatewayMetrics.TAG_PRACTICE, job.practice()).tag(GatewayMetrics.TAG_CLIENT, job.clientId())
                .tag(GatewayMetrics.TAG_OUTCOME, outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).record(duration);
    }
}
