package dev.fhirgateway.gateway.internal.outcome;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The answer to a request that reaches a gateway being stopped or redeployed: 503 with {@code Retry-After} and an
 * {@code OperationOutcome} marked {@code transient}, so that a client retries and reaches the next instance
 * instead of taking a 404 ("no such resource type") for the truth.
 */
public final class RestartingAnswer {

    /** Seconds a turned-away client should wait: a reload takes one to three. */
    public static final String RETRY_AFTER_SECONDS = "2";
    static final String TEXT = "The gateway is restarting (redeployed or stopped); retry this request shortly.";

    private RestartingAnswer() {
    }

    /** Writes the answer (no body to a HEAD request), unless the response is already committed. */
    public static void write(HttpServletRequest request, HttpServletResponse response, FhirContext fhirContext)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        if (!"HEAD".equals(request.getMethod())) {
            response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(
                    OperationOutcomes.error(IssueType.TRANSIENT, TEXT)));
        }
    }
}
