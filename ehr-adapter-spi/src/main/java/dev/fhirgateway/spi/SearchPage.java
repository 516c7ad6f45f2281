package dev.fhirgateway.spi;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * One page of search results.
 *
 * @param resources at most {@link SearchRequest#pageSize()} matching resources, in a stable order
 * @param nextCursor an opaque cursor to the next page, or null when this is the last page
 */
@Stable
public record SearchPage(List<Resource> resources, String nextCursor) {

    public SearchPage {
        resources = List.copyOf(resources);
    }

    /** A page with nothing after it. */
    public static SearchPage last(List<? extends Resource> resources) {
        return new SearchPage(List.copyOf(resources), null);
    }

    public Optional<String> nextCursorIfAny() {
        return Optional.ofNullable(nextCursor);
    }
}
