package dev.fhirgateway.gateway.internal.metrics;

import ca.uhn.fhir.context.FhirContext;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires metering: the registry, the request meters, the usage ledger and the endpoints. The adapter-call meters
 * and {@link PracticeMeteringInterceptor} are built by their {@code @Inject} constructors.
 */
public final class MetricsModule extends AbstractModule {

    @Provides
    @Singleton
    MetricsSettings metricsSettings(GatewaySettings settings) {
        return MetricsSettings.from(settings);
    }

    @Provides
    @Singleton
    GatewayMeters meters(MetricsSettings metrics, GatewaySettings settings, AdapterDiscovery.Result discovery) {
        // The plugin loader's parent is the web application's loader: one search covers WEB-INF/lib and plugins.
        ClassLoader loader = discovery.pluginLoader().<ClassLoader>map(l -> l)
                .orElseGet(() -> GatewayMeters.class.getClassLoader());
        return GatewayMeters.create(metrics, settings, loader);
    }

    /** The registry every meter registers in: the built-in Prometheus registry or the host's. */
    @Provides
    @Singleton
    MeterRegistry registry(GatewayMeters meters) {
        return meters.registry();
    }

    @Provides
    @Singleton
    UsageLedger usage(GatewayMeters meters, Clock clock) {
        return new UsageLedger(clock, meters.practiceCap());
    }

    @Provides
    @Singleton
    RequestMeters requestMeters(MeterRegistry registry, UsageLedger usage, MetricsSettings metrics) {
        return new RequestMeters(registry, usage, metrics.enabled());
    }

    @Provides
    @Singleton
    MetricsEndpoints endpoints(MetricsSettings metrics, GatewayMeters meters, UsageLedger usage, FhirContext context,
            QuotaReport quota, Clock clock) {
        return new MetricsEndpoints(metrics, new ScrapeAccessFilter(metrics, context),
                new PrometheusScrapeServlet(meters.prometheus(), context),
                new UsageReportServlet(usage, clock, context, quota));
    }
}
