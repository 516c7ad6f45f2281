package dev.fhirgateway.gateway.internal.metrics;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Error answers of the metrics and usage endpoints: an {@code OperationOutcome} in JSON, as the FHIR endpoint gives. */
final class MetricsResponses {

    private MetricsResponses() {
    }

    static void error(HttpServletResponse response, FhirContext fhirContext, int status, OperationOutcome outcome)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
