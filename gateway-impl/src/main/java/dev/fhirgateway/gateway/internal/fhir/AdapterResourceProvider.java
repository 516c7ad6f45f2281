package dev.fhirgateway.gateway.internal.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.http.PracticeAttributionInterceptor;
import dev.fhirgateway.gateway.internal.paging.AdapterSearchService;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.spi.CallContext;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read and search for one resource type, answered by the adapter that serves it. One instance per type;
 * the search parameters are the adapter's declared ones, parsed by {@link SearchCriteriaParser}.
 */
public final class AdapterResourceProvider implements IResourceProvider {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterResourceProvider.class);
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final Class<? extends IBaseResource> resourceClass;
    private final AdapterRegistry.Route route;
    private final AdapterCallExecutor calls;
    private final SearchCriteriaParser parser;
    private final AdapterSearchService searches;

    public AdapterResourceProvider(Class<? extends IBaseResource> resourceClass, AdapterRegistry.Route route,
            AdapterCallExecutor calls, SearchCriteriaParser parser, AdapterSearchService searches) {
        this.resourceClass = resourceClass;
        this.route = route;
        this.calls = calls;
        this.parser = parser;
        this.searches = searches;
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
        CallContext context = calls.contextFor(practice, request.getRequestId());
        Optional<Resource> found = calls.call(route.adapter(), "read " + type,
                a -> a.adapter().read(context, type, idPart));
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
        String practice = PracticeAttributionInterceptor.practiceOf(request);
        SearchCriteriaParser.ParsedSearch parsed = parser.parse(route.support(), request.getParameters(),
                isLenient(request));
        return searches.page(request, practice, route, parsed.criteria(), parsed.applied(), parsed.pageSize(), null, 1);
    }

    private static boolean isLenient(RequestDetails request) {
        String prefer = request.getHeader("Prefer");
        return prefer != null && prefer.replace(" ", "").toLowerCase().contains("handling=lenient");
    }

    /** Unknown ids and other practices' ids get the same answer, so existence does not leak. */
    private static ResourceNotFoundException notFound(String type) {
        String message = "No " + type + " with this id is available to this practice.";
        return new ResourceNotFoundException(message, OperationOutcomes.error(IssueType.NOTFOUND, message));
    }
}
