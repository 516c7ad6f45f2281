package dev.fhirgateway.sample;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sample EHR: its database (migrated and seeded), its own page at {@value #EHR_CONTEXT_PATH}, and the
 * gateway WAR at {@code /fhir-gateway} reading it through the adapter in the plugin directory.
 *
 * <p>For tests:
 * <pre>{@code
 * try (SampleEhrServer ehr = SampleEhrServer.start(SampleEhrOptions.defaults()
 *         .withHost("127.0.0.1").withPort(0).withDataDir(tempDir)
 *         .withWar(war).withPluginDir(pluginDir))) {
 *     URI metadata = ehr.gatewayBaseUri().resolve("metadata");
 * }
 * }</pre>
 */
public final class SampleEhrServer implements AutoCloseable {

    /** Where the EHR's own page is served. */
    public static final String EHR_CONTEXT_PATH = "/ehr";

    private static final Logger LOG = LoggerFactory.getLogger(SampleEhrServer.class);

    private final Server jetty;
    private final URI baseUri;
    private final PracticeDirectory directory;
    private final String adapterJdbcUrl;
    /** What {@link #close()} closes, in the order to close it. */
    private final List<AutoCloseable> resources;

    private SampleEhrServer(Server jetty, URI baseUri, PracticeDirectory directory, String adapterJdbcUrl,
            List<AutoCloseable> resources) {
        this.jetty = jetty;
        this.baseUri = baseUri;
        this.directory = directory;
        this.adapterJdbcUrl = adapterJdbcUrl;
        this.resources = resources;
    }

    /**
     * Opens (migrating and, when empty, seeding) the database and starts the web server.
     *
     * @throws IllegalArgumentException when the WAR or plugin directory is missing
     * @throws Exception when the database or the web server cannot start; whatever was started is stopped again
     */
    public static SampleEhrServer start(SampleEhrOptions options) throws Exception {
        long started = System.nanoTime();
        String jdbcUrl = options.effectiveJdbcUrl();
        boolean embeddedH2 = H2TcpBridge.isEmbeddedH2(jdbcUrl);
        if (embeddedH2) {
            H2TcpBridge.restrictToLoopback();
        }
        if (options.jdbcUrl() == null) {
            Files.createDirectories(options.dataDir());
        }
        // Closed in reverse order of opening: the web server first, the database last.
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            EhrDatabase database = EhrDatabase.open(jdbcUrl, options.dbUser(), options.dbPassword());
            opened.add(database);
            SeedData.seedIfEmpty(database.jdbi());

            String adapterJdbcUrl = jdbcUrl;
            if (embeddedH2) {
                H2TcpBridge bridge = H2TcpBridge.start(jdbcUrl);
                opened.add(bridge);
                adapterJdbcUrl = bridge.clientUrl();
            }

            PracticeDirectory directory = new PracticeDirectory(database.jdbi());
            WebAppContext gateway = GatewayDeployment.create(options.war(), options.pluginDir(), adapterJdbcUrl,
                    options.dbUser(), options.dbPassword());
            Server jetty = new Server();
            opened.add(jetty::stop);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(options.host());
            connector.setPort(options.port());
            jetty.addConnector(connector);
            jetty.setHandler(new ContextHandlerCollection(ehrPage(directory), gateway));
            jetty.start();

            URI baseUri = URI.create("http://" + displayHost(options.host()) + ":" + connector.getLocalPort() + "/");
            LOG.info("Sample EHR started on port {} in {} ms", connector.getLocalPort(),
                    (System.nanoTime() - started) / 1_000_000);
            Collections.reverse(opened);
            return new SampleEhrServer(jetty, baseUri, directory, adapterJdbcUrl, List.copyOf(opened));
        } catch (Exception e) {
            Collections.reverse(opened);
            closeAll(opened, e);
            throw e;
        }
    }

    /** The server's root, e.g. {@code http://127.0.0.1:41234/}, with the port actually bound. */
    public URI baseUri() {
        return baseUri;
    }

    /** The gateway's FHIR base, e.g. {@code http://127.0.0.1:41234/fhir-gateway/fhir/}. */
    public URI gatewayBaseUri() {
        return baseUri.resolve(GatewayDeployment.CONTEXT_PATH.substring(1) + "/fhir/");
    }

    /** The EHR's own page. */
    public URI ehrPageUri() {
        return baseUri.resolve(EHR_CONTEXT_PATH.substring(1) + "/");
    }

    /** The URL the adapter was given: a loopback H2 TCP URL for the embedded database, else the EHR's own URL. */
    public String adapterJdbcUrl() {
        return adapterJdbcUrl;
    }

    /** The practices with their first {@code patientsPerPractice} patients, read from the EHR's database. */
    public List<PracticeDirectory.PracticeOverview> practices(int patientsPerPractice) {
        return directory.overview(patientsPerPractice);
    }

    /** Blocks until the web server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops the web server, then the H2 TCP server, then closes the database. */
    @Override
    public void close() throws Exception {
        closeAll(resources, null);
        LOG.info("Sample EHR stopped");
    }

    private static ServletContextHandler ehrPage(PracticeDirectory directory) {
        ServletContextHandler context = new ServletContextHandler(EHR_CONTEXT_PATH);
        context.addServlet(new ServletHolder(new EhrPageServlet(directory)), "/");
        return context;
    }

    /** "0.0.0.0" is where the server listens, not an address to browse to. */
    private static String displayHost(String host) {
        return host.equals(SampleEhrOptions.DEFAULT_HOST) || host.isEmpty() ? "localhost" : host;
    }

    /** Closes each resource even when an earlier one fails; the failures are added to {@code failure}. */
    private static void closeAll(List<AutoCloseable> resources, Exception failure) throws Exception {
        Exception first = failure;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (failure == null && first != null) {
            throw first;
        }
    }
}
