package dev.fhirgateway.gateway.internal.paging;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * What a paging link must carry to continue a search on any gateway instance: the search itself, the
 * adapter's cursor, and who may use it.
 *
 * @param practice the practice the search was made for; the link works only for that practice
 * @param binding the rest of the access context the link is bound to (the token's patient context, empty for
 *     none); the link works only for a request with the same
 * @param resourceType the type searched
 * @param parameters the applied search parameters, {@code _include}/{@code _revinclude} too, so every page
 *     has its includes (may contain PHI, hence the encryption)
 * @param cursor the adapter's continuation cursor
 * @param pageSize the page size of the search
 * @param pageNumber the number of the page this token leads to (2 for the first "next" link)
 * @param expiresAt when the link stops working
 * @param total the number of matches the adapter counted for the first page, or null when it cannot count; later
 *     pages repeat it rather than counting again
 */
public record PageToken(String practice, String binding, String resourceType, SortedMap<String, List<String>> parameters,
        String cursor, int pageSize, int pageNumber, Instant expiresAt, Long total) {

    /** A token of a search whose matches were not counted. */
    public PageToken(String practice, String binding, String resourceType, SortedMap<String, List<String>> parameters,
            String cursor, int pageSize, int pageNumber, Instant expiresAt) {
        this(practice, binding, resourceType, parameters, cursor, pageSize, pageNumber, expiresAt, null);
    }
}
