package dev.fhirgateway.gateway.internal.adapter;

/** The gateway cannot start with the adapters it found; the message says what to change. */
public final class AdapterStartupException extends RuntimeException {

    public AdapterStartupException(String message) {
        super(message);
    }

    public AdapterStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
