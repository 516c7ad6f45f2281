package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * Collects every match of an adapter search by following its cursor, up to a bound: for the gateway's own
 * searches whose answer needs the whole result (a chained parameter's targets, {@code $docref}'s most recent
 * documents) rather than one page of it.
 */
@Singleton
public final class SearchScan {

    private static final int PAGE_SIZE = 100;

    private final AdapterCallExecutor calls;

    @Inject
    public SearchScan(AdapterCallExecutor calls) {
        this.calls = calls;
    }

    /**
     * @param context the call context (the practice searched for)
     * @param route the adapter serving the type searched
     * @param criteria the complete criteria, access restrictions included
     * @param limit the most matches the caller accepts
     * @return every match, in the adapter's order; empty when there are more than {@code limit} (the scan
     *     stops as soon as that is known)
     */
    public Optional<List<Resource>> upTo(CallContext context, AdapterRegistry.Route route,
            List<SearchCriterion> criteria, int limit) {
        String type = route.support().resourceType();
        List<Resource> out = new ArrayList<>();
        String cursor = null;
        do {
            SearchRequest search = new SearchRequest(type, criteria, PAGE_SIZE, cursor);
            SearchPage page = calls.call(route.adapter(), context, "search " + type, (ehr, callContext) -> ehr.search(callContext, search));
            out.addAll(page.resources());
            if (out.size() > limit) {
                return Optional.empty();
            }
            cursor = page.nextCursorIfAny().orElse(null);
        } while (cursor != null);
        return Optional.of(out);
    }
}
