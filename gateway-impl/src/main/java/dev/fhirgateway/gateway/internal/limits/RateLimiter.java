package dev.fhirgateway.gateway.internal.limits;

import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.gateway.internal.limits.BucketStore.StoreUnavailableException;
import dev.fhirgateway.gateway.internal.metrics.QuotaReport;
import dev.fhirgateway.gateway.internal.limits.LimitsConfig.ClientLimits;
import dev.fhirgateway.gateway.internal.limits.LimitsConfig.PracticeLimits;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request may proceed: the practice's concurrency (a counter per practice on this instance),
 * then the token buckets of the practice's rate, the client's rate and the client's daily quota (in that order
 * in memory, all at once in Redis); when one refuses, the tokens the others took are given back, so a refused
 * request costs no budget. The buckets are Bucket4j's, in a {@link BucketStore} (memory or Redis).
 *
 * <p><b>Redis unavailable:</b> a check the store cannot answer lets the request through (fail open): the EHR is
 * still protected by the concurrency limit, which never needs Redis. The first failure logs a WARN, every one
 * counts in {@value GatewayMetrics#LIMIT_STORE_FAILURES}, and the first answer after an outage logs an INFO.
 */
public final class RateLimiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    /** An allowed request that leaves less than this share of a limit counts as {@code near}. */
    static final double NEAR_SHARE = 0.10;
    /** Daily quota pairs remembered for the usage report. */
    private static final int MAX_QUOTA_PAIRS = 10_000;

    private final LimitPolicy policy;
    private final BucketStore store;
    private final Optional<TokenBucketLimit> discovery;
    private final LimitMeters meters;
    private final Clock clock;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean storeDown = new AtomicBoolean();
    /** (practice, client) pairs with a daily quota, seen on the current UTC day. */
    private final Map<List<String>, Boolean> quotaPairs = new ConcurrentHashMap<>();
    private volatile LocalDate quotaDay;
    /** Throttled requests per practice and limit since start (for the usage report). */
    private final Map<List<String>, LongAdder> throttled = new ConcurrentHashMap<>();

    RateLimiter(LimitPolicy policy, BucketStore store, Optional<TokenBucketLimit> discovery,
            java.util.function.Function<RateLimiter, LimitMeters> meters, Clock clock) {
        this.policy = policy;
        this.store = store;
        this.discovery = discovery;
        this.clock = clock;
        this.meters = meters.apply(this);
    }

    /** One policy of the rate-limit headers: its quota and window, and what is left of it now. */
    public record PolicyState(String name, long quota, long windowSeconds, long remaining, long resetSeconds) {
    }

    /**
     * What the limiter decided.
     *
     * @param policies the policies that apply to the request ({@code RateLimit-Policy})
     * @param states what is left of them after this request ({@code RateLimit}); only the refusing one when refused
     * @param refusedBy the limit that refused the request, if any
     * @param message for the 429's OperationOutcome: the limit and its figures (the caller's own only)
     * @param retryAfterSeconds for {@code Retry-After}
     * @param heldPractice the practice whose concurrency slot this request holds until {@link #release}
     */
    public record Decision(List<PolicyState> policies, List<PolicyState> states, Optional<Limit> refusedBy,
            String message, long retryAfterSeconds, Optional<String> heldPractice) {

        public boolean allowed() {
            return refusedBy.isEmpty();
        }
    }

    /** Checks a FHIR request of {@code client} for {@code practice}; an allowed one must be {@link #release}d. */
    public Decision admit(String practice, String client, String clientTag) {
        LimitsConfig config = policy.current();
        PracticeLimits p = config.practice(practice);
        ClientLimits c = config.client(client);
        Optional<String> held = Optional.empty();
        if (p.concurrency().isPresent()) {
            int limit = p.concurrency().getAsInt();
            AtomicInteger counter = inFlight.computeIfAbsent(practice, k -> new AtomicInteger());
            if (counter.incrementAndGet() > limit) {
                counter.decrementAndGet();
                return refuse(practice, clientTag, Limit.PRACTICE_CONCURRENCY, List.of(), null,
                        "at most " + limit + " at a time (per gateway instance)", 1);
            }
            held = Optional.of(practice);
        }
        List<Check> checks = new ArrayList<>(3);
        p.rate().ifPresent(b -> checks.add(new Check(Limit.PRACTICE_RATE, "p:" + practice, b.configuration(),
                b.burst(), b.windowSeconds(), b.describe(), -1)));
        c.rate().ifPresent(b -> checks.add(new Check(Limit.CLIENT_RATE, "c:" + practice + ":" + client,
                b.configuration(), b.burst(), b.windowSeconds(), b.describe(), -1)));
        if (c.dailyQuota().isPresent()) {
            long quota = c.dailyQuota().getAsLong();
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            long untilMidnight = Math.max(1, Duration.between(clock.instant(),
                    today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds());
            rememberQuotaPair(today, practice, client);
            checks.add(new Check(Limit.CLIENT_DAILY_QUOTA, "d:" + practice + ":" + client + ":" + today, daily(quota),
                    quota, 86_400, quota + " requests per UTC day", untilMidnight));
        }
        List<PolicyState> policies = checks.stream()
                .map(k -> new PolicyState(k.limit().policy(), k.quota(), k.windowSeconds(), 0, 0)).toList();
        List<ConsumptionProbe> probes = consumeAll(checks, config.version());
        List<PolicyState> states = new ArrayList<>(checks.size());
        for (int i = 0; i < probes.size(); i++) {
            Check check = checks.get(i);
            ConsumptionProbe probe = probes.get(i);
            if (!probe.isConsumed()) {
                // Give back what the other buckets took: a refused request costs no budget.
                List<BucketStore.BucketRef> taken = new ArrayList<>();
                for (int j = 0; j < probes.size(); j++) {
                    if (probes.get(j).isConsumed()) {
                        taken.add(checks.get(j).bucket());
                    }
                }
                undo(taken, config.version(), held);
                long retry = check.fixedReset() > 0 ? check.fixedReset() : seconds(probe.getNanosToWaitForRefill());
                return refuse(practice, clientTag, check.limit(), policies, new PolicyState(check.limit().policy(),
                        check.quota(), check.windowSeconds(), 0, retry), check.figures(), retry);
            }
            states.add(new PolicyState(check.limit().policy(), check.quota(), check.windowSeconds(),
                    probe.getRemainingTokens(), check.fixedReset() > 0 ? check.fixedReset()
                            : seconds(probe.getNanosToWaitForReset())));
        }
        String near = GatewayMetrics.NONE;
        for (PolicyState st : states) {
            if (st.remaining() < st.quota() * NEAR_SHARE) {
                near = limitOfPolicy(st.name()).tag();
            }
        }
        meters.decision(practice, clientTag, near, near.equals(GatewayMetrics.NONE) ? LimitMeters.ALLOWED
                : LimitMeters.NEAR);
        return new Decision(policies, states, Optional.empty(), "", 0, held);
    }

    /**
     * One bucket a request must take a token from.
     *
     * @param fixedReset seconds until the bucket resets at a fixed time (the daily quota: UTC midnight), or -1
     */
    private record Check(Limit limit, String key, BucketConfiguration configuration, long quota, long windowSeconds,
            String figures, long fixedReset) {

        BucketStore.BucketRef bucket() {
            return new BucketStore.BucketRef(key, configuration);
        }
    }

    /** The probes of {@code checks} in order, up to the first refusal; none when the store cannot answer (fail open). */
    private List<ConsumptionProbe> consumeAll(List<Check> checks, long version) {
        if (checks.isEmpty()) {
            return List.of();
        }
        try {
            List<ConsumptionProbe> probes = store.tryConsumeAll(checks.stream().map(Check::bucket).toList(), version);
            if (storeDown.compareAndSet(true, false)) {
                LOG.info("Request limits: the store answers again ({}); limits apply again", store.describe());
            }
            return probes;
        } catch (StoreUnavailableException e) {
            storeFailed(e);
            return List.of();
        }
    }

    /** Checks a request to {@code metadata} or SMART discovery against the one shared discovery rate. */
    public Decision admitDiscovery() {
        if (discovery.isEmpty()) {
            return new Decision(List.of(), List.of(), Optional.empty(), "", 0, Optional.empty());
        }
        List<PolicyState> policies = new ArrayList<>(1);
        List<PolicyState> states = new ArrayList<>(1);
        Decision refused = take(Limit.DISCOVERY_RATE, "discovery", discovery.get(), policy.current().version(),
                policies, states, GatewayMetrics.NONE, GatewayMetrics.UNKNOWN);
        if (refused != null) {
            return refused;
        }
        boolean near = !states.isEmpty() && states.get(0).remaining() < states.get(0).quota() * NEAR_SHARE;
        meters.decision(GatewayMetrics.NONE, GatewayMetrics.UNKNOWN, near ? Limit.DISCOVERY_RATE.tag()
                : GatewayMetrics.NONE, near ? LimitMeters.NEAR : LimitMeters.ALLOWED);
        return new Decision(policies, states, Optional.empty(), "", 0, Optional.empty());
    }

    /** Frees the concurrency slot an allowed request held. */
    public void release(Decision decision) {
        decision.heldPractice().ifPresent(practice -> {
            AtomicInteger counter = inFlight.get(practice);
            if (counter != null) {
                counter.decrementAndGet();
            }
        });
    }

    private Decision take(Limit limit, String key, TokenBucketLimit bucket, long version, List<PolicyState> policies,
            List<PolicyState> states, String practice, String clientTag) {
        BucketConfiguration configuration = bucket.configuration();
        PolicyState policyState = new PolicyState(limit.policy(), bucket.burst(), bucket.windowSeconds(), 0, 0);
        policies.add(policyState);
        ConsumptionProbe probe = consume(key, configuration, version);
        if (probe == null) {
            return null; // store unavailable: let through, without a figure for this limit
        }
        if (!probe.isConsumed()) {
            long retry = seconds(probe.getNanosToWaitForRefill());
            return refuse(practice, clientTag, limit, policies, new PolicyState(limit.policy(), bucket.burst(),
                    bucket.windowSeconds(), 0, retry), bucket.describe(), retry);
        }
        states.add(new PolicyState(limit.policy(), bucket.burst(), bucket.windowSeconds(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset())));
        return null;
    }

    /** One bucket per UTC day (the day is in its key), so it never refills: the next day has a new one. */
    private static BucketConfiguration daily(long quota) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(quota).refillIntervally(quota, Duration.ofDays(1)).build())
                .build();
    }

    private ConsumptionProbe consume(String key, BucketConfiguration configuration, long version) {
        try {
            ConsumptionProbe probe = store.tryConsume(key, configuration, version);
            if (storeDown.compareAndSet(true, false)) {
                LOG.info("Request limits: the store answers again ({}); limits apply again", store.describe());
            }
            return probe;
        } catch (StoreUnavailableException e) {
            storeFailed(e);
            return null;
        }
    }

    private void storeFailed(StoreUnavailableException e) {
        meters.storeFailure();
        if (storeDown.compareAndSet(false, true)) {
            LOG.warn("Request limits: the store cannot be reached ({}): requests are let through without"
                    + " rate limits or quotas until it answers (fhirgateway_limits_store_failures_total counts"
                    + " them)", e.getMessage());
        }
    }

    private void undo(List<BucketStore.BucketRef> taken, long version, Optional<String> held) {
        if (!taken.isEmpty()) {
            try {
                store.refundAll(taken, version);
            } catch (StoreUnavailableException e) {
                meters.storeFailure();
            }
        }
        held.ifPresent(practice -> inFlight.get(practice).decrementAndGet());
    }

    private Decision refuse(String practice, String clientTag, Limit limit, List<PolicyState> policies,
            PolicyState state, String figures, long retryAfter) {
        meters.decision(practice, clientTag, limit.tag(), LimitMeters.THROTTLED);
        throttled.computeIfAbsent(List.of(practice, limit.tag()), k -> new LongAdder()).increment();
        String message = "Too many requests: the " + limit.description() + " (" + figures + ") is reached; retry"
                + " after " + retryAfter + " s. Limit: " + limit.tag() + ".";
        return new Decision(List.copyOf(policies), state == null ? List.of() : List.of(state), Optional.of(limit),
                message, retryAfter, Optional.empty());
    }

    private static Limit limitOfPolicy(String policy) {
        for (Limit l : Limit.values()) {
            if (policy.equals(l.policy())) {
                return l;
            }
        }
        throw new IllegalArgumentException(policy);
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private void rememberQuotaPair(LocalDate today, String practice, String client) {
        if (!today.equals(quotaDay)) {
            quotaDay = today;
            quotaPairs.clear();
        }
        if (quotaPairs.size() < MAX_QUOTA_PAIRS) {
            quotaPairs.putIfAbsent(List.of(practice, client), Boolean.TRUE);
        }
    }

    /** Whether the store answered its last check (always, in memory). */
    boolean storeAvailable() {
        return !storeDown.get();
    }

    /**
     * Quota use now: each daily quota used today by the pairs this instance saw (from the store, so shared
     * figures with Redis; {@code used} is -1 when the store cannot answer), the practices' requests in flight on
     * this instance against their concurrency limits, and the throttled requests per practice and limit since
     * this instance started.
     */
    public List<QuotaReport.Row> quotaUse() {
        LimitsConfig config = policy.current();
        List<QuotaReport.Row> rows = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (today.equals(quotaDay)) {
            for (List<String> pair : quotaPairs.keySet()) {
                ClientLimits c = config.client(pair.get(1));
                if (c.dailyQuota().isEmpty()) {
                    continue;
                }
                long quota = c.dailyQuota().getAsLong();
                long used;
                try {
                    used = quota - store.available("d:" + pair.get(0) + ":" + pair.get(1) + ":" + today,
                            daily(quota), config.version());
                } catch (StoreUnavailableException e) {
                    used = -1;
                }
                rows.add(new QuotaReport.Row(pair.get(0), pair.get(1), Limit.CLIENT_DAILY_QUOTA.tag(), quota, used, -1,
                        throttledCount(pair.get(0), Limit.CLIENT_DAILY_QUOTA)));
            }
        }
        inFlight.forEach((practice, n) -> config.practice(practice).concurrency().ifPresent(limit ->
                rows.add(new QuotaReport.Row(practice, GatewayMetrics.NONE, Limit.PRACTICE_CONCURRENCY.tag(), limit, -1,
                        n.get(), throttledCount(practice, Limit.PRACTICE_CONCURRENCY)))));
        throttled.forEach((key, n) -> {
            if (!key.get(1).equals(Limit.CLIENT_DAILY_QUOTA.tag()) && !key.get(1).equals(
                    Limit.PRACTICE_CONCURRENCY.tag())) {
                rows.add(new QuotaReport.Row(key.get(0), GatewayMetrics.NONE, key.get(1), -1, -1, -1, n.sum()));
            }
        });
        rows.sort(java.util.Comparator.comparing(QuotaReport.Row::practice).thenComparing(QuotaReport.Row::limit)
                .thenComparing(QuotaReport.Row::client));
        return rows;
    }

    private long throttledCount(String practice, Limit limit) {
        LongAdder n = throttled.get(List.of(practice, limit.tag()));
        return n == null ? 0 : n.sum();
    }

    String describe() {
        return "request limits " + store.describe() + "; defaults: practice " + describe(policy.current()
                .practiceDefaults().rate()) + ", concurrency " + policy.current().practiceDefaults().concurrency()
                .stream().mapToObj(Integer::toString).findFirst().orElse("off") + "; client " + describe(policy
                .current().clientDefaults().rate()) + ", daily quota " + policy.current().clientDefaults()
                .dailyQuota().stream().mapToObj(Long::toString).findFirst().orElse("off") + "; discovery "
                + describe(discovery) + "; " + policy.describeOverrides();
    }

    private static String describe(Optional<TokenBucketLimit> limit) {
        return limit.map(TokenBucketLimit::describe).orElse("off");
    }

    @Override
    public void close() {
        policy.close();
        store.close();
    }
}
