package dev.fhirgateway.gateway.internal.paging;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.include.IncludePlan;
import dev.fhirgateway.gateway.internal.include.IncludeResolver;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs one page of a search against the adapter and packages it for HAPI, sealing the adapter's cursor
 * into the next page's token. Used for the first page (from the resource provider) and every later one
 * (from the paging provider), so both follow the same rules, includes ({@link IncludeResolver}) too.
 */
public final class AdapterSearchService {

    private final AdapterCallExecutor calls;
    private final PageTokenCodec tokens;
    private final Duration linkTtl;
    private final Clock clock;
    private final IncludeResolver includes;

    public AdapterSearchService(AdapterCallExecutor calls, PageTokenCodec tokens, Duration linkTtl, Clock clock,
            IncludeResolver includes) {
        this.includes = includes;
        this.calls = calls;
        this.tokens = tokens;
        this.linkTtl = linkTtl;
        this.clock = clock;
    }

    /**
     * @param practice the practice the search is made for
     * @param binding the access context the next page's link is bound to besides the practice
     * @param route the adapter serving the type
     * @param criteria the parsed criteria
     * @param parameters the applied parameters (include parameters too), carried to the next page
     * @param pageSize the page size
     * @param cursor null for the first page
     * @param pageNumber the number of the page being fetched (1 for the first)
     * @param plan the includes to add to the page
     * @param knownTotal the total counted for the first page (from the link), or null to count now when the adapter
     *     can
     */
    public IBundleProvider page(RequestDetails request, String practice, String binding, AdapterRegistry.Route route,
            List<SearchCriterion> criteria, SortedMap<String, List<String>> parameters, int pageSize, String cursor,
            int pageNumber, IncludePlan plan, Long knownTotal) {
        String type = route.support().resourceType();
        CallContext context = calls.contextFor(request, practice);
        SearchRequest search = new SearchRequest(type, criteria, pageSize, cursor);
        SearchPage page = calls.call(route.adapter(), context, "search " + type,
                (ehr, callContext) -> ehr.search(callContext, search));
        // Counted once, with the first page; every later page repeats that figure from its link. A first page
        // without a next page holds every match, so its size is the total without asking the adapter to count.
        Long total;
        if (knownTotal != null || cursor != null) {
            total = knownTotal;
        } else if (page.nextCursorIfAny().isEmpty() && canCount(route)) {
            total = (long) page.resources().size();
        } else {
            total = countIfCheap(context, route, search);
        }
        String next = page.nextCursorIfAny()
                .map(c -> tokens.encode(new PageToken(practice, binding, type, parameters, c, pageSize, pageNumber + 1,
                        clock.instant().plus(linkTtl), total)))
                .orElse(null);
        // Entries of a searchset say why they are there: HAPI's bundle factory copies the mode into
        // entry.search.mode, for matches and includes alike.
        page.resources().forEach(r -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.MATCH));
        List<Resource> entries = new ArrayList<>(page.resources());
        entries.addAll(includes.resolve(request, plan, page.resources()));
        request.getUserData().put(PAGE_NUMBER_KEY, pageNumber);
        request.getUserData().put(RESOURCE_TYPE_KEY, type);
        return new AdapterPageBundleProvider(entries, "page-" + pageNumber, next, total);
    }

    /** Whether the adapter serving the type says it can count its matches cheaply. */
    public static boolean canCount(AdapterRegistry.Route route) {
        return route.adapter().adapter().canCount(route.support().resourceType());
    }

    /**
     * The number of matches of a search, counted by the adapter, for {@code _summary=count}: a Bundle with the total
     * and no entries.
     */
    public IBundleProvider countOnly(RequestDetails request, String practice, AdapterRegistry.Route route,
            List<SearchCriterion> criteria) {
        String type = route.support().resourceType();
        CallContext context = calls.contextFor(request, practice);
        long total = calls.call(route.adapter(), context, "count " + type,
                (ehr, callContext) -> ehr.count(callContext, new SearchRequest(type, criteria, 1, null)));
        request.getUserData().put(PAGE_NUMBER_KEY, 1);
        request.getUserData().put(RESOURCE_TYPE_KEY, type);
        return new AdapterPageBundleProvider(List.of(), "page-1", null, total);
    }

    private Long countIfCheap(CallContext context, AdapterRegistry.Route route, SearchRequest search) {
        if (!canCount(route)) {
            return null;
        }
        return calls.call(route.adapter(), context, "count " + search.resourceType(),
                (ehr, callContext) -> ehr.count(callContext, search));
    }

    /**
     * The last page of a search whose matches the gateway already has: none for a chained parameter that matched
     * nothing, or the documents {@code $docref} selected.
     */
    public IBundleProvider lastPage(RequestDetails request, int pageNumber, List<? extends Resource> matches) {
        matches.forEach(r -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.MATCH));
        request.getUserData().put(PAGE_NUMBER_KEY, pageNumber);
        // The last page of matches the gateway holds: on the first page they are all of them.
        return new AdapterPageBundleProvider(matches, "page-" + pageNumber, null,
                pageNumber == 1 ? (long) matches.size() : null);
    }

    /** Request user-data key holding the number of the page served (for metering paging depth). */
    public static final String PAGE_NUMBER_KEY = AdapterSearchService.class.getName() + ".pageNumber";

    /**
     * Request user-data key holding the resource type searched: a {@code next} link's URL names none, so
     * metering takes the type of a page request from here.
     */
    public static final String RESOURCE_TYPE_KEY = AdapterSearchService.class.getName() + ".resourceType";
}
