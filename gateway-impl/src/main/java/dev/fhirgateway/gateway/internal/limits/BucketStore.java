package dev.fhirgateway.gateway.internal.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.ArrayList;
import java.util.List;

/** Where the token buckets live: this instance's memory, or Redis shared by every instance. */
interface BucketStore extends AutoCloseable {

    /**
     * Takes one token from the bucket {@code key}, creating it with {@code configuration} if it does not exist
     * and replacing an older configuration ({@code version} lower than this one's).
     *
     * @throws StoreUnavailableException when the store cannot answer now
     */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long version);

    /** A bucket: its key and the configuration it is created (or replaced) with. */
    record BucketRef(String key, BucketConfiguration configuration) {
    }

    /**
     * Takes one token from each bucket: the probes in order, up to and including the first refusal (a store may
     * check them all at once, and then returns all of them; the caller gives back what the others took).
     *
     * @throws StoreUnavailableException when the store cannot answer now
     */
    default List<ConsumptionProbe> tryConsumeAll(List<BucketRef> buckets, long version) {
        List<ConsumptionProbe> probes = new ArrayList<>(buckets.size());
        for (BucketRef b : buckets) {
            ConsumptionProbe probe = tryConsume(b.key(), b.configuration(), version);
            probes.add(probe);
            if (!probe.isConsumed()) {
                break;
            }
        }
        return probes;
    }

    /** Gives back one token to each bucket. */
    default void refundAll(List<BucketRef> buckets, long version) {
        for (BucketRef b : buckets) {
            refund(b.key(), b.configuration(), version);
        }
    }

    /** Gives back one token taken by a request that another limit then refused. */
    void refund(String key, BucketConfiguration configuration, long version);

    /** Tokens left in bucket {@code key} (a full bucket if it does not exist). */
    long available(String key, BucketConfiguration configuration, long version);

    /** For the startup log. */
    String describe();

    @Override
    void close();

    /** The store failed to answer; the request is let through. */
    final class StoreUnavailableException extends RuntimeException {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
