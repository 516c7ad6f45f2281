package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every error HAPI raises itself a fixed {@code OperationOutcome} that says what kind of request was
 * refused without repeating any of it. HAPI's own messages quote the request (unknown resource types, paths it
 * cannot route, search ids) and HAPI logs them; the gateway's own errors already carry an outcome written
 * for clients ({@link OperationOutcomes#newOutcome}) and pass unchanged.
 *
 * <p>Runs on {@link Pointcut#SERVER_PRE_PROCESS_OUTGOING_EXCEPTION}: returning an exception replaces HAPI's
 * default processing there, which would log the message (with the request's values) at WARN. An unexpected
 * exception becomes a 500 logged once here with the request id and the exception's class and origin only:
 * exception messages can carry request values.
 */
@Interceptor
public final class ErrorOutcomeInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorOutcomeInterceptor.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException outgoing(RequestDetails request, Throwable thrown) {
        if (thrown instanceof BaseServerResponseException e) {
            if (!OperationOutcomes.isGateways(e.getOperationOutcome())) {
                e.setOperationOutcome(OperationOutcomes.forStatus(e.getStatusCode()));
            }
            if (e.getStatusCode() >= 500 && e.getStatusCode() != 503 && e.getStatusCode() != 504) {
                logUnexpected(request, e);
            }
            return e;
        }
        if (thrown instanceof DataFormatException) {
            String message = "The request body is not a valid FHIR resource.";
            return new InvalidRequestException(message, OperationOutcomes.error(IssueType.INVALID, message));
        }
        logUnexpected(request, thrown);
        String message = "The server failed to answer this request; the failure has been logged.";
        return new InternalErrorException(message, OperationOutcomes.error(IssueType.EXCEPTION, message));
    }

    private static void logUnexpected(RequestDetails request, Throwable thrown) {
        StackTraceElement origin = thrown.getStackTrace().length > 0 ? thrown.getStackTrace()[0] : null;
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.error("request={} failed: {} (root cause {}) at {}", request == null ? "-" : request.getRequestId(),
                thrown.getClass().getName(), root.getClass().getName(), origin);
    }
}
