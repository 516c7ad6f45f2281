package dev.fhirgateway.api;

/**
 * An access token that is not valid for this gateway. The message is shown to the client (in the
 * {@code OperationOutcome} and the {@code WWW-Authenticate} header), so it says what is wrong in general terms
 * ("the token has expired") and never contains the token or any of its claims.
 */
public final class InvalidAccessTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param clientMessage why the token was refused, safe to show to the client */
    public InvalidAccessTokenException(String clientMessage) {
        super(clientMessage);
    }

    /** @param clientMessage why the token was refused, safe to show to the client */
    public InvalidAccessTokenException(String clientMessage, Throwable cause) {
        super(clientMessage, cause);
    }
}
