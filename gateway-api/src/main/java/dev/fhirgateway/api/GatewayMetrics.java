package dev.fhirgateway.api;

import java.time.Duration;
import java.util.List;

/**
 * The names of the gateway's metrics and of their tags, shared by the gateway, hosts that hand it their own
 * meter registry, dashboards and alert rules. Names follow Micrometer's conventions (dot-separated, base
 * unit not in the name); a Prometheus registry renders {@code fhirgateway.requests} (a timer) as
 * {@code fhirgateway_requests_seconds_count}, {@code _sum} and {@code _bucket}. {@code docs/metrics.md}
 * lists every metric with its unit and example queries.
 *
 * <p>No tag ever holds PHI: practices are the resolved practice id (or {@link #NONE}/{@link #OTHER}),
 * never a raw header value, an id, an MRN or a query string.
 */
public final class GatewayMetrics {

    /** Timer: one FHIR request, from arrival to the response written. */
    public static final String REQUESTS = "fhirgateway.requests";
    /** Distribution summary: resources in a response body (Bundle entries; 1 for a read). */
    public static final String RESPONSE_RESOURCES = "fhirgateway.response.resources";
    /** Distribution summary (bytes): the response body as written, before any transfer compression. */
    public static final String RESPONSE_BYTES = "fhirgateway.response.bytes";
    /** Distribution summary: the page number a search or paging request served (1 = first page). */
    public static final String SEARCH_PAGE_DEPTH = "fhirgateway.search.page.depth";
    /** Counter: writes refused with 405 (the gateway is read-only). */
    public static final String WRITES_REFUSED = "fhirgateway.writes.refused";
    /** Counter: CDS Hooks calls answered 501. */
    public static final String CDS_HOOKS_ATTEMPTS = "fhirgateway.cds.hooks.attempts";
    /** Counter: requests refused because the caller could not be identified (401) or was not allowed (403). */
    public static final String AUTH_FAILURES = "fhirgateway.auth.failures";
    /** Timer: one call into an EHR adapter. */
    public static final String ADAPTER_CALLS = "fhirgateway.adapter.calls";
    /** Counter: meters whose practice tag was replaced by {@link #OTHER} because of the practice cap. */
    public static final String PRACTICES_CAPPED = "fhirgateway.metrics.practices.capped";
    /** Counter: meters whose client tag was replaced by {@link #OTHER} because of the client cap. */
    public static final String CLIENTS_CAPPED = "fhirgateway.metrics.clients.capped";

    /**
     * Counter: limited requests by {@link #TAG_PRACTICE}, {@link #TAG_CLIENT}, {@link #TAG_LIMIT} and
     * {@link #TAG_OUTCOME}: {@code allowed} (limit {@code none}), {@code near} (allowed, leaving less than 10% of
     * the named limit) or {@code throttled} (answered 429 by the named limit).
     */
    public static final String LIMIT_REQUESTS = "fhirgateway.limits.requests";
    /** Counter: limit checks Redis did not answer (the request was let through). */
    public static final String LIMIT_STORE_FAILURES = "fhirgateway.limits.store.failures";
    /** Gauge: 1 while the limits' store answers (always 1 in memory), 0 while Redis is unreachable. */
    public static final String LIMIT_STORE_AVAILABLE = "fhirgateway.limits.store.available";

    /** Counter: resources written to bulk export files, by {@link #TAG_PRACTICE}, {@link #TAG_CLIENT}, {@link #TAG_RESOURCE_TYPE}. */
    public static final String EXPORT_RESOURCES = "fhirgateway.export.resources";
    /** Counter (bytes): bytes written to bulk export files, by {@link #TAG_PRACTICE} and {@link #TAG_CLIENT}. */
    public static final String EXPORT_BYTES = "fhirgateway.export.bytes";
    /**
     * Timer: one bulk export job from kick-off to its end, by {@link #TAG_PRACTICE}, {@link #TAG_CLIENT} and
     * {@link #TAG_OUTCOME} ({@code completed}, {@code failed}, {@code cancelled}).
     */
    public static final String EXPORT_JOBS = "fhirgateway.export.jobs";

    /** Tag: the practice a request was attributed to. */
    public static final String TAG_PRACTICE = "practice";
    /** Tag: the client application; {@link #UNKNOWN} until clients are identified by access tokens. */
    public static final String TAG_CLIENT = "client";
    /** Tag: the FHIR resource type of the request, {@link #NONE} or {@link #INVALID}. */
    public static final String TAG_RESOURCE_TYPE = "resource_type";
    /** Tag: what the request was: {@code read}, {@code search-type}, {@code capabilities}, {@code write-refused}... */
    public static final String TAG_INTERACTION = "interaction";
    /** Tag: the HTTP status code of the response, e.g. {@code 200}, {@code 404}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag: why a request was refused ({@code unauthenticated}, {@code forbidden}). */
    public static final String TAG_REASON = "reason";
    /**
     * Tag: a request limit: {@code practice-rate}, {@code practice-concurrency}, {@code client-rate},
     * {@code client-daily-quota}, {@code discovery-rate}, or {@code none}.
     */
    public static final String TAG_LIMIT = "limit";
    /** Tag: the adapter's name. */
    public static final String TAG_ADAPTER = "adapter";
    /** Tag: the adapter operation ({@code read}, {@code search}). */
    public static final String TAG_OPERATION = "operation";

    /** Value: no practice (the CapabilityStatement, refused requests). */
    public static final String NONE = "none";
    /** Value: a practice beyond the configured cap of distinct practices. */
    public static final String OTHER = "other";
    /** Value: not known (yet), such as the client before token-based identification. */
    public static final String UNKNOWN = "unknown";
    /** Value: a resource type the client sent that FHIR R4 does not define. */
    public static final String INVALID = "invalid";

    /** Interaction of a write refused with 405. */
    public static final String INTERACTION_WRITE_REFUSED = "write-refused";
    /** Interaction of a CDS Hooks call refused with 501. */
    public static final String INTERACTION_CDS_REFUSED = "cds-refused";
    /** Interaction of a CapabilityStatement request. */
    public static final String INTERACTION_CAPABILITIES = "capabilities";
    /** Interaction of a FHIR operation ({@code $name}). */
    public static final String INTERACTION_OPERATION = "operation";

    /**
     * The latency buckets ({@code le}) of the request and adapter-call histograms, for SLOs such as "95% of reads
     * under 250 ms": few, fixed, and the same on every instance, so dashboards and alerts can name them.
     */
    public static final List<Duration> LATENCY_BUCKETS = List.of(
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    private GatewayMetrics() {
    }
}
