package dev.fhirgateway.sample.fhirimport;

/** A Bundle cannot be imported; nothing of it was kept. The message names the entry, never its contents. */
public final class ImportException extends RuntimeException {

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
