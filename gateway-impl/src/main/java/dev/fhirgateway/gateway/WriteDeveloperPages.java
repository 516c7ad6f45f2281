package dev.fhirgateway.gateway;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.docs.DeveloperPages;
import dev.fhirgateway.gateway.internal.metrics.GatewayMeters;
import dev.fhirgateway.gateway.internal.wiring.GatewayModule;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the developer pages the gateway serves at {@code [context]/docs/} as static files, for a vendor's own
 * portal: {@code index.html}, one {@code [Type].html} per served type, the same pages as {@code .md}, and
 * {@code docs.css}. It reads a configuration like {@link CheckConfiguration} (a Tomcat or Jetty context file or a
 * properties file, plus environment variables and system properties), opens the adapters it names to learn what
 * they serve, and generates the pages exactly as the deployed gateway would for that FHIR base URL. Exit code 0:
 * written; 1: the configuration does not start; 2: usage.
 *
 * <pre>
 * java -cp 'WEB-INF/classes:WEB-INF/lib/*:SERVLET_API_JAR' dev.fhirgateway.gateway.WriteDeveloperPages \
 *     CONTEXT_FILE OUTPUT_DIR [FHIR_BASE_URL]
 * </pre>
 * The FHIR base URL defaults to {@code fhirgateway.public-base-url}; one of them is required, since the pages
 * print it in every example.
 */
public final class WriteDeveloperPages {

    private static final String USAGE = "Usage: java -cp 'WEB-INF/classes:WEB-INF/lib/*:servlet-api.jar'"
            + " dev.fhirgateway.gateway.WriteDeveloperPages CONTEXT_FILE.xml|SETTINGS.properties OUTPUT_DIR"
            + " [FHIR_BASE_URL (default: fhirgateway.public-base-url)]";

    private WriteDeveloperPages() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Writes the pages; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> parameters;
        try {
            parameters = CheckConfiguration.read(Path.of(args[0]));
        } catch (Exception e) {
            err.println("Cannot read " + args[0] + ": " + e.getMessage());
            return 1;
        }
        GatewaySettings settings = GatewaySettings.resolve(parameters, System.getenv(), System.getProperties());
        Optional<String> base = args.length == 3 ? Optional.of(args[2]) : settings.get(GatewaySetting.PUBLIC_BASE_URL);
        if (base.isEmpty() || !isHttpUrl(base.get())) {
            err.println("The FHIR base URL the pages print is needed: give it as the third argument or set "
                    + GatewaySetting.PUBLIC_BASE_URL.key() + " (an http or https URL, e.g."
                    + " https://ehr.example.com/fhir-gateway/fhir).");
            err.println(USAGE);
            return 2;
        }
        String fhirBase = base.get().endsWith("/") ? base.get().substring(0, base.get().length() - 1) : base.get();
        Injector injector = null;
        try {
            injector = Guice.createInjector(new GatewayModule(settings, WriteDeveloperPages.class.getClassLoader()));
            injector.getInstance(GatewayMeters.class);
            AdapterRegistry registry = injector.getInstance(AdapterRegistry.class);
            if (registry.routes().isEmpty()) {
                err.println("No adapter serves any resource type with this configuration: the pages would list none.");
                return 1;
            }
            List<Path> files = injector.getInstance(DeveloperPages.class).writeTo(Path.of(args[1]), fhirBase);
            out.println("Wrote " + files.size() + " files for " + registry.routes().size() + " resource types to "
                    + Path.of(args[1]).toAbsolutePath() + " (FHIR base " + fhirBase + ")");
            return 0;
        } catch (IOException e) {
            err.println("Cannot write the pages to " + args[1] + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(GatewayBootstrapListener.startupFailure(e).getMessage());
            return 1;
        } finally {
            if (injector != null) {
                CheckConfiguration.close(injector);
            }
        }
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = URI.create(s);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
