package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code fhirgateway.request-timeout} bounds a whole request: the search and the reads of its includes share
 * one deadline, so calls that are each well inside {@code adapter-call-timeout} cannot add up past it.
 */
@DisplayName("The request's time budget")
class RequestBudgetHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long MEDICATION_READ_MILLIS = 450;
    private static GatewayTestServer server;

    @BeforeAll
    static void start() throws Exception {
        // Each Medication read takes 450 ms, well inside the 3 s per call; a1's page refers to three Medications.
        server = GatewayTestServer.start(Map.of(
                "fhirgateway.auth.mode", "development-header",
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.adapter-call-timeout", "PT3S",
                "fhirgateway.request-timeout", "PT1S",
                InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true",
                InMemoryClinicalAdapterProvider.MEDICATION_READ_DELAY_SETTING, Long.toString(MEDICATION_READ_MILLIS)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("includes that together outlast the budget end in 504 at the budget, naming the step that ran out")
    void includesShareTheBudget() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get("/MedicationRequest?patient=a1&_include=MedicationRequest:medication");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        OperationOutcome oo = FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class,
                response.body());
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(IssueType.TIMEOUT);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("time budget (1 s)").contains("read Medication");
        // Three reads of 450 ms: without a shared budget the answer would be a 200 after about 1.4 s.
        assertThat(tookMillis).as("answered near the 1 s budget, not after the three reads")
                .isLessThan(1_000 + 2 * MEDICATION_READ_MILLIS);
    }

    @Test
    @DisplayName("a request inside its budget is answered, includes and all")
    void withinTheBudget() throws Exception {
        // mr-a2 refers to one Medication: one 450 ms read.
        HttpResponse<String> response = get("/MedicationRequest?_id=mr-a2&_include=MedicationRequest:medication");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"Medication\"").contains("med3");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.fhirBase() + path))
                .header("X-Practice-Pin", PRACTICE_A).header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
