package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Undeploying the gateway lets a request in the middle of an adapter call finish before adapters are closed. */
@DisplayName("Stopping the gateway")
class GracefulStopTest {

    @Test
    @DisplayName("a search running when the web application stops still gets its answer")
    void requestInFlightFinishes() throws Exception {
        try (GatewayTestServer server = server()) {
            CompletableFuture<HttpResponse<String>> slow = slowSearchRunning(server);
            assertThat(slow).isNotDone();

            long stopStarted = System.nanoTime();
            server.stopWebApplication();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStarted);

            HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, answer.body());
            assertThat(bundle.getEntry()).hasSize(1);
            // The stop waited for the request instead of closing the adapter under it.
            assertThat(stopMillis).isGreaterThan(2_000);
        }
    }

    @Test
    @DisplayName("a search on its way when the container destroys the FHIR servlet is still served, not 404")
    void servletDestroyedUnderARequestWaitsForIt() throws Exception {
        try (GatewayTestServer server = server()) {
            CompletableFuture<HttpResponse<String>> slow = slowSearchRunning(server);

            // HAPI's destroy() clears the resource bindings; the request still needs them for its includes and
            // paging, and a request arriving a moment later would need them to be routed at all.
            long destroyStarted = System.nanoTime();
            server.destroyFhirServlet();
            long destroyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - destroyStarted);

            HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            // The servlet's destroy waited for the request (the adapter takes 5 s) before HAPI tore down its bindings.
            assertThat(destroyMillis).isGreaterThan(2_000);
        }
    }

    @Test
    @DisplayName("a request reaching the gateway after its FHIR servlet was destroyed gets 503 Retry-After, not 404")
    void requestAfterTheServletWasDestroyedIsToldToRetry() throws Exception {
        try (GatewayTestServer server = server()) {
            // As in Tomcat when a request mapped just before a reload reaches the stopping instance.
            server.destroyFhirServlet();

            assertToldToRetry(patientSearch(server));
        }
    }

    private static HttpResponse<String> patientSearch(GatewayTestServer server) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.fhirBase() + "/Patient?family=Doe"))
                        .header("X-Practice-Pin", InMemoryPatientAdapterProvider.PRACTICE_B).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertToldToRetry(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser()
                .parseResource(OperationOutcome.class, answer.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(IssueType.TRANSIENT);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("restarting");
    }

    private static GatewayTestServer server() throws Exception {
        return GatewayTestServer.start(Map.of(
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                // The practice from a header (development switch): these tests are about stopping, not tokens.
                "fhirgateway.auth.mode", "development-header",
                "fhirgateway.adapter-call-timeout", "PT20S"));
    }

    /** A search the in-memory adapter takes 5 s to answer, once the adapter is answering it. */
    private static CompletableFuture<HttpResponse<String>> slowSearchRunning(GatewayTestServer server) {
        CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(server.fhirBase() + "/Patient?family="
                        + InMemoryPatientAdapterProvider.SLOW_FAMILY))
                        .header("X-Practice-Pin", InMemoryPatientAdapterProvider.PRACTICE_B).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(4)).until(() -> InMemoryPatientAdapterProvider.SLOW_SEARCHES_RUNNING.get() > 0);
        return slow;
    }
}
