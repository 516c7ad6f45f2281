package dev.fhirgateway.gateway.internal.web;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.outcome.RestartingAnswer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

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
 *
 * <p>While the gateway stops (a redeploy), the container marks its servlets out of service one by one: Tomcat
 * answers a request it had already routed to the stopped FHIR servlet with a 404 "servlet not available", or a
 * 503 without {@code Retry-After} (seen in CI during a WAR replacement), or, with the servlet already out of
 * its mapping, routes the request to this default servlet (Tomcat 11, also in CI). HAPI writes its own errors and
 * never raises one through the container, and the FHIR servlet's mapping takes every FHIR path while it serves: so
 * a 404 or 503 for a FHIR path, or any error once the gateway is stopping, is answered as {@link RestartingAnswer}:
 * retry, the next instance will serve it.
 */
public final class ContainerErrorServlet extends HttpServlet {

    /** Where {@code web.xml}'s error page points; served by this servlet as the default mapping. */
    public static final String ERROR_PATH = "/gateway-error";

    private final FhirContext fhirContext;
    private final BooleanSupplier gatewayStopping;
    private final String fhirPath;

    /**
     * @param gatewayStopping whether the gateway has begun to stop
     * @param fhirPath the FHIR servlet's path in the context ({@code /fhir}, mapped as {@code /fhir/*})
     */
    public ContainerErrorServlet(FhirContext fhirContext, BooleanSupplier gatewayStopping, String fhirPath) {
        this.fhirContext = fhirContext;
        this.gatewayStopping = gatewayStopping;
        this.fhirPath = fhirPath;
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
        boolean notServing = status == HttpServletResponse.SC_NOT_FOUND
                || status == HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        if (gatewayStopping.getAsBoolean() || (notServing && isFhirPath(request))) {
            RestartingAnswer.write(request, response, fhirContext);
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

    /** Whether the request (for an error dispatch: the request that failed) is for the FHIR servlet's paths. */
    private boolean isFhirPath(HttpServletRequest request) {
        String path;
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            String contextPath = request.getContextPath();
            path = uri != null && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : null;
        } else {
            path = request.getServletPath();
        }
        return path != null && (path.equals(fhirPath) || path.startsWith(fhirPath + "/"));
    }
}
