package dev.fhirgateway.gateway.internal.search;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import dev.fhirgateway.gateway.internal.search.SearchControlParameter;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameters a search actually applied, kept on the request for the Bundle's {@code self} link when
 * {@code Prefer: handling=lenient} made the search ignore some of the client's parameters.
 *
 * @param resourceType the searched type
 * @param parameters name (with modifier) to raw values: search criteria, includes and the result parameters
 *     HAPI applies
 */
public record AppliedSearch(String resourceType, SortedMap<String, List<String>> parameters) {

    private static final String KEY = AppliedSearch.class.getName();

    /** Records a search's applied parameters, with the result parameters HAPI applies from the request. */
    /** Whether the client asked to have unknown or unsupported parameters ignored ({@code Prefer: handling=lenient}). */
    public static boolean isLenient(RequestDetails request) {
        String prefer = request.getHeader("Prefer");
        return prefer != null && prefer.replace(" ", "").toLowerCase().contains("handling=lenient");
    }

    /** Keeps what the search applied on the request, for the Bundle's {@code self} link. */
    public static void record(RequestDetails request, String resourceType, SortedMap<String, List<String>> applied) {
        SortedMap<String, List<String>> all = new TreeMap<>(applied);
        all.putAll(SearchControlParameter.appliedByHapi(request.getParameters()));
        request.getUserData().put(KEY, new AppliedSearch(resourceType, all));
    }

    /** The applied parameters of a lenient search made by this request, if any. */
    public static Optional<AppliedSearch> of(RequestDetails request) {
        return Optional.ofNullable((AppliedSearch) request.getUserData().get(KEY));
    }
}
