package dev.fhirgateway.gateway.internal.web;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers, with an {@code OperationOutcome}, everything in the gateway's context that no endpoint answers:
 * mapped as the context's default servlet ({@code /}), every path outside {@code /fhir}, {@code /health},
 * {@code /cds-services}, {@code /metrics} and {@code /usage} is 404 (instead of the container's page or its
 * static-file servlet); and {@code web.xml} names it the context's error page, so errors the container raises
 * inside the context (an unknown HTTP method sent to a servlet, a path the container finds ambiguous, an
 * exception) get the same kind of body. The text is fixed by status and never repeats the request.
 *
 * <p>What the container answers before a request reaches the context (a malformed request line, a URL or
 * headers over its limits: 400, 414, 431, 505) stays the container's page: no web application can change
 * those, configure the container's error handler for them.
 */
public final class ContainerErrorServlet extends HttpServlet {

    /** Where {@code web.xml}'s error page points; served by this servlet as the default mapping. */
    public static final String ERROR_PATH = "/gateway-error";

    private final FhirContext fhirContext;

    public ContainerErrorServlet(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = HttpServletResponse.SC_NOT_FOUND;
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400) {
            status = code;
        }
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        if (!"HEAD".equals(request.getMethod())) {
            response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(
                    OperationOutcomes.forStatus(status)));
        }
    }
}
