package dev.fhirgateway.spi;

import java.util.Objects;

/**
 * A typed failure of an adapter call. The gateway turns each {@link Reason} into the HTTP status and
 * {@code OperationOutcome} a FHIR client expects; the message is shown to the client, so it must not
 * contain PHI.
 */
@Stable
public final class AdapterException extends RuntimeException {

    /** What went wrong, as far as the client is concerned. */
    public enum Reason {
        /** The request uses a parameter, modifier, prefix or value the adapter cannot evaluate (HTTP 400). */
        UNSUPPORTED_SEARCH,
        /** The continuation cursor is malformed or has expired (HTTP 410). */
        INVALID_CURSOR,
        /** The EHR cannot be reached or failed (HTTP 503). */
        UNAVAILABLE,
        /** The EHR did not answer before the call's deadline (HTTP 504). */
        TIMEOUT
    }

    private final Reason reason;

    public AdapterException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static AdapterException unsupportedSearch(String message) {
        return new AdapterException(Reason.UNSUPPORTED_SEARCH, message, null);
    }

    public static AdapterException invalidCursor(String message) {
        return new AdapterException(Reason.INVALID_CURSOR, message, null);
    }

    public static AdapterException unavailable(String message, Throwable cause) {
        return new AdapterException(Reason.UNAVAILABLE, message, cause);
    }

    public static AdapterException timeout(String message, Throwable cause) {
        return new AdapterException(Reason.TIMEOUT, message, cause);
    }

    public Reason reason() {
        return reason;
    }
}
