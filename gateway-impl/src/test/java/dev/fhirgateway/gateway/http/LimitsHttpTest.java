package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request limits in one gateway instance (buckets in memory): the 429 answer and the rate-limit headers, each
 * limit (practice rate, client daily quota, practice concurrency, the discovery rate), overrides reloaded
 * without a restart, and the metering of throttled requests (never a server error). Redis: {@code LimitsRedisIT}.
 */
@DisplayName("Request limits (in memory)")
class LimitsHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "test-secret-test-secret-test-secret!";

    private static GatewayTestServer start(Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("fhirgateway.paging.secret", SECRET));
        settings.putAll(more);
        return GatewayTestServer.start(settings);
    }

    @Test
    @DisplayName("over the practice rate: 429, Retry-After and a throttled OperationOutcome naming the limit; headers on every answer")
    void practiceRate() throws Exception {
        try (GatewayTestServer server = start(Map.of("fhirgateway.limits.practice-rate", "3/h"))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> ok = get(server, "/Patient/a1", PRACTICE_A);
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("\"practice\";q=3;w=3600");
                assertThat(ok.headers().firstValue("RateLimit").orElseThrow())
                        .startsWith("\"practice\";r=" + (2 - i) + ";t=");
            }
            HttpResponse<String> refused = get(server, "/Patient/a1", PRACTICE_A);
            assertThat(refused.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            // 3 per hour: the next token comes 20 minutes after the first.
            assertThat(retryAfter).isBetween(1_100L, 1_200L);
            assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).isEqualTo("\"practice\";r=0;t=" + retryAfter);
            OperationOutcome oo = parse(refused);
            assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(IssueType.THROTTLED);
            assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("practice-rate").contains("3 per hour");
            assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");

            // Practice B has its own budget, and sees only its own figures, on errors too.
            HttpResponse<String> other = get(server, "/Patient/b1", PRACTICE_B);
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"practice\";r=2;");
            HttpResponse<String> missing = get(server, "/Patient/no-such-patient", PRACTICE_B);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"practice\";r=1;");

            // A 429 is a client error, never a server error: in the usage report and the request meters.
            JsonNode usage = new ObjectMapper().readTree(send(server.contextUri() + "/usage", null).body());
            long serverErrors = 0;
            long clientErrors = 0;
            for (JsonNode row : usage.path("usage")) {
                if (row.path("practice").asText().equals(PRACTICE_A)) {
                    serverErrors += row.path("serverErrors").asLong();
                    clientErrors += row.path("clientErrors").asLong();
                }
            }
            assertThat(serverErrors).isZero();
            assertThat(clientErrors).isEqualTo(1);
            assertThat(usage.path("quota").toString()).contains("\"practice\":\"A\",\"limit\":\"practice-rate\"")
                    .contains("\"throttled\":1");
            String metrics = send(server.contextUri() + "/metrics", null).body();
            assertThat(metrics).contains("fhirgateway_limits_requests_total{client=\"unknown\",limit=\"practice-rate\","
                    + "outcome=\"throttled\",practice=\"A\"} 1.0");
            assertThat(metrics).contains("fhirgateway_limits_requests_total{client=\"unknown\",limit=\"none\","
                    + "outcome=\"allowed\",practice=\"A\"} 2.0");
            // The third request left 0 of 3: near the limit.
            assertThat(metrics).contains("fhirgateway_limits_requests_total{client=\"unknown\",limit=\"practice-rate\","
                    + "outcome=\"near\",practice=\"A\"} 1.0");
            assertThat(metrics).containsPattern("fhirgateway_requests_seconds_count\\{client=\"unknown\","
                    + "interaction=\"read\",outcome=\"429\",practice=\"A\",resource_type=\"Patient\"} 1\\b");
            assertThat(metrics).contains("fhirgateway_limits_store_available 1.0");
        }
    }

    @Test
    @DisplayName("the client's daily quota: 429 until the next UTC midnight, counted per practice")
    void clientDailyQuota() throws Exception {
        try (GatewayTestServer server = start(Map.of("fhirgateway.limits.client-daily-quota", "2"))) {
            assertThat(get(server, "/Patient/a1", PRACTICE_A).statusCode()).isEqualTo(200);
            HttpResponse<String> second = get(server, "/Patient/a1", PRACTICE_A);
            assertThat(second.headers().firstValue("RateLimit-Policy")).hasValue("\"client-daily\";q=2;w=86400");
            assertThat(second.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"client-daily\";r=0;t=");
            HttpResponse<String> refused = get(server, "/Patient/a1", PRACTICE_A);
            assertThat(refused.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            long untilMidnight = Duration.between(java.time.Instant.now(), java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    .plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()).toSeconds();
            assertThat(retryAfter).isBetween(untilMidnight - 5, untilMidnight + 5);
            assertThat(parse(refused).getIssueFirstRep().getDiagnostics()).contains("client-daily-quota")
                    .contains("2 requests per UTC day");
            assertThat(get(server, "/Patient/b1", PRACTICE_B).statusCode()).as("the same client for another practice")
                    .isEqualTo(200);
            JsonNode usage = new ObjectMapper().readTree(send(server.contextUri() + "/usage", null).body());
            assertThat(usage.path("quota").toString()).contains("{\"practice\":\"A\",\"limit\":\"client-daily-quota\","
                    + "\"client\":\"unknown\",\"quota\":2,\"used\":2,\"throttled\":1}");
        }
    }

    @Test
    @DisplayName("the bulkhead: at most N requests of a practice at once reach the adapter; the rest 429, slots freed after")
    void concurrencyBulkhead() throws Exception {
        try (GatewayTestServer server = start(Map.of("fhirgateway.limits.practice-concurrency", "2",
                InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true",
                InMemoryClinicalAdapterProvider.MEDICATION_READ_DELAY_SETTING, "1500"))) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    answers.add(pool.submit(() -> get(server, "/Medication/med1", PRACTICE_A)));
                }
                // Practice B is not held back by A's slow requests.
                Thread.sleep(300);
                assertThat(get(server, "/Patient/b1", PRACTICE_B).statusCode()).isEqualTo(200);
                int ok = 0;
                int throttled = 0;
                for (Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get();
                    if (r.statusCode() == 200) {
                        ok++;
                    } else {
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                        assertThat(parse(r).getIssueFirstRep().getDiagnostics()).contains("practice-concurrency")
                                .contains("at most 2 at a time");
                        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                        throttled++;
                    }
                }
                assertThat(ok).isEqualTo(2);
                assertThat(throttled).isEqualTo(4);
                // Every slot was freed: two more slow reads at once both pass.
                CompletableFuture<HttpResponse<String>> one = CompletableFuture.supplyAsync(() -> uncheckedGet(server), pool);
                CompletableFuture<HttpResponse<String>> two = CompletableFuture.supplyAsync(() -> uncheckedGet(server), pool);
                assertThat(one.get().statusCode()).isEqualTo(200);
                assertThat(two.get().statusCode()).isEqualTo(200);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("overrides per practice and client from a file, reloaded without a restart")
    void overridesReload(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("limits.properties");
        Files.writeString(file, "practice.A.rate=2/h\n");
        try (GatewayTestServer server = start(Map.of("fhirgateway.limits.practice-rate", "100/h",
                "fhirgateway.limits.overrides-file", file.toString(),
                "fhirgateway.limits.overrides-check-interval", "PT0.2S"))) {
            assertThat(get(server, "/Patient/a1", PRACTICE_A).headers().firstValue("RateLimit-Policy"))
                    .hasValue("\"practice\";q=2;w=3600");
            assertThat(get(server, "/Patient/a1", PRACTICE_A).statusCode()).isEqualTo(200);
            assertThat(get(server, "/Patient/a1", PRACTICE_A).statusCode()).isEqualTo(429);
            assertThat(get(server, "/Patient/b1", PRACTICE_B).headers().firstValue("RateLimit-Policy"))
                    .as("the default for practices without an override").hasValue("\"practice\";q=100;w=3600");

            // Raised to 5: the 3 more are available at once (what was used stays used).
            Files.writeString(file, "practice.A.rate=5/h\nclient.unknown.daily-quota=1000\n");
            awaitPolicy(server, "\"practice\";q=5;w=3600, \"client-daily\";q=1000;w=86400");
            int ok = 0;
            for (int i = 0; i < 5; i++) {
                ok += get(server, "/Patient/a1", PRACTICE_A).statusCode() == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(2); // awaitPolicy's own request was the third

            // A broken file is refused (WARN) and the limits in force stay.
            Files.writeString(file, "practice.A.rate=lots\n");
            Thread.sleep(800);
            assertThat(get(server, "/Patient/b1", PRACTICE_B).headers().firstValue("RateLimit-Policy"))
                    .hasValue("\"practice\";q=100;w=3600, \"client-daily\";q=1000;w=86400");
        }
    }

    @Test
    @DisplayName("the host's overrides (gateway-api LimitOverrides) apply and reload; the file wins where both set a key")
    void hostOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("limits.properties");
        Files.writeString(file, "practice.B.rate=7/h\n");
        TestLimitOverrides.current = Map.of("practice.A.rate", "4/h", "practice.B.rate", "9/h");
        // TestLimitOverrides is registered in META-INF/services (found by every test gateway, empty by default).
        try (GatewayTestServer server = start(Map.of("fhirgateway.limits.overrides-file", file.toString(),
                "fhirgateway.limits.overrides-check-interval", "PT0.2S"))) {
            assertThat(get(server, "/Patient/a1", PRACTICE_A).headers().firstValue("RateLimit-Policy"))
                    .hasValue("\"practice\";q=4;w=3600");
            assertThat(get(server, "/Patient/b1", PRACTICE_B).headers().firstValue("RateLimit-Policy"))
                    .hasValue("\"practice\";q=7;w=3600");
            TestLimitOverrides.current = Map.of("practice.A.rate", "6/h");
            awaitPolicy(server, "\"practice\";q=6;w=3600");
        } finally {
            TestLimitOverrides.current = Map.of();
        }
    }

    @Test
    @DisplayName("metadata and discovery share one global rate, before any token")
    void discoveryRate() throws Exception {
        try (GatewayTestServer server = start(Map.of("fhirgateway.limits.discovery-rate", "2/h",
                "fhirgateway.limits.practice-rate", "1/h"))) {
            HttpResponse<String> first = send(server.fhirBase() + "/metadata", null);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"discovery\";q=2;w=3600");
            assertThat(send(server.fhirBase() + "/metadata", null).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = send(server.fhirBase() + "/metadata", null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(parse(refused).getIssueFirstRep().getDiagnostics()).contains("discovery-rate");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            // Not the practice's budget: its one request still passes.
            assertThat(get(server, "/Patient/a1", PRACTICE_A).statusCode()).isEqualTo(200);
            String metrics = send(server.contextUri() + "/metrics", null).body();
            assertThat(metrics).contains("fhirgateway_limits_requests_total{client=\"unknown\",limit=\"discovery-rate\","
                    + "outcome=\"throttled\",practice=\"none\"} 1.0");
            assertThat(metrics).contains("fhirgateway_limits_requests_total{client=\"unknown\",limit=\"none\","
                    + "outcome=\"allowed\",practice=\"none\"} 1.0");
        }
    }

    @Test
    @DisplayName("limits off: no headers, no 429")
    void off() throws Exception {
        try (GatewayTestServer server = start(Map.of("fhirgateway.limits.enabled", "false",
                "fhirgateway.limits.practice-rate", "1/h"))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = get(server, "/Patient/a1", PRACTICE_A);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("RateLimit-Policy")).isEmpty();
            }
        }
    }

    private static void awaitPolicy(GatewayTestServer server, String expected) throws Exception {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(get(server, "/Patient/a1", PRACTICE_A).headers().firstValue("RateLimit-Policy").orElse(null))
                        .as("policy after the reload").isEqualTo(expected));
    }

    private static HttpResponse<String> uncheckedGet(GatewayTestServer server) {
        try {
            return get(server, "/Medication/med1", PRACTICE_A);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(GatewayTestServer server, String path, String practice) throws Exception {
        return send(server.fhirBase() + path, practice);
    }

    private static HttpResponse<String> send(String url, String practice) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(30));
        if (practice != null) {
            b.header("X-Practice-Pin", practice);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static OperationOutcome parse(HttpResponse<String> r) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, r.body());
    }
}
