package dev.fhirgateway.gateway.internal.include;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.adapter.SearchScan;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.SearchCriterion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fetches the included resources of one page of matches through the adapters, for the request's practice and
 * under the request's access rules: an included resource is one the same token could have read (for
 * {@code _include}) or searched (for {@code _revinclude}) directly, so includes never widen access. A
 * reference to another practice's resource is simply not found by the adapter, so it is not included.
 *
 * <p>Included resources are marked {@code search.mode=include}, appear once, and never repeat a match.
 */
@Singleton
public final class IncludeResolver {

    /** Included resources per page above which the page is refused rather than cut short silently. */
    public static final int MAX_INCLUDED_PER_PAGE = 1000;
    /** Values per revinclude search: keeps the adapter's queries (and URLs, for HTTP adapters) bounded. */
    private static final int TARGETS_PER_SEARCH = 50;

    private final AdapterRegistry registry;
    private final AdapterCallExecutor calls;
    private final SearchCriteriaParser parser;
    private final AccessPolicy policy;
    private final ReferencePaths paths;
    private final SearchScan scan;

    @Inject
    public IncludeResolver(AdapterRegistry registry, AdapterCallExecutor calls, SearchCriteriaParser parser,
            AccessPolicy policy, ReferencePaths paths, SearchScan scan) {
        this.registry = registry;
        this.calls = calls;
        this.parser = parser;
        this.policy = policy;
        this.paths = paths;
        this.scan = scan;
    }

    /**
     * @param matches the page's matches
     * @return the included resources, marked as such, in a stable order
     * @throws ForbiddenOperationException when the token may not read or search an included type
     * @throws InvalidRequestException when more than {@link #MAX_INCLUDED_PER_PAGE} resources would be included
     */
    public List<Resource> resolve(RequestDetails request, IncludePlan plan, List<Resource> matches) {
        if (plan.isEmpty() || matches.isEmpty()) {
            return List.of();
        }
        AccessContext access = AccessContext.of(request);
        CallContext context = calls.contextFor(request, access.practice());
        Map<String, Resource> included = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        matches.forEach(m -> seen.add(key(m)));
        for (IncludeSpec spec : plan.includes()) {
            for (Map.Entry<String, Set<String>> byType : referencedIds(spec, matches).entrySet()) {
                Set<String> ids = new LinkedHashSet<>(byType.getValue());
                ids.removeIf(id -> seen.contains(byType.getKey() + "/" + id));
                addAll(included, seen, read(access, context, byType.getKey(), ids));
            }
        }
        for (IncludeSpec spec : plan.revincludes()) {
            List<String> targets = matches.stream().map(IncludeResolver::key).toList();
            addAll(included, seen, referring(access, context, spec, targets));
        }
        List<Resource> out = new ArrayList<>(included.values());
        out.forEach(r -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.INCLUDE));
        return out;
    }

    /** The local references ({@code Type/id}) of the matches at the parameter's expression, by served type. */
    private Map<String, Set<String>> referencedIds(IncludeSpec spec, List<Resource> matches) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Resource match : matches) {
            for (Reference reference : paths.references(match, spec.path())) {
                if (!reference.hasReference()) {
                    continue;
                }
                IdType id = new IdType(reference.getReference());
                // Absolute URLs point outside this server and '#' into the resource itself: neither is fetched.
                if (id.isAbsolute() || id.isLocal() || !id.hasResourceType() || !id.hasIdPart()
                        || !spec.targetTypes().contains(id.getResourceType())) {
                    continue;
                }
                out.computeIfAbsent(id.getResourceType(), k -> new LinkedHashSet<>()).add(id.getIdPart());
            }
        }
        return out;
    }

    /**
     * Reads the resources the way a read of each would be answered: unrestricted tokens read directly;
     * restricted ones (patient context, granular scopes) search {@code _id} with the restrictions added.
     */
    private List<Resource> read(AccessContext access, CallContext context, String type, Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        AdapterRegistry.Route route = registry.route(type).orElseThrow();
        List<SearchCriterion> narrowing = policy.narrowing(access, Permission.READ, route.support());
        List<Resource> out = new ArrayList<>();
        if (narrowing.isEmpty()) {
            for (String id : ids) {
                Optional<Resource> found = calls.call(route.adapter(), context, "read " + type,
                        (ehr, callContext) -> ehr.read(callContext, type, id));
                found.filter(r -> r.fhirType().equals(type) && id.equals(r.getIdElement().getIdPart()))
                        .ifPresent(out::add);
            }
            return out;
        }
        if (route.support().searchParameter("_id").isEmpty()) {
            String message = "This access token's restrictions cannot be checked for included " + type + " resources.";
            throw new ForbiddenOperationException(message, OperationOutcomes.error(IssueType.FORBIDDEN, message));
        }
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            out.addAll(searchAll(route, context, "_id", String.join(",", chunk), narrowing));
        }
        return out;
    }

    /** The resources of {@code spec.sourceType()} whose parameter refers to one of the targets. */
    private List<Resource> referring(AccessContext access, CallContext context, IncludeSpec spec, List<String> targets) {
        AdapterRegistry.Route route = registry.route(spec.sourceType()).orElseThrow();
        List<SearchCriterion> narrowing = policy.narrowing(access, Permission.SEARCH, route.support());
        List<Resource> out = new ArrayList<>();
        for (List<String> chunk : chunks(targets)) {
            out.addAll(searchAll(route, context, spec.parameter(), String.join(",", chunk), narrowing));
        }
        return out;
    }

    /** Searches {@code parameter=value} (an OR list) plus the narrowing, following the adapter's cursor to the end. */
    private List<Resource> searchAll(AdapterRegistry.Route route, CallContext context, String parameter,
            String value, List<SearchCriterion> narrowing) {
        List<SearchCriterion> criteria = new ArrayList<>(
                parser.parse(route.support(), Map.of(parameter, new String[] {value}), false).criteria());
        criteria.addAll(narrowing);
        return scan.upTo(context, route, criteria, MAX_INCLUDED_PER_PAGE).orElseThrow(IncludeResolver::tooMany);
    }

    private static void addAll(Map<String, Resource> included, Set<String> seen, List<Resource> found) {
        for (Resource r : found) {
            if (seen.add(key(r))) {
                included.put(key(r), r);
            }
        }
        if (included.size() > MAX_INCLUDED_PER_PAGE) {
            throw tooMany();
        }
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += TARGETS_PER_SEARCH) {
            out.add(values.subList(i, Math.min(values.size(), i + TARGETS_PER_SEARCH)));
        }
        return out;
    }

    private static String key(Resource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }

    private static InvalidRequestException tooMany() {
        String message = "More than " + MAX_INCLUDED_PER_PAGE + " resources would be included in this page."
                + " Repeat the search with a smaller _count.";
        return new InvalidRequestException(message, OperationOutcomes.error(IssueType.TOOCOSTLY, message));
    }
}
