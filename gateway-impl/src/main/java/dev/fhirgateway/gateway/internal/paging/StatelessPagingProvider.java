package dev.fhirgateway.gateway.internal.paging;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IPagingProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.chain.ChainPlan;
import dev.fhirgateway.gateway.internal.chain.ChainResolver;
import dev.fhirgateway.gateway.internal.include.IncludePlan;
import dev.fhirgateway.gateway.internal.include.IncludePlanner;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.SearchCriterion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * HAPI's paging provider, without state: every page after the first is described entirely by its sealed
 * {@link PageToken} ({@code _pageId}), so any gateway instance with the same secret serves it and nothing is
 * kept in memory between requests.
 *
 * <p>A token only works for the practice (and patient context) that made it. A token that is not genuine, or belongs to
 * another practice, is answered 400 the same way, so the answer reveals nothing; an expired one 410.
 */
public final class StatelessPagingProvider implements IPagingProvider {

    private static final String INVALID_LINK = "This paging link is not valid. Use the 'next' link of a search Bundle"
            + " unchanged, with the same credentials.";

    private final PageTokenCodec tokens;
    private final AdapterRegistry registry;
    private final SearchCriteriaParser parser;
    private final AdapterSearchService searches;
    private final int defaultPageSize;
    private final int maximumPageSize;
    private final AccessPolicy policy;
    private final IncludePlanner includes;
    private final ChainResolver chains;

    public StatelessPagingProvider(PageTokenCodec tokens, AdapterRegistry registry, SearchCriteriaParser parser,
            AdapterSearchService searches, int defaultPageSize, int maximumPageSize, AccessPolicy policy,
            IncludePlanner includes, ChainResolver chains) {
        this.chains = chains;
        this.policy = policy;
        this.includes = includes;
        this.tokens = tokens;
        this.registry = registry;
        this.parser = parser;
        this.searches = searches;
        this.defaultPageSize = defaultPageSize;
        this.maximumPageSize = maximumPageSize;
    }

    @Override
    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    @Override
    public int getMaximumPageSize() {
        return maximumPageSize;
    }

    /**
     * Offset-style page requests ({@code _getpages} without {@code _pageId}) are never issued by this gateway:
     * 400 like any link it did not make (HAPI's own answer, 410, would quote the id).
     */
    @Override
    public IBundleProvider retrieveResultList(RequestDetails request, String searchId) {
        throw invalidLink();
    }

    @Override
    public IBundleProvider retrieveResultList(RequestDetails request, String searchId, String pageId) {
        PageToken token;
        try {
            token = tokens.decode(pageId);
        } catch (PageTokenCodec.InvalidPageTokenException e) {
            if (e.failure() == PageTokenCodec.Failure.EXPIRED) {
                throw new ResourceGoneException("paging link expired", OperationOutcomes.error(IssueType.EXPIRED,
                        "This paging link has expired. Repeat the search."));
            }
            throw invalidLink();
        }
        AccessContext access = AccessContext.of(request);
        if (!token.practice().equals(access.practice()) || !token.binding().equals(access.pagingBinding())) {
            throw invalidLink();
        }
        AdapterRegistry.Route route = registry.route(token.resourceType()).orElseThrow(
                () -> new ResourceGoneException("type no longer served", OperationOutcomes.error(IssueType.EXPIRED,
                        token.resourceType() + " is no longer served. Repeat the search.")));
        Map<String, String[]> asArrays = new TreeMap<>();
        token.parameters().forEach((k, v) -> asArrays.put(k, v.toArray(String[]::new)));
        // Chained parameters travel as given and are resolved again, for this practice and token.
        ChainPlan chainPlan = chains.plan(route.support(), asArrays, false);
        SortedMap<String, List<String>> plain = new TreeMap<>(token.parameters());
        plain.keySet().removeAll(chainPlan.chainedNames());
        List<SearchCriterion> criteria = new ArrayList<>(parser.reparse(route.support(), plain));
        // The token's restrictions are applied afresh: a link replayed with a narrower token stays narrow.
        List<SearchCriterion> narrowing = policy.narrowing(access, Permission.SEARCH, route.support());
        // The token carries the applied include parameters with the others, so every page has its includes.
        IncludePlan plan = includes.plan(route.support(), asArrays, false);
        Optional<List<SearchCriterion>> chained = chains.resolve(request, chainPlan);
        if (chained.isEmpty()) {
            return searches.lastPage(request, token.pageNumber(), List.of());
        }
        criteria.addAll(chained.get());
        criteria.addAll(narrowing);
        return searches.page(request, access.practice(), access.pagingBinding(), route, criteria,
                token.parameters(), token.pageSize(), token.cursor(), token.pageNumber(), plan, token.total());
    }

    /** The first page is served by the resource provider; HAPI asks for an id to page with, we have none to store. */
    @Override
    public String storeResultList(RequestDetails request, IBundleProvider list) {
        return list.getUuid();
    }

    private static InvalidRequestException invalidLink() {
        return new InvalidRequestException(INVALID_LINK, OperationOutcomes.error(IssueType.INVALID, INVALID_LINK));
    }
}
