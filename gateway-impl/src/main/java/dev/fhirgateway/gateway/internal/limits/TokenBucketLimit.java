package dev.fhirgateway.gateway.internal.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/**
 * A request rate with its burst: Bucket4j's token bucket of {@code burst} tokens refilled greedily at
 * {@code rate}.
 *
 * @param rate the sustained rate
 * @param burst the bucket's size: how many requests may come at once
 */
public record TokenBucketLimit(Rate rate, long burst) {

    public TokenBucketLimit {
        if (burst <= 0) {
            throw new IllegalArgumentException("a burst must be positive");
        }
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate.requests(), rate.period()).build())
                .build();
    }

    /** Seconds an empty bucket takes to fill again: the {@code w} of the {@code RateLimit-Policy} header. */
    long windowSeconds() {
        long nanos = rate.period().toNanos() / rate.requests() * burst;
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    String describe() {
        return rate.describe() + ", burst " + burst;
    }
}
