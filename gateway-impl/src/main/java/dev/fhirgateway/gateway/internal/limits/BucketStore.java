package dev.fhirgateway.gateway.internal.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where the token buckets live: this instance's memory, or Redis shared by every instance. */
interface BucketStore extends AutoCloseable {

    /**
     * Takes one token from the bucket {@code key}, creating it with {@code configuration} if it does not exist
     * and replacing an older configuration ({@code version} lower than this one's).
     *
     * @throws StoreUnavailableException when the store cannot answer now
     */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long version);

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
