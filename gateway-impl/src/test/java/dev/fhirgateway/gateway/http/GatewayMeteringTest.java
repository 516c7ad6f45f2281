package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each kind of request increments exactly the right meters with the right tags. The gateway runs in Jetty
 * with a host-provided {@link SimpleMeterRegistry} (which also shows a host registry receives the gateway's
 * meters); each test starts a fresh gateway, so counts start at zero.
 */
@DisplayName("Per-practice metering")
class GatewayMeteringTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private GatewayTestServer server;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() throws Exception {
        server = GatewayTestServer.start(Map.of(
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.paging.default-count", "20",
                TestMeterRegistryProvider.SETTING, "simple"));
        registry = TestMeterRegistryProvider.last();
        assertThat(registry).as("the host-provided registry").isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("a read is one request timer sample tagged with practice, client, type, interaction and status")
    void read() throws Exception {
        assertThat(get("/fhir/Patient/a1", PRACTICE_A).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Patient/a2", PRACTICE_A).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Patient/b1", PRACTICE_B).statusCode()).isEqualTo(200);

        awaitRecorded(3);
        assertThat(requests()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A|unknown|Patient|read|200", 2L,
                "B|unknown|Patient|read|200", 1L));
        DistributionSummary resources = registry.get(GatewayMetrics.RESPONSE_RESOURCES)
                .tags("practice", "A", "interaction", "read").summary();
        assertThat(resources.count()).isEqualTo(2);
        assertThat(resources.totalAmount()).isEqualTo(2);
        DistributionSummary bytes = registry.get(GatewayMetrics.RESPONSE_BYTES).tags("practice", "B").summary();
        assertThat(bytes.count()).isEqualTo(1);
        double recordedBytes = bytes.totalAmount();
        assertThat(recordedBytes).as("the body size").isEqualTo(get("/fhir/Patient/b1", PRACTICE_B).body()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        awaitRecorded(4);
        Timer adapterCalls = registry.get(GatewayMetrics.ADAPTER_CALLS).tags("adapter", "in-memory-test",
                "operation", "read", "resource_type", "Patient", "outcome", "success").timer();
        assertThat(adapterCalls.count()).isEqualTo(4);
    }

    @Test
    @DisplayName("searches record resources per page and paging depth; an unknown id is a 404 sample")
    void searchPagingAndNotFound() throws Exception {
        HttpResponse<String> first = get("/fhir/Patient?_count=20", PRACTICE_A);
        assertThat(first.statusCode()).isEqualTo(200);
        Matcher next = Pattern.compile("\"relation\":\\s*\"next\",\\s*\"url\":\\s*\"([^\"]+)\"").matcher(first.body());
        assertThat(next.find()).isTrue();
        HttpResponse<String> second = send(HttpRequest.newBuilder(URI.create(next.group(1)))
                .header("X-Practice-Pin", PRACTICE_A).build());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Patient/nope", PRACTICE_A).statusCode()).isEqualTo(404);

        awaitRecorded(3);
        Map<String, Long> requests = requests();
        assertThat(requests).containsEntry("A|unknown|Patient|search-type|200", 1L)
                .containsEntry("A|unknown|Patient|read|404", 1L)
                .hasSize(3);
        String pagingKey = requests.keySet().stream().filter(k -> !k.contains("search-type") && !k.contains("read"))
                .findFirst().orElseThrow();
        assertThat(pagingKey).as("the second page, typed by its page token").isEqualTo("A|unknown|Patient|get-page|200");
        DistributionSummary searchResources = registry.get(GatewayMetrics.RESPONSE_RESOURCES)
                .tags("interaction", "search-type").summary();
        assertThat(searchResources.totalAmount()).isEqualTo(20);
        DistributionSummary depth = registry.get(GatewayMetrics.SEARCH_PAGE_DEPTH).summary();
        assertThat(depth.count()).isEqualTo(1);
        assertThat(registry.find(GatewayMetrics.SEARCH_PAGE_DEPTH).summaries().stream()
                .mapToDouble(DistributionSummary::max).max().orElse(0)).isEqualTo(2);
    }

    @Test
    @DisplayName("refused writes, missing practices, the CapabilityStatement and CDS Hooks are metered as such")
    void refusalsAndUnattributed() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(server.fhirBase() + "/Patient"))
                .header("X-Practice-Pin", PRACTICE_A).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/fhir/Patient/a1", null).statusCode()).isEqualTo(401);
        assertThat(get("/fhir/metadata", null).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/NoSuchType/1", PRACTICE_A).statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(get("/cds-services", null).statusCode()).isEqualTo(501);

        awaitRecorded(5);
        Map<String, Long> requests = requests();
        assertThat(requests).containsEntry("none|unknown|Patient|write-refused|405", 1L)
                .containsEntry("none|unknown|none|capabilities|200", 1L)
                .containsEntry("none|unknown|none|cds-refused|501", 1L);
        assertThat(requests.keySet()).anyMatch(k -> k.startsWith("none|unknown|Patient|") && k.endsWith("|401"));
        assertThat(requests.keySet()).as("a resource type FHIR does not define is never a tag value")
                .noneMatch(k -> k.contains("NoSuchType"))
                .anyMatch(k -> k.startsWith("none|unknown|invalid|"));
        assertThat(counter(GatewayMetrics.WRITES_REFUSED, "practice", "none", "resource_type", "Patient")).isEqualTo(1);
        assertThat(counter(GatewayMetrics.AUTH_FAILURES, "reason", "unauthenticated")).isEqualTo(1);
        assertThat(counter(GatewayMetrics.CDS_HOOKS_ATTEMPTS, "practice", "none")).isEqualTo(1);
    }

    @Test
    @DisplayName("a refused write with a valid access token is tagged with its practice and client; without, none")
    void refusedWritesNameTheTokensPracticeAndClient() throws Exception {
        try (SecuredGateway secured = SecuredGateway.start(Map.of(TestMeterRegistryProvider.SETTING, "simple"))) {
            SimpleMeterRegistry securedRegistry = TestMeterRegistryProvider.last();
            String token = secured.token(PRACTICE_A, "system/*.rs");
            for (String authorization : new String[] {"Bearer " + token, "Bearer not-a-valid-token", null}) {
                HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(secured.gateway.fhirBase() + "/Patient"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}"));
                if (authorization != null) {
                    post.header("Authorization", authorization);
                }
                assertThat(send(post.build()).statusCode()).as("the refusal is the same whoever asks").isEqualTo(405);
            }
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> securedRegistry.find(GatewayMetrics.WRITES_REFUSED).counters().stream()
                            .mapToDouble(Counter::count).sum() >= 3);
            Map<String, Double> refused = securedRegistry.find(GatewayMetrics.WRITES_REFUSED).counters().stream()
                    .collect(Collectors.toMap(c -> key(c, List.of("practice", "client", "resource_type")),
                            Counter::count));
            assertThat(refused).containsExactlyInAnyOrderEntriesOf(Map.of(
                    PRACTICE_A + "|client-1|Patient", 1.0,
                    "none|unknown|Patient", 2.0));
        }
    }

    @Test
    @DisplayName("JVM, process and adapter worker pool meters are bound")
    void binders() {
        assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
        assertThat(registry.find("jvm.threads.live").gauge()).isNotNull();
        assertThat(registry.find("process.uptime").timeGauge()).isNotNull();
        assertThat(registry.find("executor.pool.size").tag("name", "adapter-calls").gauge()).isNotNull();
    }

    /**
     * Waits until {@code total} requests are recorded: HAPI completes a request (and meters it) just after the
     * client has the response.
     */
    private void awaitRecorded(long total) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> recorded() >= total);
        assertThat(recorded()).as("requests recorded").isEqualTo(total);
    }

    private long recorded() {
        return registry.find(GatewayMetrics.REQUESTS).timers().stream().mapToLong(Timer::count).sum();
    }

    /** {@code practice|client|resource_type|interaction|outcome} → count of every request timer. */
    private Map<String, Long> requests() {
        return registry.find(GatewayMetrics.REQUESTS).timers().stream().collect(Collectors.toMap(
                t -> key(t, List.of("practice", "client", "resource_type", "interaction", "outcome")),
                Timer::count));
    }

    private static String key(Meter meter, List<String> tags) {
        return tags.stream().map(t -> {
            Tag tag = meter.getId().getTags().stream().filter(x -> x.getKey().equals(t)).findFirst().orElse(null);
            return tag == null ? "-" : tag.getValue();
        }).collect(Collectors.joining("|"));
    }

    private double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    private HttpResponse<String> get(String path, String practice) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.contextUri() + path));
        if (practice != null) {
            b.header("X-Practice-Pin", practice);
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
