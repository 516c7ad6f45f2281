package dev.fhirgateway.gateway.internal.metrics;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records one finished request into the request meters and the usage ledger. Fed by the FHIR endpoint's
 * {@link PracticeMeteringInterceptor} and by the CDS Hooks refusal servlet, so every kind of request is
 * metered the same way.
 */
public final class RequestMeters {

    private static final Duration[] LATENCY_SLOS = GatewayMetrics.LATENCY_BUCKETS.toArray(Duration[]::new);
    private static final double[] RESOURCE_BUCKETS = {1, 5, 10, 20, 50, 100};
    private static final double[] PAGE_BUCKETS = {1, 2, 3, 5, 10, 20, 50};

    /** Distinct tag combinations remembered per meter; the registry's tag caps bound what it holds anyway. */
    private static final int MEMO_SIZE = 10_000;

    private final MeterRegistry registry;
    private final UsageLedger usage;
    private final boolean enabled;
    /** One lookup per request finds every meter of its series (a profile showed four lookups' key hashing). */
    private final MeterMemo<SeriesKey, SeriesMeters> series = new MeterMemo<>(MEMO_SIZE);

    /** The tags every request meter carries. */
    private record SeriesKey(String practice, String client, String resourceType, String interaction) {

        /** Written out: a record's generated equality showed in a profile of this per-request lookup. */
        @Override
        public boolean equals(Object o) {
            return o instanceof SeriesKey k && Objects.equals(practice, k.practice) && Objects.equals(client, k.client)
                    && Objects.equals(resourceType, k.resourceType) && Objects.equals(interaction, k.interaction);
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(practice) * 31 + Objects.hashCode(client)) * 31 + Objects.hashCode(resourceType))
                    * 31 + Objects.hashCode(interaction);
        }

        Tags tags() {
            return Tags.of(GatewayMetrics.TAG_PRACTICE, practice, GatewayMetrics.TAG_CLIENT, client,
                    GatewayMetrics.TAG_RESOURCE_TYPE, resourceType, GatewayMetrics.TAG_INTERACTION, interaction);
        }
    }

    /**
     * The meters of one series, each registered the first time a request needs it (a series without paged
     * searches has no page-depth summary). Two threads may register the same meter at once: the registry
     * returns the one meter for both.
     */
    private final class SeriesMeters {
        private final Tags tags;
        private volatile DistributionSummary resources;
        private volatile DistributionSummary bytes;
        private volatile DistributionSummary pageDepth;
        private final ConcurrentHashMap<Integer, Timer> timersByStatus = new ConcurrentHashMap<>(4);

        SeriesMeters(SeriesKey key) {
            this.tags = key.tags();
        }

        DistributionSummary resources() {
            DistributionSummary m = resources;
            if (m == null) {
                m = DistributionSummary.builder(GatewayMetrics.RESPONSE_RESOURCES)
                        .description("Resources in a response body")
                        .tags(tags).serviceLevelObjectives(RESOURCE_BUCKETS).register(registry);
                resources = m;
            }
            return m;
        }

        DistributionSummary bytes() {
            DistributionSummary m = bytes;
            if (m == null) {
                m = DistributionSummary.builder(GatewayMetrics.RESPONSE_BYTES)
                        .description("Response body size before transfer compression")
                        .baseUnit("bytes").tags(tags).register(registry);
                bytes = m;
            }
            return m;
        }

        DistributionSummary pageDepth() {
            DistributionSummary m = pageDepth;
            if (m == null) {
                m = DistributionSummary.builder(GatewayMetrics.SEARCH_PAGE_DEPTH)
                        .description("The page number a search served (1 = first page)")
                        .tags(tags).serviceLevelObjectives(PAGE_BUCKETS).register(registry);
                pageDepth = m;
            }
            return m;
        }

        /** HTTP statuses are few (a handful of codes a series sees), so this map stays small. */
        Timer timer(int status) {
            Timer timer = timersByStatus.get(status);
            return timer != null ? timer : timersByStatus.computeIfAbsent(status, s -> Timer
                    .builder(GatewayMetrics.REQUESTS)
                    .description("FHIR gateway requests, from arrival to the response written")
                    .tags(tags).tag(GatewayMetrics.TAG_OUTCOME, Integer.toString(s))
                    .serviceLevelObjectives(LATENCY_SLOS)
                    .register(registry));
        }
    }

    /**
     * @param enabled false to record nothing (metering off)
     */
    public RequestMeters(MeterRegistry registry, UsageLedger usage, boolean enabled) {
        this.registry = registry;
        this.usage = usage;
        this.enabled = enabled;
    }

    /**
     * Whether a 5xx answer is the gateway's designed refusal rather than a failure: CDS Hooks is always
     * answered 501. Such answers are not server errors in the usage report (the alert rules and dashboard
     * exclude {@code interaction="cds-refused"} the same way).
     */
    static boolean isRefusalByDesign(MeteredRequest request) {
        return GatewayMetrics.INTERACTION_CDS_REFUSED.equals(request.interaction());
    }

    /** Records {@code request} into every meter it concerns. */
    public void record(MeteredRequest request) {
        if (!enabled) {
            return;
        }
        SeriesKey key = new SeriesKey(request.practice(), request.client(), request.resourceType(),
                request.interaction());
        SeriesMeters meters = series.get(key, () -> new SeriesMeters(key));
        if (request.resources() >= 0) {
            meters.resources().record(request.resources());
        }
        if (request.bytes() >= 0) {
            meters.bytes().record(request.bytes());
        }
        if (request.pageDepth() > 0) {
            meters.pageDepth().record(request.pageDepth());
        }
        if (GatewayMetrics.INTERACTION_WRITE_REFUSED.equals(request.interaction())) {
            Counter.builder(GatewayMetrics.WRITES_REFUSED).description("Writes refused with 405 (read-only gateway)")
                    .tags(GatewayMetrics.TAG_PRACTICE, request.practice(), GatewayMetrics.TAG_CLIENT, request.client(),
                            GatewayMetrics.TAG_RESOURCE_TYPE, request.resourceType())
                    .register(registry).increment();
        }
        if (GatewayMetrics.INTERACTION_CDS_REFUSED.equals(request.interaction())) {
            Counter.builder(GatewayMetrics.CDS_HOOKS_ATTEMPTS).description("CDS Hooks calls, answered 501")
                    .tags(GatewayMetrics.TAG_PRACTICE, request.practice(), GatewayMetrics.TAG_CLIENT, request.client())
                    .register(registry).increment();
        }
        if (request.status() == 401 || request.status() == 403) {
            Counter.builder(GatewayMetrics.AUTH_FAILURES)
                    .description("Requests refused: caller not identified (401) or not allowed (403)")
                    .tags(GatewayMetrics.TAG_PRACTICE, request.practice(), GatewayMetrics.TAG_CLIENT, request.client(),
                            GatewayMetrics.TAG_REASON, request.status() == 401 ? "unauthenticated" : "forbidden")
                    .register(registry).increment();
        }
        usage.record(request);
        // The request timer last: whoever sees a request counted (a scrape, a test) sees all its other meters too.
        meters.timer(request.status()).record(request.durationNanos(), TimeUnit.NANOSECONDS);
    }
}
