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

    public static SearchParameterSupport quantity(String name) {
        return new SearchParameterSupport(name, SearchParameterType.QUANTITY);
    }
}
