package dev.fhirgateway.spi;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a search with its alternative values: {@code gender=male,female} arrives as one
 * criterion with two values (OR). A request's criteria all apply together (AND), and one parameter may
 * appear in several criteria ({@code birthdate=ge1980&birthdate=lt1990}).
 *
 * @param parameter the declared parameter name, without modifier (modifiers are in the values)
 * @param anyOf the values, at least one; all of the type the parameter was declared with
 */
@Stable
public record SearchCriterion(String parameter, List<SearchValue> anyOf) {

    public SearchCriterion {
        Objects.requireNonNull(parameter, "parameter");
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("a criterion needs at least one value");
        }
    }

    /** The values, cast to the type the parameter was declared with. */
    public <T extends SearchValue> List<T> values(Class<T> type) {
        return anyOf.stream().map(type::cast).toList();
    }
}
