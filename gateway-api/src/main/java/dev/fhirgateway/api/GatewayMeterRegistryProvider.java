package dev.fhirgateway.api;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * Lets a host EHR hand the gateway its own Micrometer {@link MeterRegistry} instead of the built-in
 * Prometheus registry behind {@code /metrics}.
 *
 * <p>Found with {@link java.util.ServiceLoader}, like every host extension point: put a jar that implements this
 * interface and registers it in {@code META-INF/services/dev.fhirgateway.api.GatewayMeterRegistryProvider} in the
 * gateway's plugin directory (or {@code WEB-INF/lib}); the gateway reports at startup what it found, and refuses
 * to start with several. Compile against {@code gateway-api} and {@code micrometer-core}, both with
 * {@code provided} scope: the WAR supplies them at run time, and a second copy would make the registry an
 * incompatible type.
 *
 * <p>The gateway applies its meter filters (the cap on distinct practices) to the registry and binds its
 * meters to it; the host owns the registry and closes it. When the provided registry is not a
 * {@code PrometheusMeterRegistry}, {@code /metrics} answers 404: the host exports the meters its own way.
 */
public interface GatewayMeterRegistryProvider {

    /**
     * The registry the gateway should record into, or empty to use the built-in Prometheus registry.
     *
     * @param settings the gateway's settings, for a provider that is configured through them
     */
    Optional<MeterRegistry> meterRegistry(GatewaySettings settings);
}
