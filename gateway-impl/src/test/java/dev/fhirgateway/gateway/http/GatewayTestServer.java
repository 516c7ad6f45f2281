package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.gateway.GatewayBootstrapListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The gateway's web application (its bootstrap listener, as web.xml declares it) in an embedded Jetty on
 * 127.0.0.1 and a free port, with the test class path's adapters; in the development header mode unless
 * {@code fhirgateway.auth.mode} is given. The WAR itself is tested by the sample
 * EHR's integration tests.
 */
final class GatewayTestServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final Server server;
    private final URI contextUri;

    private GatewayTestServer(Server server, URI contextUri) {
        this.server = server;
        this.contextUri = contextUri;
    }

    static GatewayTestServer start(Map<String, String> initParameters) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/fhir-gateway");
        // Tests name the practice in the X-Practice-Pin header unless they choose a token mode themselves
        // (SecuredGateway does): the development switch, since the gateway's default requires access tokens.
        context.setInitParameter("fhirgateway.auth.mode", "development-header");
        initParameters.forEach(context::setInitParameter);
        context.addEventListener(new GatewayBootstrapListener());
        server.setHandler(context);
        server.start();
        return new GatewayTestServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/fhir-gateway"));
    }

    /**
     * The web application as the WAR deploys it: Jetty reads {@code src/main/webapp/WEB-INF/web.xml} (the
     * bootstrap listener and the error page) with the test class path's classes and adapters, settings as
     * context init parameters. Listens on 127.0.0.1 and, when {@code ipv6Loopback}, also on {@code ::1}.
     */
    static GatewayTestServer startWebApp(Map<String, String> initParameters, boolean ipv6Loopback) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        if (ipv6Loopback) {
            ServerConnector v6 = new ServerConnector(server);
            v6.setHost("::1");
            v6.setPort(0);
            server.addConnector(v6);
        }
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/fhir-gateway");
        webapp.setBaseResourceAsPath(Path.of("src/main/webapp").toAbsolutePath());
        webapp.setParentLoaderPriority(true);
        webapp.setInitParameter("fhirgateway.auth.mode", "development-header");
        initParameters.forEach(webapp::setInitParameter);
        server.setHandler(webapp);
        server.start();
        return new GatewayTestServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/fhir-gateway"));
    }

    /** The port of the {@code ::1} connector of {@link #startWebApp}. */
    int ipv6Port() {
        return ((ServerConnector) server.getConnectors()[1]).getLocalPort();
    }

    /** e.g. {@code http://127.0.0.1:PORT/fhir-gateway} */
    URI contextUri() {
        return contextUri;
    }

    /** e.g. {@code http://127.0.0.1:PORT/fhir-gateway/fhir} */
    String fhirBase() {
        return contextUri + "/fhir";
    }

    int port() {
        return contextUri.getPort();
    }

    /**
     * GETs {@code pathOrUrl} (a path below the FHIR base, e.g. {@code /Patient?_id=a1}, or a whole URL such as a
     * {@code next} link) as FHIR JSON, naming {@code practice} in {@code X-Practice-Pin} (none when null) and,
     * when {@code lenient}, with {@code Prefer: handling=lenient}.
     */
    HttpResponse<String> get(String pathOrUrl, String practice, boolean lenient) throws Exception {
        String url = pathOrUrl.startsWith("/") ? fhirBase() + pathOrUrl : pathOrUrl;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").GET();
        if (practice != null) {
            b.header("X-Practice-Pin", practice);
        }
        if (lenient) {
            b.header("Prefer", "handling=lenient");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Bundle a search answers (see {@link #get}), failing the test unless the status is 200. */
    Bundle search(String pathOrUrl, String practice) throws Exception {
        HttpResponse<String> r = get(pathOrUrl, practice, false);
        assertThat(r.statusCode()).as("status of %s: %s", pathOrUrl, r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, r.body());
    }

    /** Stops (undeploys) the gateway's web application while the server keeps running, as a redeploy does. */
    void stopWebApplication() throws Exception {
        server.getHandler().stop();
    }

    /**
     * Destroys the FHIR servlet while the application keeps running, as Tomcat does when a request of a stopping
     * application has outlasted its {@code unloadDelay}.
     */
    void destroyFhirServlet() throws Exception {
        ((ServletContextHandler) server.getHandler()).getServletHandler().getServlet("fhir").getServlet().destroy();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
