package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.spi.EhrAdapterProvider;

/**
 * An adapter provider found on the class path or in the plugin directory.
 *
 * @param provider the instantiated provider
 * @param source where it was found, for the startup report (a jar path or "WEB-INF/lib")
 */
public record DiscoveredProvider(EhrAdapterProvider provider, String source) {
}
