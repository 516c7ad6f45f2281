package dev.fhirgateway.gateway.internal.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;

/**
 * Bucket4j's local buckets in this instance's memory: each instance has its own budget. Buckets unused for a
 * day and a bit are dropped (a daily bucket is keyed by its day), and at most {@value #MAX_BUCKETS} are kept.
 */
final class LocalBucketStore implements BucketStore {

    static final int MAX_BUCKETS = 200_000;

    private record Entry(Bucket bucket, BucketConfiguration configuration) {
    }

    private final Cache<String, Entry> buckets = Caffeine.newBuilder().maximumSize(MAX_BUCKETS)
            .expireAfterAccess(Duration.ofHours(25)).build();

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long version) {
        return bucket(key, configuration).tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void refund(String key, BucketConfiguration configuration, long version) {
        bucket(key, configuration).addTokens(1);
    }

    @Override
    public long available(String key, BucketConfiguration configuration, long version) {
        return bucket(key, configuration).getAvailableTokens();
    }

    private Bucket bucket(String key, BucketConfiguration configuration) {
        Entry entry = buckets.get(key, k -> new Entry(newBucket(configuration), configuration));
        if (!entry.configuration().equals(configuration)) {
            // Changed limits: keep what was used (ADDITIVE adds a raised capacity's difference).
            Entry replaced = new Entry(entry.bucket(), configuration);
            if (buckets.asMap().replace(key, entry, replaced)) {
                entry.bucket().replaceConfiguration(configuration, TokensInheritanceStrategy.ADDITIVE);
            }
            return entry.bucket();
        }
        return entry.bucket();
    }

    private static Bucket newBucket(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth b : configuration.getBandwidths()) {
            builder.addLimit(b);
        }
        return builder.build();
    }

    @Override
    public String describe() {
        return "in memory, per instance: each gateway instance enforces the limits alone"
                + " (set fhirgateway.limits.redis-url to share one budget between instances)";
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }
}
