package dev.fhirgateway.sample;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.DemoClients;
import dev.fhirgateway.sample.auth.DevelopmentAuthorizationServer;
import dev.fhirgateway.sample.auth.EhrUsers;
import dev.fhirgateway.sample.auth.GatewaySecuritySettings;
import dev.fhirgateway.sample.auth.JwksEndpointServlet;
import dev.fhirgateway.sample.auth.SigningKeyStore;
import dev.fhirgateway.sample.auth.TokenEndpointServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.jmx.MBeanContainer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sample EHR: its database (migrated and seeded), its own page at {@value #EHR_CONTEXT_PATH}, its
 * development authorization server at {@value #OAUTH_CONTEXT_PATH} (a stand-in for the EHR's own, see
 * {@link DevelopmentAuthorizationServer}), and the gateway WAR at {@code /fhir-gateway} reading the database
 * through the adapter in the plugin directory and verifying that server's access tokens.
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
    /** Where the development authorization server is served: {@code /oauth/token}, {@code /oauth/jwks}. */
    public static final String OAUTH_CONTEXT_PATH = "/oauth";

    private static final Logger LOG = LoggerFactory.getLogger(SampleEhrServer.class);

    private final Server jetty;
    private final URI baseUri;
    private final PracticeDirectory directory;
    private final String adapterJdbcUrl;
    private final AdapterDatabaseAccount adapterAccount;
    private final RemoteAdapterDatabase remoteAdapterDatabase;
    private final ClientRegistry clients;
    private final EhrUsers users;
    private final DevelopmentAuthorizationServer authorizationServer;
    private final boolean developmentPracticeHeader;
    /** What {@link #close()} closes, in the order to close it. */
    private final List<AutoCloseable> resources;

    private SampleEhrServer(Server jetty, URI baseUri, PracticeDirectory directory, String adapterJdbcUrl,
            AdapterDatabaseAccount adapterAccount, RemoteAdapterDatabase remoteAdapterDatabase, ClientRegistry clients,
            EhrUsers users, DevelopmentAuthorizationServer authorizationServer,
            boolean developmentPracticeHeader, List<AutoCloseable> resources) {
        this.jetty = jetty;
        this.baseUri = baseUri;
        this.directory = directory;
        this.adapterJdbcUrl = adapterJdbcUrl;
        this.adapterAccount = adapterAccount;
        this.remoteAdapterDatabase = remoteAdapterDatabase;
        this.clients = clients;
        this.users = users;
        this.authorizationServer = authorizationServer;
        this.developmentPracticeHeader = developmentPracticeHeader;
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
        boolean embeddedH2 = EmbeddedH2.isEmbedded(jdbcUrl);
        if (embeddedH2 && options.h2Port() > 0) {
            H2TcpBridge.restrictToLoopback();
        }
        if (options.jdbcUrl() == null) {
            // The database holds PHI and the token signing key: nobody but this user reads its files.
            EmbeddedH2.createOwnerOnlyDirectory(options.dataDir());
        }
        // Closed in reverse order of opening: the web server first, the database last.
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            EhrDatabase database = EhrDatabase.open(jdbcUrl, options.dbUser(), options.dbPassword());
            opened.add(database);
            SeedData.seedIfEmpty(database.jdbi());

            String adapterJdbcUrl = jdbcUrl;
            String adapterUser = options.dbUser();
            String adapterPassword = options.dbPassword();
            AdapterDatabaseAccount adapterAccount = null;
            RemoteAdapterDatabase remoteAdapterDatabase = null;
            if (embeddedH2) {
                Optional<Path> files = EmbeddedH2.databasePath(jdbcUrl);
                if (files.isPresent()) {
                    EmbeddedH2.restrictFilesToOwner(files.get());
                }
                // The gateway shares this JVM's H2 classes (see GatewayDeployment), so its adapter opens the
                // same database in the same engine, in process: no TCP port, no second engine on the file. It
                // logs in with an account that reads the records only, never the signing key.
                adapterAccount = AdapterDatabaseAccount.renew(database.jdbi());
                adapterJdbcUrl = "jdbc:h2:" + EmbeddedH2.databaseName(jdbcUrl) + ";IFEXISTS=TRUE";
                adapterUser = adapterAccount.user();
                adapterPassword = adapterAccount.password();
                if (options.h2Port() > 0) {
                    // Only on request (--h2-port): a gateway in another process (deploy.md's trial recipe) reaches
                    // this database over loopback, logging in with the same read-only adapter account.
                    H2TcpBridge bridge = H2TcpBridge.start(jdbcUrl, options.h2Port());
                    opened.add(bridge);
                    remoteAdapterDatabase = new RemoteAdapterDatabase(bridge.clientUrl(), adapterAccount);
                }
            }

            PracticeDirectory directory = new PracticeDirectory(database.jdbi());
            ClientRegistry clients = new ClientRegistry(database.jdbi());
            List<String> pins = directory.overview(0).stream().map(p -> p.pin()).toList();
            DemoClients.seedIfMissing(clients, pins);
            EhrUsers users = new EhrUsers(database.jdbi());
            users.seedDemoUsersIfMissing(pins);

            Server jetty = new Server();
            // Publishes Jetty's components (its thread pool among them) over JMX, where the gateway's metrics read them.
            // Destroyed after the server stops, which unregisters the beans: the JVM may outlive this server.
            MBeanContainer mbeans = new MBeanContainer(ManagementFactory.getPlatformMBeanServer());
            jetty.addBean(mbeans);
            opened.add(mbeans::destroy);
            opened.add(jetty::stop);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(options.host());
            connector.setPort(options.port());
            jetty.addConnector(connector);
            // Bound before the web applications are made: the token endpoint, issuer and audience name the port.
            connector.open();
            URI baseUri = URI.create("http://" + displayHost(options.host()) + ":" + connector.getLocalPort() + "/");

            DevelopmentAuthorizationServer authorizationServer = new DevelopmentAuthorizationServer(
                    new DevelopmentAuthorizationServer.Config(baseUri.resolve(OAUTH_CONTEXT_PATH.substring(1)),
                            baseUri.resolve(OAUTH_CONTEXT_PATH.substring(1) + "/token"),
                            gatewayBaseUri(baseUri).toString().replaceAll("/$", ""),
                            options.tokenLifetime(), options.tokenAudiences()),
                    clients, new SigningKeyStore(database.jdbi()), users, Clock.systemUTC());
            Map<String, String> security = options.developmentPracticeHeader()
                    ? GatewaySecuritySettings.developmentPracticeHeader()
                    : GatewaySecuritySettings.verifyTokensOf(authorizationServer.config(),
                            URI.create("http://" + loopbackHost(options.host()) + ":" + connector.getLocalPort()
                                    + OAUTH_CONTEXT_PATH + "/jwks"));
            WebAppContext gateway = GatewayDeployment.create(options.war(), options.pluginDir(), adapterJdbcUrl,
                    adapterUser, adapterPassword, security);
            ContextHandlerCollection contexts = new ContextHandlerCollection(ehrPage(directory, clients, users,
                    authorizationServer), oauth(authorizationServer), gateway);
            if (options.appDir() != null) {
                contexts.addHandler(apps(options.appDir()));
            }
            jetty.setHandler(contexts);
            jetty.start();

            LOG.info("Sample EHR started on port {} in {} ms", connector.getLocalPort(),
                    (System.nanoTime() - started) / 1_000_000);
            Collections.reverse(opened);
            return new SampleEhrServer(jetty, baseUri, directory, adapterJdbcUrl, adapterAccount, remoteAdapterDatabase, clients,
                    users, authorizationServer, options.developmentPracticeHeader(), List.copyOf(opened));
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
        return gatewayBaseUri(baseUri);
    }

    /** The development authorization server's token endpoint, e.g. {@code http://127.0.0.1:41234/oauth/token}. */
    public URI tokenEndpoint() {
        return authorizationServer.config().tokenEndpoint();
    }

    /** The development authorization server's JWKS, e.g. {@code http://127.0.0.1:41234/oauth/jwks}. */
    public URI jwksUri() {
        return baseUri.resolve(OAUTH_CONTEXT_PATH.substring(1) + "/jwks");
    }

    /** The registered API clients (the registration desk {@code client add} uses). */
    public ClientRegistry clients() {
        return clients;
    }

    /** The EHR's user accounts (portal users, clinicians, practice administrators). */
    public EhrUsers users() {
        return users;
    }

    /** The development authorization server's authorization endpoint, e.g. {@code http://127.0.0.1:41234/oauth/authorize}. */
    public URI authorizationEndpoint() {
        return authorizationServer.config().authorizationEndpoint();
    }

    /** The RFC 7009 revocation endpoint, e.g. {@code http://127.0.0.1:41234/oauth/revoke}. */
    public URI revocationEndpoint() {
        return authorizationServer.config().revocationEndpoint();
    }

    /** Whether the gateway runs in its development switch ({@code X-Practice-Pin}) instead of checking tokens. */
    public boolean developmentPracticeHeader() {
        return developmentPracticeHeader;
    }

    private static URI gatewayBaseUri(URI baseUri) {
        return baseUri.resolve(GatewayDeployment.CONTEXT_PATH.substring(1) + "/fhir/");
    }

    /** The EHR's own page. */
    public URI ehrPageUri() {
        return baseUri.resolve(EHR_CONTEXT_PATH.substring(1) + "/");
    }

    /** The URL the adapter was given: the embedded database's in-process URL, else the EHR's own URL. */
    public String adapterJdbcUrl() {
        return adapterJdbcUrl;
    }

    /** The account the adapter reads the embedded H2 database with; empty for a database server. */
    Optional<AdapterDatabaseAccount> adapterAccount() {
        return Optional.ofNullable(adapterAccount);
    }

    /**
     * The gateway settings that trust this server's development authorization server, as the deployed gateway got
     * them; for another deployment of the WAR in this JVM (the metering benchmark deploys it twice more).
     */
    Map<String, String> gatewaySecuritySettings() {
        return GatewaySecuritySettings.verifyTokensOf(authorizationServer.config(), jwksUri());
    }

    /**
     * Where a gateway in another process reads the embedded database, with which account: present only when
     * the database is served on {@code --h2-port}.
     */
    public Optional<RemoteAdapterDatabase> remoteAdapterDatabase() {
        return Optional.ofNullable(remoteAdapterDatabase);
    }

    /**
     * The embedded database as served on loopback for a gateway in another process.
     *
     * @param jdbcUrl {@code jdbc:h2:tcp://127.0.0.1:PORT/...}
     * @param account the read-only adapter account, with this start's password
     */
    public record RemoteAdapterDatabase(String jdbcUrl, AdapterDatabaseAccount account) {
    }

    /** The practices with their first {@code patientsPerPractice} patients, read from the EHR's database. */
    public List<PracticeDirectory.PracticeOverview> practices(int patientsPerPractice) {
        return directory.overview(patientsPerPractice);
    }

    /** Blocks until the web server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops the web server, then closes the database. */
    @Override
    public void close() throws Exception {
        closeAll(resources, null);
        LOG.info("Sample EHR stopped");
    }

    private static ServletContextHandler ehrPage(PracticeDirectory directory, ClientRegistry clients, EhrUsers users,
            DevelopmentAuthorizationServer server) {
        // Sessions for the registration desk's administrator login only.
        ServletContextHandler context = new ServletContextHandler(EHR_CONTEXT_PATH, ServletContextHandler.SESSIONS);
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(org.eclipse.jetty.http.HttpCookie.SameSite.STRICT);
        context.getSessionHandler().setMaxInactiveInterval(30 * 60);
        context.addServlet(new ServletHolder(new EhrPageServlet(directory)), "/");
        context.addServlet(new ServletHolder(new RegistrationDeskServlet(clients, users)), "/registrations");
        context.addServlet(new ServletHolder(new AppRegistrationServlet(clients)), "/register");
        context.addServlet(new ServletHolder(new EhrLaunchServlet(clients, users, server.launches(),
                server.config().audience())), "/launch");
        return context;
    }

    /**
     * DEVELOPMENT STAND-IN for the EHR's own authorization server: its token and JWKS endpoints. A real EHR's
     * authorization server runs elsewhere; the gateway only needs its JWKS URL and issuer.
     */
    private static ServletContextHandler oauth(DevelopmentAuthorizationServer server) {
        ServletContextHandler context = new ServletContextHandler(OAUTH_CONTEXT_PATH);
        context.addServlet(new ServletHolder(new TokenEndpointServlet(server)), "/token");
        context.addServlet(new ServletHolder(TokenEndpointServlet.revocation(server)), "/revoke");
        context.addServlet(new ServletHolder(server.authorizationEndpoint()), "/authorize");
        context.addServlet(new ServletHolder(server.openIdConfiguration(
                server.config().tokenEndpoint().resolve("jwks"))), "/.well-known/openid-configuration");
        context.addServlet(new ServletHolder(new JwksEndpointServlet(server)), "/jwks");
        return context;
    }

    /** Where {@code --app-dir} files are served: the same origin as the gateway and the authorization server. */
    public static final String APPS_CONTEXT_PATH = "/apps";

    /**
     * A SMART app under development, served as static files from the EHR's origin, so that a browser app calls the
     * gateway (which sends no CORS headers) and the authorization server without cross-origin requests.
     */
    private static ServletContextHandler apps(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the app directory " + dir + " does not exist");
        }
        ServletContextHandler context = new ServletContextHandler(APPS_CONTEXT_PATH);
        context.setBaseResourceAsPath(dir.toAbsolutePath());
        ServletHolder files = new ServletHolder("apps", org.eclipse.jetty.ee10.servlet.DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        context.addServlet(files, "/");
        return context;
    }

    /** The address the gateway fetches the JWKS from inside this host: loopback unless bound elsewhere. */
    private static String loopbackHost(String host) {
        return host.equals(SampleEhrOptions.ALL_INTERFACES) || host.isEmpty() || host.equals("::") ? "127.0.0.1" : host;
    }

    /** "0.0.0.0" is where the server listens, not an address to browse to. */
    private static String displayHost(String host) {
        return host.equals(SampleEhrOptions.ALL_INTERFACES) || host.isEmpty() ? "localhost" : host;
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
