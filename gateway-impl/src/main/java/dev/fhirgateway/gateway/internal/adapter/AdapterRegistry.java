package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SpiVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapters the gateway runs and which of them serves each resource type.
 *
 * <p>Built once at startup: checks each provider's SPI version, opens it, and assigns each resource type
 * to exactly one adapter. Two adapters that claim one type are an error unless the setting
 * {@code fhirgateway.adapter-for.<Type>} names the one to use.
 */
public final class AdapterRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterRegistry.class);

    /** The adapter serving one resource type. */
    public record Route(OpenAdapter adapter, ResourceSupport support) {
    }

    private final List<OpenAdapter> adapters;
    private final Map<String, Route> routes;

    private AdapterRegistry(List<OpenAdapter> adapters, Map<String, Route> routes) {
        this.adapters = List.copyOf(adapters);
        this.routes = routes;
    }

    /**
     * Opens the discovered providers and routes resource types to them.
     *
     * @throws AdapterStartupException for an incompatible SPI version, a duplicate adapter name, a provider that
     *     fails to open, or a resource type claimed twice without a routing setting
     */
    public static AdapterRegistry open(List<DiscoveredProvider> discovered, GatewaySettings settings) {
        checkNamesAreUnique(discovered);
        for (DiscoveredProvider d : discovered) {
            checkVersion(d);
        }
        List<OpenAdapter> opened = new ArrayList<>();
        try {
            AdapterConfig config = new AdapterConfig(settings.adapterSettings());
            for (DiscoveredProvider d : discovered) {
                opened.add(openOne(d, config));
            }
            Map<String, Route> routes = route(opened, settings);
            return new AdapterRegistry(opened, routes);
        } catch (RuntimeException e) {
            opened.forEach(AdapterRegistry::closeQuietly);
            throw e;
        }
    }

    /** The adapter that serves {@code resourceType}, if any. */
    public Optional<Route> route(String resourceType) {
        return Optional.ofNullable(routes.get(resourceType));
    }

    /** Every routed resource type with its adapter, sorted by type. */
    public Collection<Route> routes() {
        return routes.values();
    }

    public List<OpenAdapter> adapters() {
        return adapters;
    }

    /** Writes the startup report: each adapter, its SPI version, source, resource types and parameters. */
    public void logReport(Optional<String> pluginDir) {
        if (adapters.isEmpty()) {
            LOG.warn("No EHR adapter found: the gateway serves no resources and /health reports not ready. Put an"
                    + " adapter jar (with its libraries) in the plugin directory (setting {}, now {}) or in"
                    + " WEB-INF/lib; its jar must list its provider in META-INF/services/{}.",
                    GatewaySetting.PLUGIN_DIR.key(), pluginDir.orElse("not set"), EhrAdapterProvider.class.getName());
            return;
        }
        for (OpenAdapter a : adapters) {
            LOG.info("EHR adapter '{}' (SPI {}, from {}); calls run {}", a.name(), a.spiVersion(), a.source(),
                    a.keepsDeadlines() ? "on the request thread (the adapter keeps deadlines)"
                            : "on worker threads (504 at the deadline)");
            for (ResourceSupport r : a.resources()) {
                Route route = routes.get(r.resourceType());
                boolean served = route != null && route.adapter() == a;
                LOG.info("  {} {} profiles={} search={}", r.resourceType(), served ? "served" : "NOT served (routed elsewhere)",
                        r.profiles(), r.searchParameters().stream().map(p -> p.name() + ":" + p.type().name().toLowerCase())
                                .collect(Collectors.joining(", ", "[", "]")));
            }
        }
    }

    @Override
    public void close() {
        adapters.forEach(AdapterRegistry::closeQuietly);
    }

    private static void checkNamesAreUnique(List<DiscoveredProvider> discovered) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (DiscoveredProvider d : discovered) {
            byName.computeIfAbsent(d.provider().name(), k -> new ArrayList<>()).add(d.source());
        }
        byName.forEach((name, sources) -> {
            if (sources.size() > 1) {
                throw new AdapterStartupException("Two EHR adapters are named '" + name + "' (from " + sources
                        + "); remove one of the jars");
            }
        });
    }

    private static void checkVersion(DiscoveredProvider d) {
        String requested = d.provider().requestedSpiVersion();
        if (!SpiVersion.isCompatible(requested, SpiVersion.CURRENT)) {
            throw new AdapterStartupException("EHR adapter '" + d.provider().name() + "' (from " + d.source()
                    + ") was built for SPI version " + requested + ", but this gateway provides SPI version "
                    + SpiVersion.CURRENT + ". It runs adapters built for " + SpiVersion.CURRENT.split("\\.")[0]
                    + ".x up to " + SpiVersion.CURRENT + "; rebuild the adapter against this gateway's ehr-adapter-spi.");
        }
    }

    private static OpenAdapter openOne(DiscoveredProvider d, AdapterConfig config) {
        EhrAdapterProvider p = d.provider();
        EhrAdapter adapter;
        try {
            adapter = p.open(config);
        } catch (RuntimeException e) {
            throw new AdapterStartupException("EHR adapter '" + p.name() + "' failed to open: " + e.getMessage(), e);
        }
        if (adapter == null) {
            throw new AdapterStartupException("EHR adapter '" + p.name() + "' returned no adapter from open()");
        }
        List<ResourceSupport> resources = adapter.supportedResources();
        return new OpenAdapter(p.name(), p.requestedSpiVersion(), d.source(), adapter,
                resources == null ? List.of() : List.copyOf(resources), adapter.keepsDeadlines());
    }

    private static Map<String, Route> route(List<OpenAdapter> opened, GatewaySettings settings) {
        Map<String, List<Route>> claims = new TreeMap<>();
        for (OpenAdapter a : opened) {
            for (ResourceSupport r : a.resources()) {
                claims.computeIfAbsent(r.resourceType(), k -> new ArrayList<>()).add(new Route(a, r));
            }
        }
        settings.keysStartingWith(GatewaySetting.ADAPTER_FOR.key()).stream()
                .map(k -> k.substring(GatewaySetting.ADAPTER_FOR.key().length()))
                .filter(type -> !claims.containsKey(type))
                .forEach(type -> LOG.warn("Setting {}{} has no effect: no adapter serves a resource type '{}'"
                        + " (resource types are case-sensitive)", GatewaySetting.ADAPTER_FOR.key(), type, type));
        Map<String, Route> routes = new LinkedHashMap<>();
        claims.forEach((type, candidates) -> {
            Optional<String> chosen = settings.get(GatewaySetting.ADAPTER_FOR.key() + type);
            if (chosen.isPresent()) {
                Route pick = candidates.stream().filter(c -> c.adapter().name().equals(chosen.get())).findFirst()
                        .orElseThrow(() -> new AdapterStartupException("Setting " + GatewaySetting.ADAPTER_FOR.key()
                                + type + " names adapter '" + chosen.get() + "', but the adapters serving " + type
                                + " are " + names(candidates)));
                routes.put(type, pick);
            } else if (candidates.size() > 1) {
                throw new AdapterStartupException("Resource type " + type + " is claimed by several EHR adapters: "
                        + names(candidates) + ". Remove one, or choose one with the setting "
                        + GatewaySetting.ADAPTER_FOR.key() + type + "=<adapter name>");
            } else {
                routes.put(type, candidates.get(0));
            }
        });
        return routes;
    }

    private static String names(List<Route> routes) {
        return routes.stream().map(r -> "'" + r.adapter().name() + "' (from " + r.adapter().source() + ")")
                .collect(Collectors.joining(" and "));
    }

    private static void closeQuietly(OpenAdapter a) {
        try {
            a.adapter().close();
        } catch (Exception e) {
            LOG.warn("EHR adapter '{}' failed to close: {}", a.name(), e.getClass().getName());
        }
    }
}
