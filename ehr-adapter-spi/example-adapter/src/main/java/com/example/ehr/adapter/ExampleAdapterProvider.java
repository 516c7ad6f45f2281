package com.example.ehr.adapter;

import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SpiVersion;
import java.util.Map;

/**
 * The entry point the gateway finds through
 * {@code META-INF/services/dev.fhirgateway.spi.EhrAdapterProvider}. A real provider connects to the EHR here,
 * using the {@code fhirgateway.adapter.*} settings in {@code config}; this one starts with no patients.
 */
public final class ExampleAdapterProvider implements EhrAdapterProvider {

    @Override
    public String requestedSpiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String name() {
        return "example-in-memory";
    }

    @Override
    public EhrAdapter open(AdapterConfig config) {
        return new InMemoryPatientAdapter(Map.of());
    }
}
