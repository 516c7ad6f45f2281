package dev.fhirgateway.gateway.internal.metrics;

import java.util.List;

/** The request limits' use, for the {@code quota} section of {@code /usage} (empty when limits are off). */
public interface QuotaReport {

    QuotaReport NONE = List::of;

    /** What each practice (and client) uses of its limits now; see the request limiter for the figures. */
    List<Row> quotaUse();

    /**
     * One line: {@code used} of {@code quota} (a daily quota; -1 where not applicable or the store cannot answer),
     * {@code inFlight} requests against a concurrency limit (-1 where not applicable), and the requests this
     * limit throttled on this instance since its start.
     */
    record Row(String practice, String client, String limit, long quota, long used, long inFlight, long throttled) {
    }
}
