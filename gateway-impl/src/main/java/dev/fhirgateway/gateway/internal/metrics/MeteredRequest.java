package dev.fhirgateway.gateway.internal.metrics;

/**
 * The facts about one finished request that meters and the usage report record. Every value is bounded and
 * PHI-free: the caller resolves raw input (practice header, resource type) to tag values first.
 *
 * @param practice the practice tag value ({@code none} when unattributed), before the practice cap
 * @param client the client tag value
 * @param resourceType a FHIR resource type, {@code none} or {@code invalid}
 * @param interaction what the request was, e.g. {@code read}, {@code search-type}, {@code write-refused}
 * @param status the HTTP status of the response
 * @param durationNanos time from arrival to the response written
 * @param resources resources in the response body, or -1 when the response carries none (errors)
 * @param bytes response body bytes, or -1 when not counted
 * @param pageDepth the page a search served (1 = first), or 0 for requests that are not searches
 */
public record MeteredRequest(String practice, String client, String resourceType, String interaction, int status,
        long durationNanos, int resources, long bytes, int pageDepth) {
}
