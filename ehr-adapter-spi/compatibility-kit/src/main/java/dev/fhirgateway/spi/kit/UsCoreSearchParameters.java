package dev.fhirgateway.spi.kit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The US Core 6.1.0 search parameters (their FHIRPath expressions) and combined searches, from the kit's
 * generated resource files. The kit evaluates a declared parameter with US Core's own expression, so "what
 * should match" comes from the standard, not from the adapter.
 */
final class UsCoreSearchParameters {

    static final String PARAMETERS_FILE = "us-core-6.1.0-search-parameters.tsv";
    static final String COMBINED_FILE = "us-core-6.1.0-combined-searches.tsv";

    /**
     * {@code X.where(resolve() is Patient)} restricts a reference to a target type; without a resolver the kit
     * checks the reference's type instead (the same thing for the literal references adapters return).
     */
    private static final Pattern RESOLVE_IS = Pattern.compile("\\.where\\(resolve\\(\\) is (\\w+)\\)");

    /**
     * {@code extension(...).valueDateTime} names a choice type the way FHIR's JSON does; HAPI's R4 FHIRPath engine
     * needs {@code value.ofType(dateTime)} and silently finds nothing otherwise.
     */
    private static final Pattern TYPED_CHOICE = Pattern.compile("\\.value(Boolean|Integer|String|Decimal|Uri|Url|"
            + "Canonical|Instant|Date|DateTime|Time|Code|Id|Markdown|CodeableConcept|Coding|Quantity|Period|Reference)"
            + "\\b");
    private static final java.util.Set<String> COMPLEX = java.util.Set.of("CodeableConcept", "Coding", "Quantity",
            "Period", "Reference");

    /**
     * Types US Core requires but gives no search parameters, although a server needs some: Provenance is searched
     * by {@code target} (what {@code _revinclude=Provenance:target} uses) and {@code patient}, Media and Endpoint by
     * patient or id. For them the kit falls back to FHIR R4's own parameter definitions.
     */
    private static final java.util.Set<String> FHIR_R4_FALLBACK_TYPES = java.util.Set.of("Provenance", "Media",
            "Endpoint");

    private static final UsCoreSearchParameters INSTANCE = new UsCoreSearchParameters();

    private final Map<String, String> expressions = new LinkedHashMap<>();
    private final Map<String, List<List<String>>> combined = new LinkedHashMap<>();

    private UsCoreSearchParameters() {
        for (String[] row : KitResourceFiles.rows(PARAMETERS_FILE)) {
            expressions.put(row[0] + "." + row[1], row[3]);
        }
        for (String[] row : KitResourceFiles.rows(COMBINED_FILE)) {
            combined.computeIfAbsent(row[0], t -> new ArrayList<>()).add(List.of(row[1].split(",")));
        }
    }

    static UsCoreSearchParameters get() {
        return INSTANCE;
    }

    /**
     * The FHIRPath expression of a parameter, ready for HAPI's engine. {@code _id} is {@code Type.id} and
     * {@code _lastUpdated} {@code Type.meta.lastUpdated} for every type, as in FHIR R4; parameters US Core does not define have none.
     */
    Optional<String> expression(String resourceType, String parameter) {
        String raw = expressions.get(resourceType + "." + parameter);
        if (raw == null && parameter.equals("_id")) {
            raw = resourceType + ".id";
        }
        if (raw == null && parameter.equals(dev.fhirgateway.spi.SearchParameterSupport.LAST_UPDATED)) {
            raw = resourceType + ".meta.lastUpdated"; // FHIR R4's Resource-lastUpdated, on every type
        }
        if (raw == null && FHIR_R4_FALLBACK_TYPES.contains(resourceType)) {
            raw = fhirR4Expression(resourceType, parameter);
        }
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String resolved = RESOLVE_IS.matcher(raw).replaceAll(".where(reference.startsWith('$1/'))");
        return Optional.of(TYPED_CHOICE.matcher(resolved).replaceAll(m -> {
            String type = m.group(1);
            String fhirType = COMPLEX.contains(type) ? type : Character.toLowerCase(type.charAt(0)) + type.substring(1);
            return ".value.ofType(" + fhirType + ")";
        }));
    }

    private static String fhirR4Expression(String resourceType, String parameter) {
        ca.uhn.fhir.context.RuntimeSearchParam definition = ca.uhn.fhir.context.FhirContext.forR4Cached()
                .getResourceDefinition(resourceType).getSearchParam(parameter);
        return definition == null ? null : definition.getPath();
    }

    /** The raw expressions, keyed by {@code Type.parameter}, as generated from the digest. */
    Map<String, String> rawExpressions() {
        return Map.copyOf(expressions);
    }

    /** US Core's combined searches for a type (each a list of parameter names). */
    List<List<String>> combinedSearches(String resourceType) {
        return combined.getOrDefault(resourceType, List.of());
    }
}
