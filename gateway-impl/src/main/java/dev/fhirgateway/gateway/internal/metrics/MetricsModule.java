package dev.fhirgateway.gateway.internal.metrics;

import ca.uhn.fhir.context.FhirContext;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallMeters;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import java.time.Clock;

/** Wires metering: the registry, the request and adapter-call meters, the usage ledger and the endpoints. */
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

    @Provides
    @Singleton
    UsageLedger usage(GatewayMeters meters) {
        return new UsageLedger(Clock.systemUTC(), meters.practiceCap());
    }

    @Provides
    @Singleton
    RequestMeters requestMeters(GatewayMeters meters, UsageLedger usage, MetricsSettings metrics) {
        return new RequestMeters(meters.registry(), usage, metrics.enabled());
    }

    @Provides
    @Singleton
    AdapterCallMeters adapterCallMeters(GatewayMeters meters) {
        return new AdapterCallMeters(meters.registry());
    }

    @Provides
    @Singleton
    PracticeMeteringInterceptor meteringInterceptor(RequestMeters meters, FhirContext context) {
        return new PracticeMeteringInterceptor(meters, context);
    }

    @Provides
    @Singleton
    MetricsEndpoints endpoints(MetricsSettings metrics, GatewayMeters meters, UsageLedger usage, FhirContext context,
            QuotaReport quota) {
        return new MetricsEndpoints(metrics, new ScrapeAccessFilter(metrics, context),
                new PrometheusScrapeServlet(meters.prometheus(), context),
                new UsageReportServlet(usage, Clock.systemUTC(), context, quota));
    }
}
