package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.SearchCriterion;
import java.util.List;

/**
 * One search the kit sends, with why it sends it.
 *
 * @param resourceType the type searched
 * @param criteria the criteria, as the gateway would pass them
 * @param purpose what the search checks, e.g. "date prefix ge at month precision"
 */
record SearchCase(String resourceType, List<SearchCriterion> criteria, String purpose) {

    SearchCase {
        criteria = List.copyOf(criteria);
    }

    /** The search in URL form, e.g. {@code Patient?birthdate=ge1980-01}. */
    String query() {
        return SearchQueryFormat.query(resourceType, criteria);
    }

    /** A test name: the query and its purpose. */
    String displayName() {
        return query() + "  (" + purpose + ")";
    }
}
