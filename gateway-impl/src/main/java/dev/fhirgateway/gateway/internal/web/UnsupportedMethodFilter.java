package dev.fhirgateway.gateway.internal.web;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Answers HTTP methods no gateway endpoint serves, on every path of the context, with an
 * {@code OperationOutcome}: 405 with {@code Allow} (a 5xx would count as a server failure). Left to
 * the servlets, these became the container's error page, which containers (Jetty) leave empty for methods
 * other than GET, POST and HEAD.
 */
public final class UnsupportedMethodFilter extends HttpFilter {

    private static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final FhirContext fhirContext;

    public UnsupportedMethodFilter(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (SERVED.contains(method)) {
            chain.doFilter(request, response);
            return;
        }
        int status = HttpServletResponse.SC_METHOD_NOT_ALLOWED;
        response.setStatus(status);
        response.setHeader("Allow", "GET, HEAD, POST");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(
                OperationOutcomes.forStatus(status)));
    }
}
