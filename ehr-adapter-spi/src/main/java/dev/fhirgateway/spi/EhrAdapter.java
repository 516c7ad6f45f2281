package dev.fhirgateway.spi;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * An open connection to one EHR that answers reads and searches with US Core resources.
 *
 * <p>Implementations are called concurrently from many request threads and must be thread-safe.
 * Every call carries the practice it is made for ({@link CallContext#practice()}); an adapter never
 * returns, or confirms the existence of, data of another practice.
 */
@Stable
public interface EhrAdapter extends AutoCloseable {

    /**
     * The resource types this adapter serves, each with its US Core profiles and search parameters.
     * Called once after {@link EhrAdapterProvider#open}; the gateway serves exactly this.
     */
    List<ResourceSupport> supportedResources();

    /**
     * Reads one resource by its logical id.
     *
     * @return the resource (with its id and {@code meta.profile} set), or empty when the practice has no
     *     such resource
     * @throws AdapterException {@link AdapterException.Reason#UNAVAILABLE} or
     *     {@link AdapterException.Reason#TIMEOUT} when the EHR cannot answer
     */
    Optional<Resource> read(CallContext context, String resourceType, String id);

    /**
     * Returns one page of the resources of {@code request.resourceType()} that match every criterion.
     *
     * <p>Results come in a stable order. {@link SearchPage#nextCursor()} is an opaque string the gateway
     * hands back unchanged, in {@link SearchRequest#cursor()}, together with the same criteria, to get the
     * next page; following cursors yields every match exactly once. The gateway encrypts cursors before
     * they reach a client, but a cursor should still not contain PHI.
     *
     * @throws AdapterException {@link AdapterException.Reason#UNSUPPORTED_SEARCH} for a criterion the adapter
     *     cannot evaluate, {@link AdapterException.Reason#INVALID_CURSOR} for a cursor it no longer accepts,
     *     {@link AdapterException.Reason#UNAVAILABLE} or {@link AdapterException.Reason#TIMEOUT}
     */
    SearchPage search(CallContext context, SearchRequest request);

    /**
     * Whether this adapter can count the matches of a search of {@code resourceType} cheaply (an index count, not
     * a walk through every page). Since SPI 1.1; adapters built before say no. When true, the gateway calls
     * {@link #count} to fill {@code Bundle.total} and to answer {@code _summary=count}; when false, search Bundles
     * carry no total and {@code _summary=count} is answered 400.
     */
    default boolean canCount(String resourceType) {
        return false;
    }

    /**
     * The number of the practice's resources of {@code request.resourceType()} that match every criterion: the
     * number of resources that following {@link #search} from the first page to the last would return.
     * {@link SearchRequest#pageSize()} and {@link SearchRequest#cursor()} are ignored. Called only for types
     * {@link #canCount} accepts. Since SPI 1.1.
     *
     * @throws AdapterException as {@link #search} does; the default throws
     *     {@link AdapterException.Reason#UNSUPPORTED_SEARCH}
     */
    default long count(CallContext context, SearchRequest request) {
        throw AdapterException.unsupportedSearch("this adapter cannot count " + request.resourceType() + " matches");
    }

    /**
     * Whether every call of this adapter ends by its {@link CallContext#deadline()} on its own: each wait on the
     * EHR (a pooled connection, a query, an HTTP exchange) is bounded by the time left, and a call that runs out
     * of time throws {@link AdapterException.Reason#TIMEOUT}. Since SPI 1.2; incubating.
     *
     * <p>When true, the gateway runs the adapter's calls on the client request's own thread. When false (the
     * default, and every adapter built before 1.2), it hands each call to a worker thread and answers 504 at the
     * deadline whatever the adapter does, so a hung EHR costs a worker, not a request thread. The hand-off is two
     * thread wake-ups per call: 7.5% of the gateway's CPU in a profile of MRN searches. Say true only if a
     * hung EHR cannot hold a call past its deadline; the gateway logs calls that return well after it.
     */
    @Incubating
    default boolean keepsDeadlines() {
        return false;
    }

    /**
     * Whether the EHR is reachable now; used by the gateway's readiness check. Keep it cheap.
     */
    default AdapterHealth health() {
        return AdapterHealth.ok();
    }

    /** Releases connections and threads. Called once when the gateway stops. */
    @Override
    default void close() {
    }
}
