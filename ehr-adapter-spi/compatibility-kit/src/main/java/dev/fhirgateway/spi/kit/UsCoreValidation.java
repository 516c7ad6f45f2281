package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.Incubating;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * US Core 6.1.0 validation as the kit does it, for an adapter's own tests (say, of resources imported from a
 * vendor's fixtures): HAPI's instance validator with the US Core package from the FHIR package cache, unknown
 * external code systems as warnings. Fails, saying how to seed the cache, when the package is missing.
 */
@Incubating
public final class UsCoreValidation {

    private UsCoreValidation() {
    }

    /** The validator's errors for the resource, each as {@code location: message}; empty when it conforms. */
    public static List<String> errors(Resource resource) {
        return UsCoreValidator.get().errors(resource).stream()
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
