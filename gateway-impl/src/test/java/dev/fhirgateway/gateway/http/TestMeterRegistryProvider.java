package dev.fhirgateway.gateway.http;

import dev.fhirgateway.api.GatewayMeterRegistryProvider;
import dev.fhirgateway.api.GatewaySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;

/**
 * A host's registry, as a host would hand it over: registered through {@code META-INF/services}, it provides a
 * {@link SimpleMeterRegistry} only to gateways started with {@value #SETTING}{@code =simple}, so the other HTTP
 * tests keep the built-in Prometheus registry.
 */
public final class TestMeterRegistryProvider implements GatewayMeterRegistryProvider {

    static final String SETTING = "fhirgateway.test.meter-registry";
    private static volatile SimpleMeterRegistry last;

    @Override
    public Optional<MeterRegistry> meterRegistry(GatewaySettings settings) {
        if (!settings.get(SETTING).filter("simple"::equals).isPresent()) {
            return Optional.empty();
        }
        last = new SimpleMeterRegistry();
        return Optional.of(last);
    }

    /** The registry handed to the most recently started gateway. */
    static SimpleMeterRegistry last() {
        return last;
    }
}
