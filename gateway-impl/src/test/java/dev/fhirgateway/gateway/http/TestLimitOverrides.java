package dev.fhirgateway.gateway.http;

import dev.fhirgateway.api.LimitOverrides;
import java.util.Map;

/**
 * A host's limit overrides for {@code LimitsHttpTest}: whatever the test puts in {@link #current} (nothing unless
 * it does, so the other tests' gateways, which find it too, keep their limits).
 */
public final class TestLimitOverrides implements LimitOverrides {

    static volatile Map<String, String> current = Map.of();

    @Override
    public Map<String, String> overrides() {
        return current;
    }
}
