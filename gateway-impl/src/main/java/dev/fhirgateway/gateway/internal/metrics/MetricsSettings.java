package dev.fhirgateway.gateway.internal.metrics;

import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The metering settings, parsed and checked once at start.
 *
 * @param enabled whether requests are metered and the metrics and usage endpoints exist
 * @param allowFrom the client address ranges that may read the metrics and usage endpoints
 * @param token the bearer token those endpoints additionally require, if configured (never logged)
 * @param maxPractices how many distinct practices meters are tagged with before the rest become {@code other}
 * @param maxClients how many distinct clients meters are tagged with before the rest become {@code other}
 */
public record MetricsSettings(boolean enabled, List<CidrRange> allowFrom, Optional<String> token, int maxPractices,
        int maxClients) {

    /** Reads the settings; an invalid value fails the start, naming the setting. */
    public static MetricsSettings from(GatewaySettings settings) {
        String enabled = settings.get(GatewaySetting.METRICS_ENABLED).orElseThrow().trim().toLowerCase(Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalStateException("setting " + GatewaySetting.METRICS_ENABLED.key()
                    + " must be true or false, was '" + enabled + "'");
        }
        List<CidrRange> allowFrom = Arrays.stream(settings.get(GatewaySetting.METRICS_ALLOW_FROM).orElse("").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> CidrRange.parse(s, GatewaySetting.METRICS_ALLOW_FROM.key()))
                .toList();
        return new MetricsSettings(enabled.equals("true"), allowFrom, settings.get(GatewaySetting.METRICS_TOKEN),
                settings.getPositiveInt(GatewaySetting.METRICS_MAX_PRACTICES),
                settings.getPositiveInt(GatewaySetting.METRICS_MAX_CLIENTS));
    }

    @Override
    public String toString() {
        // The token is a secret: never part of a log line.
        return "MetricsSettings[enabled=" + enabled + ", allowFrom=" + allowFrom + ", token="
                + (token.isPresent() ? "****" : "none") + ", maxPractices=" + maxPractices + ", maxClients=" + maxClients + "]";
    }
}
