package dev.fhirgateway.gateway;

import ca.uhn.fhir.context.FhirContext;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.docs.DeveloperPages;
import dev.fhirgateway.gateway.internal.docs.DeveloperPagesServlet;
import dev.fhirgateway.gateway.internal.fhir.GatewayRestfulServer;
import dev.fhirgateway.gateway.internal.fhir.StartupWarmUp;
import dev.fhirgateway.gateway.internal.http.InFlightRequests;
import dev.fhirgateway.gateway.internal.limits.LimitsModule;
import dev.fhirgateway.gateway.internal.metrics.GatewayMeters;
import dev.fhirgateway.gateway.internal.metrics.MetricsEndpoints;
import dev.fhirgateway.gateway.internal.web.CdsHooksRefusalServlet;
import dev.fhirgateway.gateway.internal.web.ContainerErrorServlet;
import dev.fhirgateway.gateway.internal.web.HealthServlet;
import dev.fhirgateway.gateway.internal.web.UnsupportedMethodFilter;
import dev.fhirgateway.gateway.internal.wiring.GatewayModule;
import dev.fhirgateway.gateway.internal.wiring.GatewayVersion;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the gateway when the container deploys the WAR (declared in {@code web.xml}): resolves settings,
 * builds the object graph, and mounts the endpoints below the context path:
 * {@code /fhir} (FHIR base), {@code /cds-services} (refused, 501), {@code /health}, {@code /metrics} and
 * {@code /usage} (unless metering is off), and {@code /docs} (the developer pages, unless switched off); every
 * other path is a 404 {@code OperationOutcome}
 * ({@link ContainerErrorServlet}, also the error page {@code web.xml} declares).
 *
 * <p>A configuration the gateway cannot run with (conflicting adapters, an incompatible SPI version, a
 * missing plugin directory, an invalid setting) fails the deployment with a message that says what to change.
 */
