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
 * @param keepsDeadlines whether it declared that its calls end by their deadline on their own
 *     ({@link EhrAdapter#keepsDeadlines()}): the gateway then calls it on the request's thread
 */
public record OpenAdapter(String name, String spiVersion, String source, EhrAdapter adapter,
        List<ResourceSupport> resources, boolean keepsDeadlines) {
}
