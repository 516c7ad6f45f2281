package dev.fhirgateway.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource type an adapter serves.
 *
 * @param resourceType the FHIR resource type, e.g. {@code "Patient"}
 * @param profiles the canonical URLs of the profiles its resources conform to, e.g.
 *     {@code http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient}; each served resource lists
 *     them in {@code meta.profile}
 * @param searchParameters the search parameters the adapter evaluates; any combination of them may be
 *     sent in one search (AND). {@code _id} is declared like any other token parameter.
 */
@Stable
public record ResourceSupport(String resourceType, List<String> profiles, List<SearchParameterSupport> searchParameters) {

    public ResourceSupport {
        Objects.requireNonNull(resourceType, "resourceType");
        profiles = List.copyOf(profiles);
        searchParameters = List.copyOf(searchParameters);
    }

    /** The declared parameter of that name, if any. */
    public Optional<SearchParameterSupport> searchParameter(String name) {
        return searchParameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