public final class GatewayBootstrapListener implements ServletContextListener {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayBootstrapListener.class);
    private static final String FHIR_SERVLET = "fhir";
    /** The FHIR servlet's path: the error page tells a client to retry a FHIR path the servlet did not answer. */
    private static final String FHIR_PATH = "/fhir";

    private Injector injector;
    /** Requests running now: stopping waits for them (at most {@link #drainLimit}) before closing adapters. */
    private InFlightRequests inFlight;
    private Duration drainLimit;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        long start = System.nanoTime();
        try {
            GatewaySettings settings = GatewaySettings.resolve(initParameters(context), System.getenv(),
                    System.getProperties());
            LOG.info("FHIR Gateway {} starting at {} with settings {}", GatewayVersion.current(),
                    context.getContextPath(), settings.describe());
            java.util.Optional<java.nio.file.Path> tempDir = context.getAttribute(ServletContext.TEMPDIR)
                    instanceof java.io.File dir ? java.util.Optional.of(dir.toPath()) : java.util.Optional.empty();
            injector = Guice.createInjector(new GatewayModule(settings, context.getClassLoader(), tempDir));
            // Before the adapters open, so meters their libraries register (HikariCP) reach the gateway's registry.
            injector.getInstance(GatewayMeters.class);
            injector.getInstance(AdapterRegistry.class);
            injector.getInstance(StartupWarmUp.class).run();

            inFlight = new InFlightRequests(injector.getInstance(FhirContext.class));
            context.addFilter("in-flight-requests", inFlight).addMappingForUrlPatterns(null, false, "/*");
            context.addFilter("unsupported-methods", new UnsupportedMethodFilter(injector.getInstance(FhirContext.class)))
                    .addMappingForUrlPatterns(null, false, "/*");
            // A request cannot outlast its time budget by much: a few seconds more cover encoding the answer.
            drainLimit = settings.getDuration(GatewaySetting.REQUEST_TIMEOUT).plusSeconds(5);

            GatewayRestfulServer fhirServer = injector.getInstance(GatewayRestfulServer.class);
            fhirServer.drainBeforeDestroy(this::stopAdmittingAndDrain);
            ServletRegistration.Dynamic fhir = context.addServlet(FHIR_SERVLET, fhirServer);
            fhir.addMapping(FHIR_PATH + "/*");
            fhir.setLoadOnStartup(1);
            fhir.setAsyncSupported(false);
            context.addServlet("cds-hooks", injector.getInstance(CdsHooksRefusalServlet.class))
                    .addMapping("/cds-services", "/cds-services/*");
            context.addServlet("health", injector.getInstance(HealthServlet.class)).addMapping("/health", "/health/*");
            injector.getInstance(MetricsEndpoints.class).mount(context);
            if (DeveloperPages.enabled(settings)) {
                context.addServlet("developer-pages", injector.getInstance(DeveloperPagesServlet.class))
                        .addMapping("/docs", "/docs/*");
            }
            // Every other path, and web.xml's error page: an OperationOutcome, not the container's page.
            java.util.Set<String> taken = context.addServlet("not-found",
                    new ContainerErrorServlet(injector.getInstance(FhirContext.class), inFlight::stopping, FHIR_PATH))
                    .addMapping("/");
            if (!taken.isEmpty()) {
                LOG.warn("The container keeps its own default servlet: unknown paths get its answer, not an"
                        + " OperationOutcome");
            }
            LOG.info("FHIR Gateway started in {} ms: FHIR base {}/fhir", (System.nanoTime() - start) / 1_000_000,
                    context.getContextPath());
        } catch (RuntimeException e) {
            close();
            throw startupFailure(e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        stopAdmittingAndDrain();
        close();
        LOG.info("FHIR Gateway stopped");
    }

    /**
     * Turns away requests from now on (503, restarting) and lets those still running finish before the FHIR
     * servlet's bindings and the adapters they use are torn down: containers destroy servlets and call this
     * listener without waiting for them. Runs twice on a stop (the servlet's destroy, then this listener); the
     * second finds nothing in flight.
     */
    private void stopAdmittingAndDrain() {
        if (inFlight == null) {
            return;
        }
        inFlight.stopAdmitting();
        try {
            if (!inFlight.awaitIdle(drainLimit)) {
                LOG.warn("FHIR Gateway stopping with {} requests still running after {}", inFlight.active(), drainLimit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void close() {
        if (injector == null) {
            return;
        }
        // Export jobs first: a running one fails cleanly ("instance stopped") before its adapter closes.
        closeQuietly(() -> injector.getInstance(dev.fhirgateway.gateway.internal.export.ExportJanitor.class).close());
        closeQuietly(() -> injector.getInstance(dev.fhirgateway.gateway.internal.export.ExportRunner.class).close());
        closeQuietly(() -> injector.getInstance(AdapterRegistry.class).close());
        closeQuietly(() -> injector.getInstance(AdapterCallExecutor.class).close());
        closeQuietly(() -> LimitsModule.close(injector));
        closeQuietly(() -> injector.getInstance(GatewayMeters.class).close());
        closeQuietly(() -> injector.getInstance(AdapterDiscovery.Result.class).pluginLoader().ifPresent(l -> {
            try {
                l.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        injector = null;
    }

    private static void closeQuietly(Runnable r) {
        try {
            r.run();
        } catch (ProvisionException e) {
            // A singleton that cannot be provisioned now was never created (a failed start): nothing to close.
            LOG.debug("Nothing to close: {}", e.getClass().getName());
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping the gateway: {}", e.getClass().getName());
        }
    }

    private static Map<String, String> initParameters(ServletContext context) {
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            params.put(name, context.getInitParameter(name));
        }
        return params;
    }

    /**
     * What the container logs for a failed start: one plain {@link IllegalStateException} whose message, formatted
     * now, says what to change, with the stack of the gateway's own failure. The container logs it (Tomcat as
     * SEVERE, Jetty as WARN) after the web application's class loader has stopped, often on another thread:
     * Guice's exceptions format their messages lazily with Guava classes from that loader, which then fail with
     * {@code NoClassDefFoundError} and lose the reason. So no exception of the WAR's libraries travels with it,
     * and the gateway does not log the reason a second time itself.
     */
    static IllegalStateException startupFailure(RuntimeException e) {
        Throwable cause = rootCause(e);
        StringBuilder message = new StringBuilder("FHIR Gateway failed to start: ").append(rootMessage(e));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            message.append("; caused by ").append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        IllegalStateException failure = new IllegalStateException(message.toString());
        failure.setStackTrace(cause.getStackTrace());
        return failure;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!c.getClass().getName().startsWith("com.google.inject.")) {
                return c;
            }
            root = c;
        }
        return root;
    }

    private static String rootMessage(Throwable t) {
        // Guice wraps provider failures; the operator needs the gateway's own message, not Guice's wrapper.
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!c.getClass().getName().startsWith("com.google.inject.")) {
                return c.getMessage();
            }
        }
        return t.getMessage();
    }
}
