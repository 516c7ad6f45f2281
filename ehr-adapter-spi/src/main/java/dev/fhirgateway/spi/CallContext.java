package dev.fhirgateway.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a call is made for, and until when an answer is useful.
 *
 * @param practice the practice (tenant) the call is made for, e.g. its practice PIN; never blank.
 *     Only this practice's data may be returned.
 * @param requestId the gateway's correlation id for the client request, for the adapter's own logs
 * @param deadline when the gateway stops waiting; an adapter should give up (and throw
 *     {@link AdapterException.Reason#TIMEOUT}) rather than keep working past it
 */
@Stable
public record CallContext(String practice, String requestId, Instant deadline) {

    public CallContext {
        Objects.requireNonNull(practice, "practice");
        if (practice.isBlank()) {
            throw new IllegalArgumentException("practice must not be blank");
        }
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(deadline, "deadline");
    }
}
