package dev.fhirgateway.gateway.internal.docref;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.adapter.SearchScan;
import dev.fhirgateway.gateway.internal.include.IncludePlan;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.paging.AdapterSearchService;
import dev.fhirgateway.gateway.internal.search.AppliedSearch;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchParameterType;
import dev.fhirgateway.spi.SearchValue;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * US Core's {@code DocumentReference/$docref} (GET, or POST with a {@code Parameters} body), answered from the
 * documents the EHR already has through the adapter's DocumentReference search: the gateway generates no
 * documents. It is a search in all but name, and follows the search rules: the same practice isolation, the same
 * access restrictions ({@link AccessPolicy}, which also limits a patient-context token to its patient), the same
 * paging links.
 *
 * <ul>
 *   <li>{@code patient} (required) becomes {@code patient=Patient/[id]}; a patient-context token naming another
 *       patient is refused with 403.
 *   <li>{@code start}/{@code end} become {@code period=ge[start]&period=le[end]}: documents whose care period
 *       overlaps the range. An adapter that does not declare {@code period} is searched by {@code date} (when
 *       the document was made) instead; one with neither cannot answer a date range (400).
 *   <li>Without {@code start} and {@code end}: the current documents ({@link CurrentDocuments}), in one page.
 *   <li>{@code type} (repeatable) becomes {@code type=[system|code],...}: documents of any of the types.
 *   <li>{@code profile}: documents are answered only for the profiles the adapter declares for DocumentReference
 *       (it declares the profiles all its DocumentReferences conform to); another profile gets an empty Bundle.
 *   <li>{@code on-demand=true} asks for on-demand documents only: the gateway has none, so the Bundle is empty
 *       ("If the server cannot generate a document based on the specified parameters, the operation will return
 *       an empty search bundle").
 * </ul>
 */
public final class DocRefOperationProvider {

    /** The operation's name in URLs. */
    public static final String OPERATION = "$docref";
    /** The US Core OperationDefinition this operation implements. */
    public static final String DEFINITION = "http://hl7.org/fhir/us/core/OperationDefinition/docref";
    /** Documents of one patient the current-documents answer considers before refusing (400, too costly). */
    static final int MAX_DOCUMENTS_SCANNED = 1000;

    /** Checks {@code start} and {@code end} as the date values they are, so messages name them. */
    private static final ResourceSupport DATE_RANGE = new ResourceSupport("DocumentReference", List.of(),
            List.of(SearchParameterSupport.date(DocRefRequest.START), SearchParameterSupport.date(DocRefRequest.END)));

    private final AdapterRegistry.Route route;
    private final SearchCriteriaParser parser;
    private final AdapterSearchService searches;
    private final SearchScan scan;
    private final AdapterCallExecutor calls;
    private final AccessPolicy policy;
    private final FhirContext fhir;

    public DocRefOperationProvider(AdapterRegistry.Route route, SearchCriteriaParser parser,
            AdapterSearchService searches, SearchScan scan, AdapterCallExecutor calls, AccessPolicy policy,
            FhirContext fhir) {
        if (!isOffered(route.support())) {
            throw new IllegalArgumentException("$docref needs DocumentReference searchable by patient");
        }
        this.route = route;
        this.parser = parser;
        this.searches = searches;
        this.scan = scan;
        this.calls = calls;
        this.policy = policy;
        this.fhir = fhir;
    }

    /** Whether the operation can be offered on what an adapter declared: DocumentReference, searchable by patient. */
    public static boolean isOffered(ResourceSupport support) {
        return support.resourceType().equals("DocumentReference") && support.searchParameter("patient")
                .filter(p -> p.type() == SearchParameterType.REFERENCE).isPresent();
    }

    /** How the operation behaves on this adapter's DocumentReferences, for the CapabilityStatement. */
    public static String documentation(ResourceSupport support) {
        String dates = dateParameter(support)
                .map(p -> p.equals("period")
                        ? "start/end select the documents whose care period (context.period) overlaps the range"
                        : "start/end select the documents whose date (DocumentReference.date, when the document was"
                                + " made; this server cannot search care periods) falls in the range")
                .orElse("start/end are not supported (400): this server cannot search documents by date");
        return "Answers from the documents the EHR has; this server does not generate documents. patient is required"
                + " (a patient-context token may only name its own patient). " + dates + ", paged like a search."
                + " Without start and end: for each document type, the most recent document that is not superseded or"
                + " entered-in-error (most recent by date, else by care period). type: documents of any of the given"
                + " types" + (support.searchParameter("type").isPresent() ? "" : " (not supported here: 400)")
                + ". profile: documents are returned only for the profiles listed as supported for DocumentReference;"
                + " other profiles give an empty Bundle. on-demand=true gives an empty Bundle (no on-demand"
                + " documents).";
    }

    @Operation(name = OPERATION, type = DocumentReference.class, idempotent = true,
            bundleType = BundleTypeEnum.SEARCHSET, manualRequest = true)
    public IBundleProvider docref(RequestDetails request) {
        AccessContext access = AccessContext.of(request);
        ResourceSupport support = route.support();
        List<SearchCriterion> narrowing = policy.narrowing(access, Permission.SEARCH, support);
        DocRefRequest input = DocRefRequest.read(request, fhir, AppliedSearch.isLenient(request));
        if (access.patient().isPresent() && !access.patient().get().equals(input.patient())) {
            String message = "This access token is limited to one patient; $docref may only name that patient.";
            throw new ForbiddenOperationException(message, OperationOutcomes.error(IssueType.FORBIDDEN, message));
        }
        Map<String, String[]> search = new TreeMap<>();
        search.put("patient", new String[] {"Patient/" + input.patient()});
        if (!input.types().isEmpty()) {
            if (support.searchParameter("type").isEmpty()) {
                throw notSupported("Parameter 'type' is not supported: this server cannot search documents by type.");
            }
            search.put("type", new String[] {String.join(",", input.types())});
        }
        if (input.hasDateRange()) {
            search.put(dateParameter(support).orElseThrow(() -> notSupported("Parameters 'start' and 'end' are not"
                    + " supported: this server cannot search documents by date.")), dateBounds(input));
        }
        input.count().ifPresent(c -> search.put("_count", new String[] {c}));
        SearchCriteriaParser.ParsedSearch parsed = parser.parse(support, search, false);
        if (input.onDemand() || !servesProfiles(support, input.profiles())) {
            return searches.lastPage(request, 1, List.of());
        }
        List<SearchCriterion> criteria = new ArrayList<>(parsed.criteria());
        criteria.addAll(narrowing);
        if (input.hasDateRange()) {
            // A search: paging links continue it as the DocumentReference search it is.
            return searches.page(request, access.practice(), access.pagingBinding(), route, criteria, parsed.applied(),
                    parsed.pageSize(), null, 1, IncludePlan.NONE, null);
        }
        CallContext context = calls.contextFor(request, access.practice());
        List<Resource> documents = scan.upTo(context, route, criteria, MAX_DOCUMENTS_SCANNED).orElseThrow(() -> {
            String message = "This patient has more than " + MAX_DOCUMENTS_SCANNED + " documents: give 'start' and"
                    + " 'end' (or 'type') to select among them.";
            return new InvalidRequestException(message, OperationOutcomes.error(IssueType.TOOCOSTLY, message));
        });
        return searches.lastPage(request, 1, CurrentDocuments.select(documents));
    }

    /** {@code ge[start]} and {@code le[end]}: the documents whose dates overlap the range; checked first. */
    private String[] dateBounds(DocRefRequest input) {
        Map<String, String[]> given = new TreeMap<>();
        input.start().ifPresent(s -> given.put(DocRefRequest.START, new String[] {s}));
        input.end().ifPresent(e -> given.put(DocRefRequest.END, new String[] {e}));
        List<SearchCriterion> checked = parser.parse(DATE_RANGE, given, false).criteria();
        Optional<SearchValue.Date> start = dateOf(checked, DocRefRequest.START);
        Optional<SearchValue.Date> end = dateOf(checked, DocRefRequest.END);
        if (start.isPresent() && end.isPresent()) {
            if (start.get().startInstant(ZoneOffset.UTC).isAfter(end.get().endInstant(ZoneOffset.UTC))) {
                String message = "Parameter 'start' must not be after 'end'.";
                throw new InvalidRequestException(message, OperationOutcomes.error(IssueType.INVALID, message));
            }
        }
        List<String> bounds = new ArrayList<>();
        input.start().ifPresent(s -> bounds.add("ge" + s));
        input.end().ifPresent(e -> bounds.add("le" + e));
        return bounds.toArray(String[]::new);
    }

    private static Optional<SearchValue.Date> dateOf(List<SearchCriterion> criteria, String parameter) {
        return criteria.stream().filter(c -> c.parameter().equals(parameter))
                .map(c -> (SearchValue.Date) c.anyOf().get(0)).findFirst();
    }

    /** {@code period} (care dates, as the operation means) if declared, else {@code date}. */
    static Optional<String> dateParameter(ResourceSupport support) {
        for (String name : List.of("period", "date")) {
            if (support.searchParameter(name).filter(p -> p.type() == SearchParameterType.DATE).isPresent()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** No profile asked for, or one of the adapter's (versions aside): its documents conform to those. */
    private static boolean servesProfiles(ResourceSupport support, List<String> profiles) {
        if (profiles.isEmpty()) {
            return true;
        }
        List<String> served = support.profiles().stream().map(DocRefOperationProvider::unversioned).toList();
        return profiles.stream().map(DocRefOperationProvider::unversioned).anyMatch(served::contains);
    }

    private static String unversioned(String canonical) {
        int bar = canonical.indexOf('|');
        return bar < 0 ? canonical : canonical.substring(0, bar);
    }

    private static InvalidRequestException notSupported(String message) {
        return new InvalidRequestException(message, OperationOutcomes.error(IssueType.NOTSUPPORTED, message));
    }
}
