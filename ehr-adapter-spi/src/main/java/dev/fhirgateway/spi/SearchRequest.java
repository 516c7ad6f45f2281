package dev.fhirgateway.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A search for resources of one type.
 *
 * @param resourceType the type searched, one the adapter declared
 * @param criteria the criteria, all of which must match (AND); empty means "all of the practice's"
 * @param pageSize how many resources the page may hold at most (at least 1)
 * @param cursor null for the first page, otherwise the {@link SearchPage#nextCursor()} of the previous page
 */
@Stable
public record SearchRequest(String resourceType, List<SearchCriterion> criteria, int pageSize, String cursor) {

    public SearchRequest {
        Objects.requireNonNull(resourceType, "resourceType");
        criteria = List.copyOf(criteria);
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
    }

    /** The criteria on one parameter (there may be several: AND). */
    public List<SearchCriterion> criteria(String parameter) {
        return criteria.stream().filter(c -> c.parameter().equals(parameter)).toList();
    }

    /** The cursor of the page asked for, empty for the first page. */
    public Optional<String> cursorIfAny() {
        return Optional.ofNullable(cursor);
    }
}
