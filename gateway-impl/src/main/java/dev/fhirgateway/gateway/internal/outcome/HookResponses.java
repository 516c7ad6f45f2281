package dev.fhirgateway.gateway.internal.outcome;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Lets a hook answer a request with an error and stop processing, without throwing.
 *
 * <p>HAPI logs every exception thrown by an interceptor at ERROR with a stack trace. A refused write or a
 * request without a practice is the client's mistake, not a server error, so refusing hooks write the
 * error response through HAPI's own exception handler (same body and headers as a thrown exception) and
 * return {@code false}.
 */
public final class HookResponses {

    private static final ExceptionHandlingInterceptor HANDLER = new ExceptionHandlingInterceptor();

    private HookResponses() {
    }

    /** Writes {@code error} as the response; returns {@code false} for the hook to return. */
    public static boolean answer(RequestDetails request, BaseServerResponseException error) {
        try {
            HANDLER.handleException(request, error);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }
}
