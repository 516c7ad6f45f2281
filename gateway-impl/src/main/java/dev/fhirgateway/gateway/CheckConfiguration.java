package dev.fhirgateway.gateway;

import com.google.inject.Guice;
import dev.fhirgateway.gateway.internal.limits.LimitsModule;
import com.google.inject.Injector;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.adapter.OpenAdapter;
import dev.fhirgateway.gateway.internal.docs.DeveloperPages;
import dev.fhirgateway.gateway.internal.docs.DeveloperPagesServlet;
import dev.fhirgateway.gateway.internal.fhir.GatewayRestfulServer;
import dev.fhirgateway.gateway.internal.metrics.GatewayMeters;
import dev.fhirgateway.gateway.internal.metrics.MetricsEndpoints;
import dev.fhirgateway.gateway.internal.web.CdsHooksRefusalServlet;
import dev.fhirgateway.gateway.internal.web.HealthServlet;
import dev.fhirgateway.gateway.internal.wiring.GatewayModule;
import dev.fhirgateway.spi.AdapterHealth;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks a gateway configuration before it is deployed: a failed redeploy takes the running gateway down, so an
 * operator runs this first with the new context file. It reads the settings from a Tomcat context file
 * ({@code <Parameter name value>}), a Jetty context XML ({@code setInitParameter} calls) or a properties file,
 * adds environment variables and system properties exactly as the deployed gateway does, then builds everything
 * the gateway builds at startup (settings, token verification, adapters, which open their connections) and asks
 * each adapter for its health. Exit code 0: the gateway would start; 1: it would not, with the reason; 2: usage.
 *
 * <pre>
 * java -cp 'WEB-INF/classes:WEB-INF/lib/*:SERVLET_API_JAR' dev.fhirgateway.gateway.CheckConfiguration FILE
 * </pre>
 */
public final class CheckConfiguration {

    private CheckConfiguration() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Checks the configuration {@code args[0]} names, reporting to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("Usage: java -cp 'WEB-INF/classes:WEB-INF/lib/*:servlet-api.jar'"
                    + " dev.fhirgateway.gateway.CheckConfiguration CONTEXT_FILE.xml|SETTINGS.properties");
            return 2;
        }
        Map<String, String> parameters;
        try {
            parameters = read(Path.of(args[0]));
        } catch (Exception e) {
            err.println("Cannot read " + args[0] + ": " + e.getMessage());
            return 1;
        }
        Injector injector = null;
        try {
            GatewaySettings settings = GatewaySettings.resolve(parameters, System.getenv(), System.getProperties());
            out.println("Settings: " + settings.describe());
            injector = Guice.createInjector(new GatewayModule(settings, CheckConfiguration.class.getClassLoader()));
            injector.getInstance(GatewayMeters.class);
            AdapterRegistry registry = injector.getInstance(AdapterRegistry.class);
            injector.getInstance(GatewayRestfulServer.class);
            injector.getInstance(CdsHooksRefusalServlet.class);
            injector.getInstance(HealthServlet.class);
            injector.getInstance(MetricsEndpoints.class);
            if (DeveloperPages.enabled(settings)) {
                injector.getInstance(DeveloperPagesServlet.class);
            }
            boolean healthy = !registry.adapters().isEmpty();
            for (OpenAdapter adapter : registry.adapters()) {
                AdapterHealth health = health(adapter);
                out.println("Adapter '" + adapter.name() + "' (" + adapter.source() + "): "
                        + (health.healthy() ? "healthy" : "NOT healthy") + ", " + health.detail());
                healthy &= health.healthy();
            }
            if (!healthy) {
                err.println("The gateway would start but report not ready (/health/ready 503): "
                        + (registry.adapters().isEmpty() ? "no adapter found" : "an adapter is not healthy"));
                return 1;
            }
            out.println("Configuration OK: the gateway would start and report ready.");
            return 0;
        } catch (RuntimeException e) {
            err.println(GatewayBootstrapListener.startupFailure(e).getMessage());
            return 1;
        } finally {
            if (injector != null) {
                close(injector);
            }
        }
    }

    /** As {@code /health/ready} asks it: a failing or silent adapter is not healthy. */
    private static AdapterHealth health(OpenAdapter adapter) {
        try {
            AdapterHealth health = adapter.adapter().health();
            return health == null ? AdapterHealth.unhealthy("health() returned nothing") : health;
        } catch (RuntimeException e) {
            return AdapterHealth.unhealthy("health() failed: " + e.getClass().getName());
        }
    }

    static void close(Injector injector) {
        quietly(() -> injector.getInstance(AdapterRegistry.class).close());
        quietly(() -> injector.getInstance(AdapterCallExecutor.class).close());
        quietly(() -> LimitsModule.close(injector));
        quietly(() -> injector.getInstance(GatewayMeters.class).close());
        quietly(() -> injector.getInstance(AdapterDiscovery.Result.class).pluginLoader().ifPresent(l -> {
            try {
                l.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // Checking only: whatever failed to build has nothing to close.
        }
    }

    /** The init parameters a context file sets, or the entries of a properties file. */
    static Map<String, String> read(Path file) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!file.getFileName().toString().endsWith(".xml")) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> parameters.put(k, p.getProperty(k)));
            return parameters;
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // Jetty's context XML names its DTD by URL: never fetch it, and resolve no external entities.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        NodeList tomcat = doc.getElementsByTagName("Parameter");
        for (int i = 0; i < tomcat.getLength(); i++) {
            Element p = (Element) tomcat.item(i);
            parameters.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        NodeList jetty = doc.getElementsByTagName("Call");
        for (int i = 0; i < jetty.getLength(); i++) {
            Element call = (Element) jetty.item(i);
            NodeList arguments = call.getElementsByTagName("Arg");
            if (call.getAttribute("name").equals("setInitParameter") && arguments.getLength() == 2) {
                parameters.put(arguments.item(0).getTextContent().trim(), arguments.item(1).getTextContent().trim());
            }
        }
        return parameters;
    }
}
