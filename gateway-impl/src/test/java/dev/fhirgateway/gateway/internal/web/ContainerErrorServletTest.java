package dev.fhirgateway.gateway.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The context's error page and default servlet in a real Jetty: errors the container raises get an
 * OperationOutcome, and those it raises for a FHIR servlet it has taken out of service (a redeploy) tell the
 * client to retry instead of claiming there is nothing at the path.
 */
@DisplayName("Container errors")
class ContainerErrorServletTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final AtomicBoolean stopping = new AtomicBoolean();
    private Server server;
    private String root;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/gw");
        // Stands for the FHIR servlet the container is stopping: Tomcat marks it unavailable before destroying it
        // and answers requests it had already routed there with 404 "servlet not available" (a permanent
        // unavailability) or 503.
        context.addServlet(new ServletHolder("fhir", new Unavailable()), "/fhir/*");
        context.addServlet(new ServletHolder("health", new NotFound()), "/health/*");
        context.addServlet(new ServletHolder("not-found",
                new ContainerErrorServlet(FHIR, stopping::get, "/fhir")), "/");
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ContainerErrorServlet.ERROR_PATH);
        context.setErrorHandler(errors);
        // The same gateway at the moment the container has the FHIR servlet out of its mapping (stopping, or not
        // yet started): requests for FHIR paths fall through to the default servlet.
        ServletContextHandler unmapped = new ServletContextHandler("/gw-unmapped");
        unmapped.addServlet(new ServletHolder("not-found",
                new ContainerErrorServlet(FHIR, stopping::get, "/fhir")), "/");
        server.setHandler(new ContextHandlerCollection(context, unmapped));
        server.start();
        root = "http://127.0.0.1:" + connector.getLocalPort();
        base = root + "/gw";
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    @DisplayName("a path no endpoint serves is 404 not-found with an OperationOutcome")
    void unknownPath() throws Exception {
        HttpResponse<String> answer = get("/nothing-here");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(issue(answer).getCode()).isEqualTo(IssueType.NOTFOUND);
        assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    @DisplayName("another servlet's own 404 stays a 404")
    void otherServletsNotFound() throws Exception {
        HttpResponse<String> answer = get("/health/unknown");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(issue(answer).getCode()).isEqualTo(IssueType.NOTFOUND);
    }

    @Test
    @DisplayName("the container's 404 for the FHIR servlet out of service is 503 Retry-After, transient")
    void fhirServletOutOfService() throws Exception {
        assertToldToRetry(get("/fhir/Patient?identifier=1&permanently=true"));
    }

    @Test
    @DisplayName("the container's 503 for the FHIR servlet out of service gets Retry-After and a transient outcome")
    void fhirServletPaused() throws Exception {
        assertToldToRetry(get("/fhir/Patient?identifier=1&permanently=false"));
    }

    @Test
    @DisplayName("a FHIR path the container routes past the unmapped FHIR servlet is 503 Retry-After, transient")
    void fhirServletUnmapped() throws Exception {
        assertToldToRetry(send(root + "/gw-unmapped/fhir/Patient?identifier=1"));
        assertToldToRetry(send(root + "/gw-unmapped/fhir"));

        HttpResponse<String> other = send(root + "/gw-unmapped/fhirish");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(issue(other).getCode()).isEqualTo(IssueType.NOTFOUND);
    }

    @Test
    @DisplayName("once the gateway is stopping, every container error is 503 Retry-After, transient")
    void anyErrorWhileStopping() throws Exception {
        stopping.set(true);

        assertToldToRetry(get("/nothing-here"));
        assertToldToRetry(get("/health/unknown"));
    }

    private static void assertToldToRetry(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(issue(answer).getCode()).isEqualTo(IssueType.TRANSIENT);
        assertThat(issue(answer).getDiagnostics()).contains("restarting");
    }

    private static OperationOutcome.OperationOutcomeIssueComponent issue(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.body()).getIssueFirstRep();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(base + path);
    }

    private static HttpResponse<String> send(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A servlet the container finds unavailable, for good (404) or for a while (503), when asked to serve. */
    private static final class Unavailable extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws UnavailableException {
            throw Boolean.parseBoolean(request.getParameter("permanently")) ? new UnavailableException("stopped")
                    : new UnavailableException("stopping", 5);
        }
    }

    /** A servlet answering every path with the container's 404, as the health servlet does for unknown checks. */
    private static final class NotFound extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
