package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.ResourceSupport;
import java.util.List;

/**
 * An adapter the gateway opened, with what it declared.
 *
 * @param name the provider's name
 * @param spiVersion the SPI version it was built against
 * @param source where it was found
 * @param adapter the open adapter
 * @param resources what it declared it serves
 */
public record OpenAdapter(String name, String spiVersion, String source, EhrAdapter adapter,
        List<ResourceSupport> resources) {
}
