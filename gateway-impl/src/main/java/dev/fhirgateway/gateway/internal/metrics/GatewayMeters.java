package dev.fhirgateway.gateway.internal.metrics;

import dev.fhirgateway.api.GatewayMeterRegistryProvider;
import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.HostExtensions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meter registry the gateway records into, and its lifecycle.
 *
 * <ul>
 *   <li>Metering on, no host registry: a {@link PrometheusMeterRegistry}, scraped at {@code /metrics}.</li>
 *   <li>Metering on, a {@link GatewayMeterRegistryProvider} in {@code WEB-INF/lib} or the plugin directory
 *       answers: the host's registry.</li>
 *   <li>Metering off: an empty composite registry, whose meters record nothing.</li>
 * </ul>
 *
 * <p>The practice and client caps ({@link PracticeTagCap}, {@link TagValueCap}) and the JVM and process binders are applied to the registry.
 * It is also added to Micrometer's {@link Metrics#globalRegistry} for the gateway's lifetime: that is where
 * libraries inside adapters (HikariCP's pool metrics, for instance) instrument themselves, so the SPI
 * needs no Micrometer types.
 */
public final class GatewayMeters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMeters.class);

    private final MeterRegistry registry;
    private final boolean builtIn;
    private final PracticeTagCap practiceCap;
    private final List<AutoCloseable> binders = new ArrayList<>();

    private GatewayMeters(MeterRegistry registry, boolean builtIn, PracticeTagCap practiceCap) {
        this.registry = registry;
        this.builtIn = builtIn;
        this.practiceCap = practiceCap;
    }

    /**
     * Chooses and prepares the registry.
     *
     * @param loader where to look for a {@link GatewayMeterRegistryProvider}: the plugin loader when there is a
     *     plugin directory (its parent is the web application's loader, so {@code WEB-INF/lib} is searched too)
     */
    public static GatewayMeters create(MetricsSettings metrics, GatewaySettings settings, ClassLoader loader) {
        if (!metrics.enabled()) {
            LOG.info("Metering is off (setting fhirgateway.metrics.enabled=false): no /metrics, no /usage");
            return new GatewayMeters(new CompositeMeterRegistry(), false,
                    new PracticeTagCap(metrics.maxPractices(), Counter.builder(GatewayMetrics.PRACTICES_CAPPED)
                            .register(new CompositeMeterRegistry())));
        }
        Optional<MeterRegistry> provided = providedRegistry(settings, loader);
        MeterRegistry registry = provided.orElseGet(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        // The filter before any meter: Micrometer warns about (and does not apply) filters configured later.
        PracticeTagCap cap = new PracticeTagCap(metrics.maxPractices());
        registry.config().meterFilter(cap);
        // Clients come from signed tokens: an issuer with many registered apps (or a token-minting bug) must
        // not grow the registry without bound either.
        TagValueCap clientCap = new TagValueCap(GatewayMetrics.TAG_CLIENT, metrics.maxClients());
        registry.config().meterFilter(clientCap);
        cap.countCappedIn(Counter.builder(GatewayMetrics.PRACTICES_CAPPED)
                .description("Meters whose practice tag was replaced by 'other' (cap fhirgateway.metrics.max-practices)")
                .register(registry));
        clientCap.countCappedIn(Counter.builder(GatewayMetrics.CLIENTS_CAPPED)
                .description("Meters whose client tag was replaced by 'other' (cap fhirgateway.metrics.max-clients)")
                .register(registry));
        GatewayMeters meters = new GatewayMeters(registry, provided.isEmpty(), cap);
        meters.bindJvmAndProcess();
        Metrics.addRegistry(registry);
        LOG.info("Metering requests into {} ({}); practices tagged by name: up to {}; clients: up to {}",
                provided.isPresent() ? "the host's registry" : "the built-in Prometheus registry at /metrics",
                registry.getClass().getName(), metrics.maxPractices(), metrics.maxClients());
        return meters;
    }

    private static Optional<MeterRegistry> providedRegistry(GatewaySettings settings, ClassLoader loader) {
        List<HostExtensions.Found<GatewayMeterRegistryProvider>> providers =
                HostExtensions.find(GatewayMeterRegistryProvider.class, loader);
        if (providers.size() > 1) {
            throw new IllegalStateException("Several GatewayMeterRegistryProviders were found ("
                    + providers.stream().map(f -> f.extension().getClass().getName() + " from " + f.source())
                            .collect(Collectors.joining(", "))
                    + "): keep one, the gateway records into one registry");
        }
        for (HostExtensions.Found<GatewayMeterRegistryProvider> found : providers) {
            Optional<MeterRegistry> registry = found.extension().meterRegistry(settings);
            if (registry != null && registry.isPresent()) {
                LOG.info("Meter registry provided by {}", found.extension().getClass().getName());
                return registry;
            }
        }
        return Optional.empty();
    }

    private void bindJvmAndProcess() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new ContainerThreadPoolMetrics().bindTo(registry);
    }

    /** Where the gateway's meters go. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The built-in Prometheus registry, when the host did not provide one and metering is on. */
    public Optional<PrometheusMeterRegistry> prometheus() {
        return builtIn ? Optional.of((PrometheusMeterRegistry) registry) : Optional.empty();
    }

    /** The cap on distinct practice tag values, shared with the usage report. */
    public PracticeTagCap practiceCap() {
        return practiceCap;
    }

    /** Detaches from the global registry, stops the binders, and closes the built-in registry (never the host's). */
    @Override
    public void close() {
        Metrics.removeRegistry(registry);
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping a meter binder: {}", e.getClass().getName());
            }
        }
        if (builtIn) {
            registry.close();
        }
    }
}
