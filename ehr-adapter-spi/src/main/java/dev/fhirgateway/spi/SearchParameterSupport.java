package dev.fhirgateway.spi;

import java.util.Objects;

/**
 * A search parameter an adapter evaluates.
 *
 * @param name the parameter's code as it appears in the URL, e.g. {@code "birthdate"}
 * @param type its FHIR search parameter type; decides which {@link SearchValue} the adapter receives
 */
@Stable
public record SearchParameterSupport(String name, SearchParameterType type) {

    /**
     * FHIR's {@code _lastUpdated} (since SPI 1.1): a {@link SearchParameterType#DATE} parameter on
     * {@code Resource.meta.lastUpdated}. Declare it ({@link #lastUpdated()}) on a type whose resources all carry
     * {@code meta.lastUpdated} and that the adapter can filter by it; the gateway then accepts {@code _lastUpdated}
     * (every prefix, and two criteria for a range) on that type, lists it in the CapabilityStatement, and uses it
     * for bulk export's {@code _since}. Values arrive as {@link SearchValue.Date}; the resource's field is an
     * instant, i.e. the range {@code [lastUpdated, lastUpdated + 1 ms)} of {@link SearchValue.Date#matches}.
     */
    public static final String LAST_UPDATED = "_lastUpdated";

    public SearchParameterSupport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static SearchParameterSupport token(String name) {
        return new SearchParameterSupport(name, SearchParameterType.TOKEN);
    }

    public static SearchParameterSupport string(String name) {
        return new SearchParameterSupport(name, SearchParameterType.STRING);
    }

    public static SearchParameterSupport date(String name) {
        return new SearchParameterSupport(name, SearchParameterType.DATE);
    }

    public static SearchParameterSupport reference(String name) {
        return new SearchParameterSupport(name, SearchParameterType.REFERENCE);
    }

    /** {@code _lastUpdated}, see {@link #LAST_UPDATED}. */
    public static SearchParameterSupport lastUpdated() {
        return date(LAST_UPDATED);
    }

    public static SearchParameterSupport quantity(String name) {
        return new SearchParameterSupport(name, SearchParameterType.QUANTITY);
    }
}
