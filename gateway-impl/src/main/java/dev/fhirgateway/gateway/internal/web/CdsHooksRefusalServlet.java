package dev.fhirgateway.gateway.internal.web;

import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.gateway.internal.metrics.MeteredRequest;
import dev.fhirgateway.gateway.internal.metrics.RequestMeters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers CDS Hooks discovery and service calls with 501 Not Implemented and a JSON body that says so, so
 * a CDS client gets a clear answer instead of a 404 it might retry. Each call is metered (interaction
 * {@value GatewayMetrics#INTERACTION_CDS_REFUSED}), so monitoring sees who still tries CDS Hooks.
 */
@Singleton
public final class CdsHooksRefusalServlet extends HttpServlet {

    static final String BODY = "{\"error\":\"not_implemented\",\"message\":\"This gateway does not support CDS Hooks:"
            + " it offers a read-only US Core FHIR API only.\",\"services\":[]}";
    private static final int BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8).length;

    private final RequestMeters meters;

    @Inject
    public CdsHooksRefusalServlet(RequestMeters meters) {
        this.meters = meters;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        response.setStatus(HttpServletResponse.SC_NOT_IMPLEMENTED);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(BODY);
        // CDS Hooks calls are not attributed to a practice: they never reach practice attribution.
        meters.record(new MeteredRequest(GatewayMetrics.NONE, GatewayMetrics.UNKNOWN, GatewayMetrics.NONE,
                GatewayMetrics.INTERACTION_CDS_REFUSED, HttpServletResponse.SC_NOT_IMPLEMENTED,
                System.nanoTime() - start, -1, BODY_BYTES, 0));
    }
}
