package dev.fhirgateway.sample;

import dev.fhirgateway.sample.bench.ThreadCpuMeter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Two more deployments of the gateway WAR in the JVM of a running sample EHR, at {@code /twin-a} and
 * {@code /twin-b} of a Jetty server of their own on loopback, each behind a {@link ThreadCpuMeter}. Both read the
 * EHR's embedded database in process, as the EHR's own gateway does, and trust its authorization server's tokens.
 * Each web application has its own class loader, so each twin's classes are loaded, profiled and compiled on
 * their own: the two differ only in the settings given here. For comparing two configurations at the same time,
 * under the same load, in one JVM (the metering benchmark).
 */
public final class GatewayTwins implements AutoCloseable {

    private final Server server;
    private final URI root;
    private final Map<String, ThreadCpuMeter> meters;

    private GatewayTwins(Server server, URI root, Map<String, ThreadCpuMeter> meters) {
        this.server = server;
        this.root = root;
        this.meters = meters;
    }

    /**
     * Deploys the twins and starts their server.
     *
     * @param ehr the running sample EHR (embedded H2) whose database and tokens the twins use
     * @param war the gateway WAR
     * @param pluginDir the adapter plugin directory
     * @param settingsA settings for twin {@code a} on top of the EHR's own gateway settings
     * @param settingsB the same for twin {@code b}
     */
    public static GatewayTwins start(SampleEhrServer ehr, Path war, Path pluginDir, Map<String, String> settingsA,
            Map<String, String> settingsB) throws Exception {
        AdapterDatabaseAccount account = ehr.adapterAccount().orElseThrow(
                () -> new IllegalArgumentException("the twins read the EHR's embedded H2 database; this EHR has none"));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        Map<String, ThreadCpuMeter> meters = new LinkedHashMap<>();
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        Map<String, Map<String, String>> twins = new LinkedHashMap<>();   // deployed in this order: a, then b
        twins.put("a", settingsA);
        twins.put("b", settingsB);
        for (Map.Entry<String, Map<String, String>> twin : twins.entrySet()) {
            WebAppContext gateway = GatewayDeployment.create(war, pluginDir, ehr.adapterJdbcUrl(), account.user(),
                    account.password(), ehr.gatewaySecuritySettings());
            gateway.setContextPath("/twin-" + twin.getKey());
            twin.getValue().forEach(gateway::setInitParameter);
            ThreadCpuMeter meter = new ThreadCpuMeter(gateway);
            meters.put(twin.getKey(), meter);
            contexts.addHandler(meter);
        }
        server.setHandler(contexts);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new GatewayTwins(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"), meters);
    }

    /** The FHIR base of twin {@code a} or {@code b}, e.g. {@code http://127.0.0.1:41234/twin-a/fhir/}. */
    public URI fhirBase(String twin) {
        meter(twin);
        return root.resolve("twin-" + twin + "/fhir/");
    }

    /** The CPU meter of twin {@code a} or {@code b}. */
    public ThreadCpuMeter meter(String twin) {
        ThreadCpuMeter meter = meters.get(twin);
        if (meter == null) {
            throw new IllegalArgumentException("no twin " + twin + " (a or b)");
        }
        return meter;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
