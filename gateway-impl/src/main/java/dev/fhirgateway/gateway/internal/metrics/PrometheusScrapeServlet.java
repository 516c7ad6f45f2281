package dev.fhirgateway.gateway.internal.metrics;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * {@code GET /metrics}: the built-in Prometheus registry in the Prometheus text format, or OpenMetrics when the
 * scraper's {@code Accept} asks for it; the Prometheus client negotiates, as it does for its own exporters.
 * When the host provided its own registry there is nothing to scrape here: 404 saying so.
 */
public final class PrometheusScrapeServlet extends HttpServlet {

    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private final Optional<PrometheusMeterRegistry> registry;
    private final FhirContext fhirContext;

    public PrometheusScrapeServlet(Optional<PrometheusMeterRegistry> registry, FhirContext fhirContext) {
        this.registry = registry;
        this.fhirContext = fhirContext;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (registry.isEmpty()) {
            MetricsResponses.error(response, fhirContext, 404, OperationOutcomes.error(IssueType.NOTFOUND,
                    "Metrics go to the host's meter registry; this gateway has no Prometheus endpoint."));
            return;
        }
        String accept = request.getHeader("Accept");
        // Rendered first, so a failure is a clean 500 and the response gets a Content-Length.
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        registry.get().scrape(body, accept);
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(FORMATS.findWriter(accept).getContentType());
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }
}
