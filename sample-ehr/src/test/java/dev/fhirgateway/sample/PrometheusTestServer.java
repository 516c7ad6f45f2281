package dev.fhirgateway.sample;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.spi.kit.RequiredInCi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Prometheus server (the {@code prometheus} binary, Debian package {@code prometheus}) on 127.0.0.1 and a
 * free port, scraping one target every second, with its storage in a temporary directory.
 *
 * <p>Without the binary the test is skipped with a message saying how to run it, unless Prometheus is required:
 * in CI ({@code CI=true}) or with {@code -Dgateway.it.prometheus.required=true}, where the test fails.
 * {@code PROMETHEUS_BIN} names another binary.
 */
public final class PrometheusTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final URI base;
    private final Path dir;

    private PrometheusTestServer(Process process, URI base, Path dir) {
        this.process = process;
        this.base = base;
        this.dir = dir;
    }

    /** Starts Prometheus scraping {@code http://127.0.0.1:targetPort + metricsPath}, and waits until it is ready. */
    public static PrometheusTestServer start(int targetPort, String metricsPath) throws Exception {
        String binary = System.getenv().getOrDefault("PROMETHEUS_BIN", "/usr/bin/prometheus");
        if (!Files.isExecutable(Path.of(binary))) {
            unavailable(binary);
        }
        Path dir = Files.createTempDirectory("prometheus-it");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: fhir-gateway
                    metrics_path: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(metricsPath, targetPort));
        Process process = new ProcessBuilder(binary, "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusTestServer server = new PrometheusTestServer(process, URI.create("http://127.0.0.1:" + port), dir);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited; see " + dir.resolve("prometheus.log"));
                }
                try {
                    return HTTP.send(HttpRequest.newBuilder(server.base.resolve("/-/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
            return server;
        } catch (ConditionTimeoutException e) {
            server.close();
            throw new IllegalStateException("prometheus did not become ready; see " + dir.resolve("prometheus.log"), e);
        }
    }

    /** The result of an instant PromQL query ({@code data.result}). */
    public JsonNode query(String promql) throws Exception {
        URI uri = base.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query failed: " + r.body());
        }
        return body.path("data").path("result");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void unavailable(String binary) {
        RequiredInCi.missing("Prometheus is not installed at " + binary + ".", "the Prometheus scrape test",
                "apt-get install prometheus (or set PROMETHEUS_BIN to a prometheus binary).",
                "gateway.it.prometheus.required", null);
    }
}
