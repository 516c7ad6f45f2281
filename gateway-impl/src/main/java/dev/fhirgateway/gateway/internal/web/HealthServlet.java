package dev.fhirgateway.gateway.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.adapter.OpenAdapter;
import dev.fhirgateway.spi.AdapterHealth;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Health for load balancers and Kubernetes probes, as JSON.
 *
 * <ul>
 *   <li>{@code /health/live}: the web application runs (always 200 once deployed);</li>
 *   <li>{@code /health} and {@code /health/ready}: 200 when at least one adapter is loaded and every adapter
 *       reports healthy, else 503, with each adapter's state.</li>
 * </ul>
 */
@Singleton
public final class HealthServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdapterRegistry registry;

    @Inject
    public HealthServlet(AdapterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        ObjectNode body = JSON.createObjectNode();
        boolean up;
        if (path.equals("/live")) {
            up = true;
        } else if (path.isEmpty() || path.equals("/") || path.equals("/ready")) {
            up = readiness(body);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        body.put("status", up ? "UP" : "DOWN");
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getWriter(), body);
    }

    private boolean readiness(ObjectNode body) {
        ArrayNode adapters = body.putArray("adapters");
        boolean allHealthy = !registry.adapters().isEmpty();
        if (registry.adapters().isEmpty()) {
            body.put("reason", "no EHR adapter loaded");
        }
        for (OpenAdapter a : registry.adapters()) {
            AdapterHealth h = check(a);
            adapters.addObject().put("name", a.name()).put("healthy", h.healthy()).put("detail", h.detail());
            allHealthy &= h.healthy();
        }
        return allHealthy;
    }

    private static AdapterHealth check(OpenAdapter a) {
        try {
            AdapterHealth h = a.adapter().health();
            return h == null ? AdapterHealth.unhealthy("health() returned nothing") : h;
        } catch (RuntimeException e) {
            return AdapterHealth.unhealthy("health check failed: " + e.getClass().getSimpleName());
        }
    }
}
