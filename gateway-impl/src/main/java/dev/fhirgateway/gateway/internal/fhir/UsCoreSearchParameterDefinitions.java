package dev.fhirgateway.gateway.internal.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The canonical URLs of US Core 6.1.0's search parameters, so the CapabilityStatement can point each
 * parameter an adapter declares at its definition. Parameters US Core does not define get none.
 */
public final class UsCoreSearchParameterDefinitions {

    private static final String RESOURCE = "us-core-search-parameters.properties";

    /** FHIR R4's definition of {@code _lastUpdated}, which US Core uses as it is. */
    public static final String LAST_UPDATED = "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated";

    private final Properties definitions = new Properties();

    public UsCoreSearchParameterDefinitions() {
        try (InputStream in = UsCoreSearchParameterDefinitions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's class path");
            }
            definitions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition of {@code code} on {@code resourceType}, if US Core defines it. */
    public Optional<String> definition(String resourceType, String code) {
        if (code.equals(dev.fhirgateway.spi.SearchParameterSupport.LAST_UPDATED)) {
            return Optional.of(LAST_UPDATED); // FHIR's own, on every type
        }
        return Optional.ofNullable(definitions.getProperty(resourceType + "." + code));
    }
}
