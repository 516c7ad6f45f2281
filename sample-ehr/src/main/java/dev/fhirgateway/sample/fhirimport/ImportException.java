package dev.fhirgateway.sample.fhirimport;

import java.util.List;

/**
 * A Bundle cannot be imported; nothing of it was kept. The message names the file and the resources refused, each
 * with its reason, never their contents.
 */
public final class ImportException extends RuntimeException {

    private final List<String> refused;

    public ImportException(String message) {
        this(message, List.of());
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
        this.refused = List.of();
    }

    /** @param refused {@code Type/id: reason} of each resource refused */
    public ImportException(String message, List<String> refused) {
        super(message);
        this.refused = List.copyOf(refused);
    }

    /** {@code Type/id: reason} for each resource that was refused; empty when the file as a whole was. */
    public List<String> refused() {
        return refused;
    }
}
