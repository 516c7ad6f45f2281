package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.sample.PrometheusTestServer;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.auth.TokenClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-practice metering of the built WAR, deployed by the sample EHR's launcher in Jetty on H2: traffic for two
 * practices, then the {@code /metrics} scrape, and a real Prometheus server scraping the gateway, must show
 * exactly the requests sent per practice. Each test uses its own practices' counts, read as deltas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Per-practice metering of the gateway WAR")
class MeteringWarIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Reads per practice, by the client id of the token (each practice reads with its own demo client). */
    private static final Pattern READ_COUNT = Pattern.compile(
            "fhirgateway_requests_seconds_count\\{client=\"([^\"]+)\",interaction=\"read\",outcome=\"200\","
                    + "practice=\"([^\"]+)\",resource_type=\"Patient\"} ([0-9.]+)");

    private SampleEhrServer ehr;
    private List<String> pins;
    /** One patient id per practice, found once by a search. */
    private final Map<String, String> patientOf = new HashMap<>();
    /** Each practice's demo client token (development authorization server); the tests take well under 5 min. */
    private final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        Path war = Path.of("target/fhir-gateway.war");
        Path plugins = Path.of("target/adapter-plugin");
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withDataDir(Files.createTempDirectory("metering-it"))
                .withHost("127.0.0.1").withPort(0).withWar(war.toAbsolutePath()).withPluginDir(plugins.toAbsolutePath()));
        pins = ehr.practices(0).stream().map(p -> p.pin()).sorted().toList();
        assertThat(pins).hasSizeGreaterThanOrEqualTo(2);
        for (String pin : pins) {
            HttpResponse<String> search = get("fhir/Patient?_count=1", pin);
            Matcher id = Pattern.compile("\"fullUrl\":\\s*\"[^\"]*/Patient/([^\"/]+)\"").matcher(search.body());
            assertThat(id.find()).as("a patient of practice " + pin).isTrue();
            patientOf.put(pin, id.group(1));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
    }

    @Test
    @DisplayName("the /metrics scrape counts each practice's reads, refused writes, and the adapter's pool")
    void scrapeCountsPerPractice() throws Exception {
        String a = pins.get(0);
        String b = pins.get(1);
        Map<String, Double> before = reads(awaitScrape(Map.of()));
        sendReads(a, 5);
        sendReads(b, 3);
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(gateway("fhir/Patient"))
                .header("Authorization", "Bearer " + TokenClient.demoToken(ehr.tokenEndpoint(), a)).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(405);

        Map<String, Double> after = reads(awaitScrape(Map.of(a, before.getOrDefault(a, 0.0) + 5,
                b, before.getOrDefault(b, 0.0) + 3)));
        assertThat(after.get(a) - before.getOrDefault(a, 0.0)).isEqualTo(5);
        assertThat(after.get(b) - before.getOrDefault(b, 0.0)).isEqualTo(3);
        String body = get("metrics", null).body();
        assertThat(body).as("a refused write with a valid token is tagged with its client and practice")
                .contains("fhirgateway_writes_refused_total{client=\"demo-" + a + "\",practice=\"" + a + "\","
                        + "resource_type=\"Patient\"}");
        assertThat(body).containsPattern("fhirgateway_adapter_calls_seconds_count\\{adapter=\"sample-ehr\","
                + "operation=\"read\",outcome=\"success\",resource_type=\"Patient\"}");
        assertThat(body).as("the adapter's HikariCP pool, bound through Micrometer's global registry")
                .contains("hikaricp_connections_active{pool=\"sample-ehr-adapter\"}");
        assertThat(body).as("the container's request thread pool, read from Jetty's JMX beans")
                .containsPattern("(?m)^jetty_threads_config_max [1-9]").containsPattern("(?m)^jetty_threads_busy [0-9]");
        assertThat(body).as("no raw patient id in any tag").doesNotContain(patientOf.get(a));
    }

    @Test
    @DisplayName("a real Prometheus scraping the gateway answers per-practice PromQL with the numbers sent")
    void prometheusQueriesPerPractice() throws Exception {
        String c = pins.get(pins.size() - 1);
        String d = pins.get(pins.size() - 2);
        try (PrometheusTestServer prometheus = PrometheusTestServer.start(ehr.baseUri().getPort(),
                "/fhir-gateway/metrics")) {
            // Prometheus must see the series before the traffic, so the increase is measured from a known value.
            String promql = "sum by (practice) (fhirgateway_requests_seconds_count{interaction=\"read\",outcome=\"200\"})";
            Map<String, Double> before = awaitPrometheus(prometheus, promql, null);
            sendReads(c, 7);
            sendReads(d, 4);
            Map<String, Double> expected = Map.of(c, before.getOrDefault(c, 0.0) + 7, d, before.getOrDefault(d, 0.0) + 4);
            Map<String, Double> after = awaitPrometheus(prometheus, promql, expected);
            assertThat(after.get(c)).isEqualTo(expected.get(c));
            assertThat(after.get(d)).isEqualTo(expected.get(d));
        }
    }

    @Test
    @DisplayName("every metric the dashboard and the alert rules query is in a real Prometheus scrape of the WAR")
    void dashboardAndAlertMetricsExist() throws Exception {
        String pin = pins.get(0);
        // Traffic of every kind the assets chart: reads, a search, a refused write, a 401, a CDS Hooks call.
        sendReads(pin, 2);
        assertThat(get("fhir/Patient?_count=2", pin).statusCode()).isEqualTo(200);
        HTTP.send(HttpRequest.newBuilder(gateway("fhir/Patient")).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(get("fhir/Patient/" + patientOf.get(pin), null).statusCode()).isEqualTo(401);
        assertThat(get("cds-services", null).statusCode()).isEqualTo(501);
        Set<String> used = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "docs", "grafana", "fhir-gateway-dashboard.json")
                .toFile());
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> used.addAll(metricNames(t.path("expr")
                .asText()))));
        dashboard.path("templating").path("list").forEach(v -> used.addAll(metricNames(v.path("definition").asText())));
        used.addAll(metricNames(Files.readString(Path.of("..", "docs", "prometheus", "alerts.yml"))));
        assertThat(used).as("metric names in the dashboard and alert rules").hasSizeGreaterThan(5);
        try (PrometheusTestServer prometheus = PrometheusTestServer.start(ehr.baseUri().getPort(),
                "/fhir-gateway/metrics")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Set<String> scraped = new TreeSet<>();
                prometheus.query("group by (__name__) ({__name__=~\".+\"})")
                        .forEach(r -> scraped.add(r.path("metric").path("__name__").asText()));
                assertThat(scraped).as("series names Prometheus scraped from the gateway").containsAll(used);
            });
        }
    }

    /** The metric names a PromQL text uses: names of the families the gateway, JVM, container and pools export. */
    private static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:fhirgateway|jetty|tomcat|jvm|process|system|hikaricp|executor)_[a-z0-9_]+)")
                .matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private Map<String, Double> awaitPrometheus(PrometheusTestServer prometheus, String promql,
            Map<String, Double> expected) throws Exception {
        AtomicReference<Map<String, Double>> seen = new AtomicReference<>(Map.of());
        try {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<String, Double> now = new HashMap<>();
                prometheus.query(promql).forEach(r -> now.put(r.path("metric").path("practice").asText(),
                        r.path("value").get(1).asDouble()));
                seen.set(now);
                return now;
            }, now -> !now.isEmpty() && (expected == null || expected.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(now.get(e.getKey())))));
        } catch (ConditionTimeoutException e) {
            // Before any read of these practices there is no series yet; the caller's assertions judge the rest.
            return seen.get();
        }
    }

    /** Scrapes until every practice in {@code atLeast} has that many reads (requests are metered just after). */
    private String awaitScrape(Map<String, Double> atLeast) throws Exception {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("metrics", null).body(), body -> atLeast.entrySet().stream()
                        .allMatch(e -> reads(body).getOrDefault(e.getKey(), 0.0) >= e.getValue()));
    }

    private static Map<String, Double> reads(String scrape) {
        Map<String, Double> reads = new HashMap<>();
        Matcher m = READ_COUNT.matcher(scrape);
        while (m.find()) {
            assertThat(m.group(1)).as("client tag of practice %s's reads", m.group(2)).isEqualTo("demo-" + m.group(2));
            reads.put(m.group(2), Double.parseDouble(m.group(3)));
        }
        return reads;
    }

    private void sendReads(String pin, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            assertThat(get("fhir/Patient/" + patientOf.get(pin), pin).statusCode()).isEqualTo(200);
        }
    }

    private URI gateway(String path) {
        return ehr.baseUri().resolve("fhir-gateway/" + path);
    }

    private HttpResponse<String> get(String path, String pin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway(path));
        if (pin != null) {
            b.header("Authorization", "Bearer " + tokens.computeIfAbsent(pin, p -> {
                try {
                    return TokenClient.demoToken(ehr.tokenEndpoint(), p);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
