package dev.fhirgateway.gateway.internal.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private static final long SECONDS_PER_HOUR = 3600;

    private final Clock clock;
    private final PracticeTagCap practiceCap;
    private final Instant since;
    private final Map<Key, Counts> buckets = new ConcurrentHashMap<>();
    /** Epoch second of the last eviction scan (a long: this is checked on every request). */
    private volatile long lastEvictionSecond;
    /** The current hour, reused by every request in it instead of truncating a fresh instant each time. */
    private volatile Instant currentHour = Instant.EPOCH;

    public UsageLedger(Clock clock, PracticeTagCap practiceCap) {
        this.clock = clock;
        this.practiceCap = practiceCap;
        this.since = clock.instant();
        this.lastEvictionSecond = since.getEpochSecond();
    }

    /** When this ledger started counting (the instance's start). */
    public Instant since() {
        return since;
    }

    /** Adds one finished request to the current hour. */
    public void record(MeteredRequest request) {
        long nowSecond = Math.floorDiv(clock.millis(), 1000L); // millis(): no Instant per request
        Key key = new Key(hourOf(nowSecond), practiceCap.admit(request.practice()), request.interaction());
        Counts counts = buckets.computeIfAbsent(key, k -> new Counts());
        counts.requests.increment();
        if (request.status() >= 400 && request.status() < 500) {
            counts.clientErrors.increment();
        } else if (request.status() >= 500 && !RequestMeters.isRefusalByDesign(request)) {
            counts.serverErrors.increment();
        }
        counts.resources.add(Math.max(0, request.resources()));
        counts.bytes.add(Math.max(0, request.bytes()));
        evictOldBuckets(nowSecond);
    }

    private Instant hourOf(long epochSecond) {
        long hourStart = epochSecond - Math.floorMod(epochSecond, SECONDS_PER_HOUR);
        Instant hour = currentHour;
        if (hour.getEpochSecond() != hourStart) {
            hour = Instant.ofEpochSecond(hourStart);
            currentHour = hour;
        }
        return hour;
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

    private void evictOldBuckets(long nowSecond) {
        // At most once an hour: the scan is cheap but not free.
        if (nowSecond - lastEvictionSecond < SECONDS_PER_HOUR) {
            return;
        }
        lastEvictionSecond = nowSecond;
        Instant oldest = Instant.ofEpochSecond(nowSecond).minus(RETENTION);
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

    /** Equality and hash written out: a record's generated ones showed in a profile of this per-request path. */
    private record Key(Instant hour, String practice, String interaction) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hour.equals(k.hour) && Objects.equals(practice, k.practice)
                    && Objects.equals(interaction, k.interaction);
        }

        @Override
        public int hashCode() {
            return (hour.hashCode() * 31 + Objects.hashCode(practice)) * 31 + Objects.hashCode(interaction);
        }
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
