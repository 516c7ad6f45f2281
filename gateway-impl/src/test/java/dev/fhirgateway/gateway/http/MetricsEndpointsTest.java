package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /metrics} and {@code /usage}: formats, access restrictions, and the switch that turns metering off. */
@DisplayName("The metrics and usage endpoints")
class MetricsEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "test-secret-test-secret-test-secret!";

    @Test
    @DisplayName("/metrics serves Prometheus text, or OpenMetrics when asked, with per-practice request counts")
    void scrapeFormats() throws Exception {
        try (GatewayTestServer server = start(Map.of())) {
            get(server, "/fhir/Patient/a1", PRACTICE_A, Map.of());
            get(server, "/fhir/Patient/b1", PRACTICE_B, Map.of());
            HttpResponse<String> text = awaitScrape(server, "practice=\"B\"");
            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            assertThat(text.body()).containsPattern("fhirgateway_requests_seconds_count\\{client=\"unknown\","
                    + "interaction=\"read\",outcome=\"200\",practice=\"A\",resource_type=\"Patient\"} 1")
                    .contains("fhirgateway_requests_seconds_bucket{")
                    .contains("jvm_memory_used_bytes");
            HttpResponse<String> open = get(server, "/metrics", null,
                    Map.of("Accept", "application/openmetrics-text; version=1.0.0"));
            assertThat(open.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
            assertThat(open.body()).endsWith("# EOF\n");
        }
    }

    @Test
    @DisplayName("/usage reports per practice and interaction, as JSON and as CSV, and says it is per instance")
    void usageReport() throws Exception {
        try (GatewayTestServer server = start(Map.of())) {
            get(server, "/fhir/Patient/a1", PRACTICE_A, Map.of());
            get(server, "/fhir/Patient/a2", PRACTICE_A, Map.of());
            get(server, "/fhir/Patient?_count=3", PRACTICE_B, Map.of());
            awaitScrape(server, "interaction=\"search-type\"");
            JsonNode json = new ObjectMapper().readTree(get(server, "/usage", null, Map.of()).body());
            assertThat(json.get("scope").asText()).contains("since its start").contains("Prometheus");
            Map<String, Long> requests = new HashMap<>();
            json.get("usage").forEach(r -> requests.put(r.get("practice").asText() + "/" + r.get("interaction").asText(),
                    r.get("requests").asLong()));
            assertThat(requests).containsEntry("A/read", 2L).containsEntry("B/search-type", 1L);
            HttpResponse<String> csv = get(server, "/usage?format=csv&from=2000-01-01", null, Map.of());
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).startsWith("practice,interaction,requests,client_errors,server_errors,resources,bytes\r\n")
                    .contains("\r\nB,search-type,1,0,0,3,");
            // CDS Hooks is answered 501 by design: a request, not a server error.
            assertThat(get(server, "/cds-services", null, Map.of()).statusCode()).isEqualTo(501);
            awaitScrape(server, "interaction=\"cds-refused\"");
            assertThat(get(server, "/usage?format=csv&from=2000-01-01", null, Map.of()).body())
                    .contains("\r\nnone,cds-refused,1,0,0,0,");
            HttpResponse<String> bad = get(server, "/usage?from=yesterday", null, Map.of());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("OperationOutcome");
        }
    }

    @Test
    @DisplayName("a configured token is required (401), and addresses outside the allow-list are refused (403)")
    void accessRestrictions() throws Exception {
        try (GatewayTestServer server = start(Map.of("fhirgateway.metrics.token", "scrape-token-123"))) {
            HttpResponse<String> none = get(server, "/metrics", null, Map.of());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(none.body()).contains("OperationOutcome").doesNotContain("scrape-token-123");
            assertThat(get(server, "/metrics", null, Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
            assertThat(get(server, "/usage", null, Map.of()).statusCode()).isEqualTo(401);
            assertThat(get(server, "/metrics", null, Map.of("Authorization", "Bearer scrape-token-123")).statusCode())
                    .isEqualTo(200);
        }
        try (GatewayTestServer server = start(Map.of("fhirgateway.metrics.allow-from", "10.0.0.0/8"))) {
            assertThat(get(server, "/metrics", null, Map.of()).statusCode()).isEqualTo(403);
            assertThat(get(server, "/usage", null, Map.of()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("with metering off there is no /metrics and no /usage, and FHIR requests still work")
    void meteringOff() throws Exception {
        try (GatewayTestServer server = start(Map.of("fhirgateway.metrics.enabled", "false"))) {
            assertThat(get(server, "/fhir/Patient/a1", PRACTICE_A, Map.of()).statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics", null, Map.of()).statusCode()).isEqualTo(404);
            assertThat(get(server, "/usage", null, Map.of()).statusCode()).isEqualTo(404);
        }
    }

    private static GatewayTestServer start(Map<String, String> extra) throws Exception {
        Map<String, String> params = new HashMap<>(extra);
        params.put("fhirgateway.paging.secret", SECRET);
        return GatewayTestServer.start(params);
    }

    /** Scrapes until {@code expected} appears: a request is metered just after its response is sent. */
    private static HttpResponse<String> awaitScrape(GatewayTestServer server, String expected) throws Exception {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> get(server, "/metrics", null, Map.of()), r -> r.body().contains(expected));
    }

    private static HttpResponse<String> get(GatewayTestServer server, String path, String practice,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.contextUri() + path));
        if (practice != null) {
            b.header("X-Practice-Pin", practice);
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
