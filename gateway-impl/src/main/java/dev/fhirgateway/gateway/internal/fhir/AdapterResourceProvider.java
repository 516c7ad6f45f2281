package dev.fhirgateway.gateway.internal.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.chain.ChainPlan;
import dev.fhirgateway.gateway.internal.chain.ChainResolver;
import dev.fhirgateway.gateway.internal.include.IncludePlan;
import dev.fhirgateway.gateway.internal.include.IncludePlanner;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.paging.AdapterSearchService;
import dev.fhirgateway.gateway.internal.search.AppliedSearch;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read and search for one resource type, answered by the adapter that serves it. One instance per type;
 * the search parameters are the adapter's declared ones, parsed by {@link SearchCriteriaParser}. What the
 * request's token may see ({@link AccessPolicy}: patient compartment, granular scopes) is added to every
 * search as AND criteria, and checked for every read. Chained parameters are resolved by {@link ChainResolver}
 * into plain criteria first.
 */
public final class AdapterResourceProvider implements IResourceProvider {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterResourceProvider.class);
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final Class<? extends IBaseResource> resourceClass;
    private final AdapterRegistry.Route route;
    private final AdapterCallExecutor calls;
    private final SearchCriteriaParser parser;
    private final AdapterSearchService searches;
    private final AccessPolicy policy;
    private final IncludePlanner includes;
    private final ChainResolver chains;

    public AdapterResourceProvider(Class<? extends IBaseResource> resourceClass, AdapterRegistry.Route route,
            AdapterCallExecutor calls, SearchCriteriaParser parser, AdapterSearchService searches,
            AccessPolicy policy, IncludePlanner includes, ChainResolver chains) {
        this.includes = includes;
        this.chains = chains;
        this.resourceClass = resourceClass;
        this.route = route;
        this.calls = calls;
        this.parser = parser;
        this.searches = searches;
        this.policy = policy;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return resourceClass;
    }

    @Read
    public IBaseResource read(@IdParam IdType id, RequestDetails request) {
        String type = route.support().resourceType();
        String idPart = id.getIdPart();
        if (idPart == null || !FHIR_ID.matcher(idPart).matches()) {
            throw notFound(type);
        }
        String practice = PracticeAttributionInterceptor.practiceOf(request);
        CallContext context = calls.contextFor(request, practice);
        List<SearchCriterion> constraints = policy.narrowing(AccessContext.of(request), Permission.READ,
                route.support());
        if (!constraints.isEmpty() && !isVisible(context, idPart, constraints)) {
            throw notFound(type);
        }
        Optional<Resource> found = calls.call(route.adapter(), context, "read " + type,
                (ehr, callContext) -> ehr.read(callContext, type, idPart));
        Resource resource = found.orElseThrow(() -> notFound(type));
        if (!resource.fhirType().equals(type) || !idPart.equals(resource.getIdElement().getIdPart())) {
            LOG.error("EHR adapter '{}' answered a read of {} with a {} of another id", route.adapter().name(), type,
                    resource.fhirType());
            throw new UnclassifiedServerFailureException(503, "adapter returned the wrong resource",
                    OperationOutcomes.error(IssueType.EXCEPTION, "The EHR adapter failed; the failure has been logged."));
        }
        return resource;
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(RequestDetails request) {
        AccessContext access = AccessContext.of(request);
        List<SearchCriterion> narrowing = policy.narrowing(access, Permission.SEARCH, route.support());
        boolean lenient = AppliedSearch.isLenient(request);
        ChainPlan chainPlan = chains.plan(route.support(), request.getParameters(), lenient);
        SearchCriteriaParser.ParsedSearch parsed = parser.parse(route.support(), chainPlan.remaining(), lenient);
        IncludePlan plan = includes.plan(route.support(), request.getParameters(), lenient);
        SortedMap<String, List<String>> applied = new TreeMap<>(parsed.applied());
        applied.putAll(chainPlan.applied());
        applied.putAll(plan.applied());
        if (lenient) {
            AppliedSearch.record(request, route.support().resourceType(), applied);
        }
        boolean countOnly = isSummaryCount(request);
        if (countOnly && !AdapterSearchService.canCount(route)) {
            String message = "This server cannot count " + route.support().resourceType() + " matches"
                    + " (_summary=count); search without it and follow the Bundle's 'next' links.";
            throw new InvalidRequestException(message, OperationOutcomes.error(IssueType.NOTSUPPORTED, message));
        }
        Optional<List<SearchCriterion>> chained = chains.resolve(request, chainPlan);
        if (chained.isEmpty()) {
            return searches.lastPage(request, 1, List.of());
        }
        // The same order as every later page (StatelessPagingProvider): parsed, chained, narrowing.
        List<SearchCriterion> criteria = new ArrayList<>(parsed.criteria());
        criteria.addAll(chained.get());
        criteria.addAll(narrowing);
        if (countOnly) {
            return searches.countOnly(request, access.practice(), route, criteria);
        }
        // Only the client's parameters go into paging links: the narrowing is recomputed from the token of
        // each later page, and the link is bound to this practice and patient context.
        return searches.page(request, access.practice(), access.pagingBinding(), route, criteria, applied,
                parsed.pageSize(), null, 1, plan, null);
    }

    /** {@code _summary=count}: the number of matches only (HAPI then writes a Bundle with the total, no entries). */
    private static boolean isSummaryCount(RequestDetails request) {
        String[] summary = request.getParameters().get("_summary");
        return summary != null && java.util.Arrays.stream(summary).anyMatch("count"::equals);
    }

    /**
     * Whether the resource with this id matches the token's restrictions, asked of the adapter as the search
     * {@code _id=<id>} plus the restrictions: exact, and the same rule searches follow.
     */
    private boolean isVisible(CallContext context, String idPart, List<SearchCriterion> constraints) {
        String type = route.support().resourceType();
        if (route.support().searchParameter("_id").isEmpty()) {
            String message = "This access token's restrictions cannot be checked for " + type + " reads.";
            throw new ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException(message,
                    OperationOutcomes.error(IssueType.FORBIDDEN, message));
        }
        List<SearchCriterion> criteria = new ArrayList<>(
                parser.parse(route.support(), Map.of("_id", new String[] {idPart}), false).criteria());
        criteria.addAll(constraints);
        SearchPage page = calls.call(route.adapter(), context, "search " + type,
                (ehr, callContext) -> ehr.search(callContext, new SearchRequest(type, criteria, 1, null)));
        return page.resources().stream().anyMatch(r -> idPart.equals(r.getIdElement().getIdPart()));
    }

    /** Unknown ids and other practices' ids get the same answer, so existence does not leak. */
    private static ResourceNotFoundException notFound(String type) {
        String message = "No " + type + " with this id is available to this practice.";
        return new ResourceNotFoundException(message, OperationOutcomes.error(IssueType.NOTFOUND, message));
    }
}
