package dev.fhirgateway.gateway.internal.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-practice usage for billing: requests, errors, resources and bytes per practice and interaction, in
 * hourly buckets.
 *
 * <p><b>In memory, per instance, since start.</b> A restart empties it; each instance behind a load balancer
 * has its own. Prometheus (scraping every instance) is the system of record; this ledger answers "what did this
 * instance serve since it started" without one. Buckets older than {@link #RETENTION} are dropped, and
 * practices beyond the metrics practice cap are counted as {@code other}, so memory stays bounded.
 */
public final class UsageLedger {

    /** How long hourly buckets are kept. */
    public static final Duration RETENTION = Duration.ofDays(35);

    private final Clock clock;
    private final PracticeTagCap practiceCap;
    private final Instant since;
    private final Map<Key, Counts> buckets = new ConcurrentHashMap<>();
    private volatile Instant lastEviction;

    public UsageLedger(Clock clock, PracticeTagCap practiceCap) {
        this.clock = clock;
        this.practiceCap = practiceCap;
        this.since = clock.instant();
        this.lastEviction = since;
    }

    /** When this ledger started counting (the instance's start). */
    public Instant since() {
        return since;
    }

    /** Adds one finished request to the current hour. */
    public void record(MeteredRequest request) {
        Instant now = clock.instant();
        Key key = new Key(now.truncatedTo(ChronoUnit.HOURS), practiceCap.admit(request.practice()),
                request.interaction());
        Counts counts = buckets.computeIfAbsent(key, k -> new Counts());
        counts.requests.increment();
        if (request.status() >= 400 && request.status() < 500) {
            counts.clientErrors.increment();
        } else if (request.status() >= 500 && !RequestMeters.isRefusalByDesign(request)) {
            counts.serverErrors.increment();
        }
        counts.resources.add(Math.max(0, request.resources()));
        counts.bytes.add(Math.max(0, request.bytes()));
        evictOldBuckets(now);
    }

    /**
     * Usage per practice and interaction over the hours that start in {@code [from, to)}; {@code from} is
     * lowered to the start of its hour.
     */
    public List<UsageRow> report(Instant from, Instant to) {
        Instant fromHour = from.truncatedTo(ChronoUnit.HOURS);
        Map<List<String>, UsageRow> rows = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1)));
        buckets.forEach((key, counts) -> {
            if (!key.hour.isBefore(fromHour) && key.hour.isBefore(to)) {
                rows.merge(List.of(key.practice, key.interaction), counts.toRow(key.practice, key.interaction),
                        UsageRow::plus);
            }
        });
        return List.copyOf(rows.values());
    }

    private void evictOldBuckets(Instant now) {
        // At most once an hour: the scan is cheap but not free.
        if (Duration.between(lastEviction, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        lastEviction = now;
        Instant oldest = now.minus(RETENTION);
        buckets.keySet().removeIf(k -> k.hour.isBefore(oldest));
    }

    /** One practice × interaction line of the report. */
    public record UsageRow(String practice, String interaction, long requests, long clientErrors, long serverErrors,
            long resources, long bytes) {

        UsageRow plus(UsageRow other) {
            return new UsageRow(practice, interaction, requests + other.requests, clientErrors + other.clientErrors,
                    serverErrors + other.serverErrors, resources + other.resources, bytes + other.bytes);
        }
    }

    private record Key(Instant hour, String practice, String interaction) {
    }

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder resources = new LongAdder();
        final LongAdder bytes = new LongAdder();

        UsageRow toRow(String practice, String interaction) {
            return new UsageRow(practice, interaction, requests.sum(), clientErrors.sum(), serverErrors.sum(),
                    resources.sum(), bytes.sum());
        }
    }
}
