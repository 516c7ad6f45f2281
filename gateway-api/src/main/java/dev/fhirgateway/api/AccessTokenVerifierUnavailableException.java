package dev.fhirgateway.api;

/**
 * A token could not be checked because something the verifier depends on (the authorization server's key set,
 * its introspection endpoint) did not answer. Not the client's fault: the request is answered 503 and the
 * client may retry. The message is logged; it must not contain the token.
 */
public final class AccessTokenVerifierUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessTokenVerifierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
