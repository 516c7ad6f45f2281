package dev.fhirgateway.gateway.internal.metrics;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts {@code /metrics} (Prometheus scrape) and {@code /usage} (billing report) behind the scrape access
 * filter, unless metering is off.
 */
public final class MetricsEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoints.class);

    private final MetricsSettings settings;
    private final ScrapeAccessFilter access;
    private final PrometheusScrapeServlet scrape;
    private final UsageReportServlet usage;

    MetricsEndpoints(MetricsSettings settings, ScrapeAccessFilter access, PrometheusScrapeServlet scrape,
            UsageReportServlet usage) {
        this.settings = settings;
        this.access = access;
        this.scrape = scrape;
        this.usage = usage;
    }

    /** Adds the servlets and their access filter to {@code context} (during context initialisation). */
    public void mount(ServletContext context) {
        if (!settings.enabled()) {
            return;
        }
        context.addServlet("metrics", scrape).addMapping("/metrics");
        context.addServlet("usage", usage).addMapping("/usage");
        FilterRegistration.Dynamic filter = context.addFilter("metrics-access", access);
        filter.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), false, "metrics", "usage");
        LOG.info("Metrics at {}/metrics, usage report at {}/usage; allowed from {}{}", context.getContextPath(),
                context.getContextPath(), settings.allowFrom(),
                settings.token().isPresent() ? " with the metrics bearer token" : "");
    }
}
