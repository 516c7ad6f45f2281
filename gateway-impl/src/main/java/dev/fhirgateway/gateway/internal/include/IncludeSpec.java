package dev.fhirgateway.gateway.internal.include;

import java.util.List;

/**
 * One {@code _include} or {@code _revinclude} of a search, checked against what the adapters serve.
 *
 * @param sourceType the type holding the reference (the searched type for {@code _include})
 * @param parameter the reference search parameter of {@code sourceType}
 * @param targetTypes the referenced types that are followed: served types only, never empty
 * @param path the FHIRPath expression of the parameter (HAPI's base R4 definition), used for {@code _include}
 */
public record IncludeSpec(String sourceType, String parameter, List<String> targetTypes, String path) {

    public IncludeSpec {
        targetTypes = List.copyOf(targetTypes);
    }
}
