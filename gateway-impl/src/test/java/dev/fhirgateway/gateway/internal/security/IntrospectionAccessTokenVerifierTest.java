package dev.fhirgateway.gateway.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.fhirgateway.api.AccessTokenVerifierUnavailableException;
import dev.fhirgateway.api.InvalidAccessTokenException;
import dev.fhirgateway.api.VerifiedAccessToken;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Opaque token verification by RFC 7662 introspection")
class IntrospectionAccessTokenVerifierTest {

    private static final String AUDIENCE = "https://ehr.example/fhir";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "gateway:s3cret".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger unauthenticatedCalls = new AtomicInteger();
    /** While set, the endpoint holds every answer until it is counted down. */
    private volatile CountDownLatch holdAnswers;
    /** While positive, the endpoint answers that many calls with HTTP 500. */
    private final AtomicInteger failures = new AtomicInteger();
    private final long exp = Instant.now().plusSeconds(600).getEpochSecond();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/introspect", exchange -> {
            calls.incrementAndGet();
            CountDownLatch hold = holdAnswers;
            if (hold != null) {
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            if (!BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthenticatedCalls.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = Arrays.stream(form.split("&")).filter(p -> p.startsWith("token="))
                    .map(p -> URLDecoder.decode(p.substring("token=".length()), StandardCharsets.UTF_8))
                    .findFirst().orElse("");
            byte[] body = answers.getOrDefault(token, "{\"active\":false}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        answers.put("good-token", "{\"active\":true,\"client_id\":\"app-7\",\"practice\":\"1001\",\"scope\":"
                + "\"patient/*.rs launch/patient\",\"patient\":\"p7\",\"exp\":" + exp + ",\"aud\":\"" + AUDIENCE
                + "\",\"iss\":\"https://as.example\"}");
        answers.put("other-audience", "{\"active\":true,\"client_id\":\"app-7\",\"practice\":\"1001\",\"exp\":" + exp
                + ",\"aud\":\"https://elsewhere.example\",\"iss\":\"https://as.example\"}");
        answers.put("expired", "{\"active\":true,\"client_id\":\"app-7\",\"practice\":\"1001\",\"exp\":"
                + Instant.now().minusSeconds(600).getEpochSecond() + "}");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private IntrospectionAccessTokenVerifier verifier(String secret, Clock clock) {
        return new IntrospectionAccessTokenVerifier(new IntrospectionAccessTokenVerifier.Config(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect"), "gateway", secret,
                "https://as.example", AUDIENCE, Duration.ofSeconds(30), Duration.ofSeconds(30), "practice"), clock);
    }

    @Test
    @DisplayName("an active token grants what the answer says")
    void active() throws Exception {
        VerifiedAccessToken v = verifier("s3cret", Clock.systemUTC()).verify("good-token");
        assertThat(v.clientId()).isEqualTo("app-7");
        assertThat(v.practice()).contains("1001");
        assertThat(v.scopes()).containsExactlyInAnyOrder("patient/*.rs", "launch/patient");
        assertThat(v.patient()).contains("p7");
        assertThat(v.expiresAt()).contains(Instant.ofEpochSecond(exp));
    }

    @Test
    @DisplayName("inactive, expired and foreign-audience tokens are refused")
    void refused() {
        IntrospectionAccessTokenVerifier verifier = verifier("s3cret", Clock.systemUTC());
        assertThatThrownBy(() -> verifier.verify("revoked-token")).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("not active");
        assertThatThrownBy(() -> verifier.verify("expired")).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> verifier.verify("other-audience")).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("(aud)");
    }

    @Test
    @DisplayName("answers are cached for a short time, the inactive ones too, then asked again")
    void cache() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        IntrospectionAccessTokenVerifier verifier = verifier("s3cret", clock);
        verifier.verify("good-token");
        verifier.verify("good-token");
        assertThatThrownBy(() -> verifier.verify("revoked-token")).isInstanceOf(InvalidAccessTokenException.class);
        assertThatThrownBy(() -> verifier.verify("revoked-token")).isInstanceOf(InvalidAccessTokenException.class);
        assertThat(calls.get()).isEqualTo(2);

        answers.remove("good-token"); // revoked at the authorization server
        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> verifier.verify("good-token")).isInstanceOf(InvalidAccessTokenException.class);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    @DisplayName("wrong gateway credentials or an unreachable endpoint are 'unavailable', not a bad token")
    void unavailable() {
        assertThatThrownBy(() -> verifier("wrong", Clock.systemUTC()).verify("good-token"))
                .isInstanceOf(AccessTokenVerifierUnavailableException.class).hasMessageContaining("401")
                .hasMessageNotContaining("good-token");
        assertThat(unauthenticatedCalls.get()).isEqualTo(1);
        IntrospectionAccessTokenVerifier verifier = verifier("s3cret", Clock.systemUTC());
        server.stop(0);
        assertThatThrownBy(() -> verifier.verify("good-token"))
                .isInstanceOf(AccessTokenVerifierUnavailableException.class).hasMessageNotContaining("good-token");
    }

    @Test
    @DisplayName("concurrent requests with the same new token cost one introspection call")
    void concurrentMissesAreCoalesced() throws Exception {
        IntrospectionAccessTokenVerifier verifier = verifier("s3cret", Clock.systemUTC());
        holdAnswers = new CountDownLatch(1);
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            List<Future<VerifiedAccessToken>> verified = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                verified.add(requests.submit(() -> verifier.verify("good-token")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 1);
            holdAnswers.countDown();
            for (Future<VerifiedAccessToken> v : verified) {
                assertThat(v.get(10, TimeUnit.SECONDS).clientId()).isEqualTo("app-7");
            }
        } finally {
            holdAnswers.countDown();
            requests.shutdownNow();
        }
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("a failed introspection is not remembered: the next request asks again")
    void failuresAreNotCached() throws Exception {
        IntrospectionAccessTokenVerifier verifier = verifier("s3cret", Clock.systemUTC());
        failures.set(1);
        assertThatThrownBy(() -> verifier.verify("good-token"))
                .isInstanceOf(AccessTokenVerifierUnavailableException.class).hasMessageContaining("500");
        assertThat(verifier.verify("good-token").clientId()).isEqualTo("app-7");
        assertThat(calls.get()).isEqualTo(2);
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
