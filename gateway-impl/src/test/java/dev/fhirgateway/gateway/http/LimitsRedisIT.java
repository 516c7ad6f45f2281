package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fhirgateway.spi.kit.RequiredInCi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request limits shared through a real Redis: the one on 127.0.0.1:6379 ({@code .ci/run} starts it) for the shared
 * budget of two gateway instances and for overrides reloaded into shared buckets, and a {@code redis-server} this
 * test starts on a free port (never the shared one) for Redis stopping and coming back. Every test uses practices of
 * its own (random ids), so runs and other users of the shared Redis do not meet. Without Redis on a developer
 * machine the tests are skipped with a loud message; with {@code CI=true} or {@code -Dgateway.it.redis.required=true}
 * they fail.
 */
@DisplayName("Request limits shared through Redis")
class LimitsRedisIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "test-secret-test-secret-test-secret!";
    private static final String SHARED_REDIS = System.getenv().getOrDefault("GATEWAY_IT_REDIS_URL",
            "redis://127.0.0.1:6379");

    @BeforeAll
    static void requireRedis() {
        URI uri = URI.create(SHARED_REDIS);
        if (reachable(uri.getHost(), uri.getPort())) {
            return;
        }
        RequiredInCi.missing("Redis is not reachable at " + uri.getHost() + ":" + uri.getPort() + ".",
                "the Redis request-limit tests", "apt-get install redis-server && redis-server --daemonize yes"
                        + " --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no (or set GATEWAY_IT_REDIS_URL).",
                "gateway.it.redis.required", null);
    }

    @Test
    @DisplayName("two gateway instances share one budget exactly: N allowed in total, the rest 429")
    void twoInstancesShareOneBudget() throws Exception {
        String practice = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        // Three buckets per request, checked at once: the practice's refuses, the other two give their tokens back.
        Map<String, String> settings = settings(SHARED_REDIS, Map.of("fhirgateway.limits.practice-rate", "10/h",
                "fhirgateway.limits.client-rate", "1000/h", "fhirgateway.limits.client-daily-quota", "1000"));
        try (GatewayTestServer one = GatewayTestServer.start(settings);
                GatewayTestServer two = GatewayTestServer.start(settings)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    GatewayTestServer target = i % 2 == 0 ? one : two;
                    answers.add(pool.submit(() -> search(target, practice).statusCode()));
                }
                int ok = 0;
                int throttled = 0;
                for (Future<Integer> f : answers) {
                    int status = f.get();
                    ok += status == 200 ? 1 : 0;
                    throttled += status == 429 ? 1 : 0;
                }
                assertThat(ok).as("allowed across both instances").isEqualTo(10);
                assertThat(throttled).isEqualTo(20);
            } finally {
                pool.shutdownNow();
            }
            // Both instances see the one empty bucket.
            assertThat(search(one, practice).statusCode()).isEqualTo(429);
            assertThat(search(two, practice).statusCode()).isEqualTo(429);
            // The refused requests cost the client's quota nothing: 10 used, read from Redis by either instance.
            String quota = "{\"practice\":\"" + practice + "\",\"limit\":\"client-daily-quota\",\"client\":\"unknown\","
                    + "\"quota\":1000,\"used\":10,";
            assertThat(send(one.contextUri() + "/usage").body()).contains(quota);
            assertThat(send(two.contextUri() + "/usage").body()).contains(quota);
        }
    }

    @Test
    @DisplayName("with Redis, the bulkhead still holds under concurrent slow adapter calls, and the shared rate counts them")
    void bulkheadWithSharedLimits() throws Exception {
        Map<String, String> settings = settings(SHARED_REDIS, Map.of("fhirgateway.limits.practice-concurrency", "2",
                "fhirgateway.limits.client-rate", "1000/h",
                InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true",
                InMemoryClinicalAdapterProvider.MEDICATION_READ_DELAY_SETTING, "1500"));
        try (GatewayTestServer gateway = GatewayTestServer.start(settings)) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    answers.add(pool.submit(() -> HTTP.send(HttpRequest.newBuilder(URI.create(gateway.fhirBase()
                            + "/Medication/med1")).header("X-Practice-Pin", InMemoryPatientAdapterProvider.PRACTICE_A)
                            .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString())));
                }
                int ok = 0;
                int throttled = 0;
                for (Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get();
                    if (r.statusCode() == 200) {
                        ok++;
                        assertThat(r.headers().firstValue("RateLimit-Policy")).hasValue("\"client\";q=1000;w=3600");
                    } else {
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                        assertThat(r.body()).contains("practice-concurrency");
                        throttled++;
                    }
                }
                assertThat(ok).isEqualTo(2);
                assertThat(throttled).isEqualTo(4);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("raised overrides reach the shared bucket of every instance, keeping what was used")
    void overridesReloadIntoSharedBuckets(@TempDir Path dir) throws Exception {
        String practice = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve("limits.properties");
        Files.writeString(file, "practice." + practice + ".rate=2/h\n");
        Map<String, String> settings = settings(SHARED_REDIS, Map.of("fhirgateway.limits.practice-rate", "100/h",
                "fhirgateway.limits.overrides-file", file.toString(),
                "fhirgateway.limits.overrides-check-interval", "PT0.2S"));
        try (GatewayTestServer one = GatewayTestServer.start(settings);
                GatewayTestServer two = GatewayTestServer.start(settings)) {
            assertThat(search(one, practice).statusCode()).isEqualTo(200);
            assertThat(search(two, practice).statusCode()).isEqualTo(200);
            assertThat(search(one, practice).statusCode()).isEqualTo(429);
            Files.writeString(file, "practice." + practice + ".rate=5/h\n");
            // Both instances check the file every 0.2 s.
            Thread.sleep(1_500);
            int ok = 0;
            for (int i = 0; i < 6; i++) {
                ok += search(i % 2 == 0 ? two : one, practice).statusCode() == 200 ? 1 : 0;
            }
            assertThat(ok).as("5 in all, 2 used before the change").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("Redis stopped mid-test: requests let through (WARN, metric), never a 500; limits again once it is back")
    void redisStopsAndComesBack() throws Exception {
        if (!onPath("redis-server")) {
            RequiredInCi.missing("redis-server is not on the PATH: it is needed to stop and restart a Redis of"
                    + " this test's own.", "this test", "apt-get install redis-server", "gateway.it.redis.required",
                    null);
        }
        int port = freePort();
        Process redis = startRedis(port);
        try (GatewayTestServer gateway = GatewayTestServer.start(settings("redis://127.0.0.1:" + port,
                Map.of("fhirgateway.limits.practice-rate", "3/h")))) {
            String practice = "rl-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 3; i++) {
                assertThat(search(gateway, practice).statusCode()).isEqualTo(200);
            }
            assertThat(search(gateway, practice).statusCode()).isEqualTo(429);

            stop(redis);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = search(gateway, practice);
                assertThat(r.statusCode()).as("fail open while Redis is down: " + r.body()).isEqualTo(200);
                assertThat(r.headers().firstValue("RateLimit")).isEmpty();
            }
            String metrics = send(gateway.contextUri() + "/metrics").body();
            assertThat(metric(metrics, "fhirgateway_limits_store_failures_total")).isGreaterThanOrEqualTo(5);
            assertThat(metric(metrics, "fhirgateway_limits_store_available")).isZero();

            redis = startRedis(port);
            // Lettuce reconnects by itself; the new Redis is empty, so the practice has a fresh budget.
            String fresh = "rl-" + UUID.randomUUID().toString().substring(0, 8);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> search(gateway, fresh).headers().firstValue("RateLimit").isPresent());
            String again = "rl-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 3; i++) {
                assertThat(search(gateway, again).statusCode()).isEqualTo(200);
            }
            assertThat(search(gateway, again).statusCode()).as("limits apply again after Redis came back").isEqualTo(429);
            assertThat(metric(send(gateway.contextUri() + "/metrics").body(), "fhirgateway_limits_store_available"))
                    .isEqualTo(1);
        } finally {
            stop(redis);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> settings(String redisUrl, Map<String, String> more) {
        // Exact counts need every check answered: a check Redis does not answer in time lets the request through
        // (by design), and this shared machine can be slow; the outage test needs no timeout (a dropped connection
        // fails at once).
        Map<String, String> settings = new HashMap<>(Map.of("fhirgateway.paging.secret", SECRET,
                "fhirgateway.limits.redis-url", redisUrl, "fhirgateway.limits.redis-timeout", "PT5S"));
        settings.putAll(more);
        return settings;
    }

    /** A search any practice id may make: the test adapter answers an empty Bundle for unknown practices. */
    private static HttpResponse<String> search(GatewayTestServer server, String practice) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.fhirBase() + "/Patient?family=Nobody"))
                .header("X-Practice-Pin", practice).header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(scrape);
        assertThat(m.find()).as(name + " in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static Process startRedis(int port) throws Exception {
        Path log = Files.createTempFile("redis-it", ".log");
        Process p = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--dir", System.getProperty("java.io.tmpdir"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> reachable("127.0.0.1", port));
            return p;
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("redis-server did not start on port " + port + ": "
                    + Files.readString(log, StandardCharsets.UTF_8), e);
        }
    }

    private static void stop(Process redis) throws InterruptedException {
        if (redis != null && redis.isAlive()) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
