package dev.fhirgateway.gateway.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.fhirgateway.api.InvalidAccessTokenException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cache of verified JWT access tokens ({@code fhirgateway.auth.token-cache-size}), with a clock the test
 * moves: a repeated token is not verified again, and never past its {@code exp}.
 */
@DisplayName("The verified-token cache")
class JwtTokenCacheTest {

    private static final String AUDIENCE = "https://gateway.test/fhir";

    private TestAuthorizationServer as;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() throws Exception {
        as = TestAuthorizationServer.start();
    }

    @AfterEach
    void stop() {
        as.close();
    }

    private JwtAccessTokenVerifier verifier(int cacheSize, Duration skew, Duration minRefresh) throws Exception {
        JwtAccessTokenVerifier.Config config = new JwtAccessTokenVerifier.Config(TestAuthorizationServer.ISSUER,
                AUDIENCE, URI.create(as.jwksUrl()).toURL(), Set.of(JWSAlgorithm.RS256), skew, Duration.ofMinutes(5),
                minRefresh, "practice", cacheSize);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(config.jwksUrl())
                .cache(config.cacheTtl().toMillis(), 5_000).rateLimited(minRefresh.toMillis()).build();
        return new JwtAccessTokenVerifier(config, keys, clock);
    }

    private JWTClaimsSet.Builder claims() {
        return TestAuthorizationServer.claims(AUDIENCE, "1001", "system/*.rs")
                .issueTime(Date.from(now.get())).notBeforeTime(Date.from(now.get().minusSeconds(1)))
                .expirationTime(Date.from(now.get().plusSeconds(300)));
    }

    @Test
    @DisplayName("a repeated token is answered from the cache without verifying it again; off (0) verifies every time")
    void hitDoesNotVerifyAgain() throws Exception {
        JwtAccessTokenVerifier cached = verifier(100, Duration.ZERO, Duration.ofMillis(1));
        String token = as.rs256(claims().build());
        for (int i = 0; i < 5; i++) {
            assertThat(cached.verify(token).practice()).contains("1001");
        }
        assertThat(cached.verifications()).isEqualTo(1);
        assertThat(cached.verify(as.rs256(claims().build())).practice()).contains("1001");
        assertThat(cached.verifications()).as("another token is verified").isEqualTo(2);

        JwtAccessTokenVerifier off = verifier(0, Duration.ZERO, Duration.ofMillis(1));
        for (int i = 0; i < 3; i++) {
            off.verify(token);
        }
        assertThat(off.verifications()).isEqualTo(3);
    }

    @Test
    @DisplayName("a cached token is refused once its exp has passed, even within the clock skew")
    void neverPastExp() throws Exception {
        JwtAccessTokenVerifier verifier = verifier(100, Duration.ZERO, Duration.ofMillis(1));
        String token = as.rs256(claims().expirationTime(Date.from(now.get().plusSeconds(10))).build());
        verifier.verify(token);
        now.set(now.get().plusSeconds(9));
        verifier.verify(token);
        assertThat(verifier.verifications()).isEqualTo(1);
        now.set(now.get().plusSeconds(2));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("expired");

        JwtAccessTokenVerifier skewed = verifier(100, Duration.ofSeconds(60), Duration.ofMillis(1));
        String soon = as.rs256(claims().expirationTime(Date.from(now.get().plusSeconds(10))).build());
        skewed.verify(soon);
        now.set(now.get().plusSeconds(30));
        skewed.verify(soon); // past exp but within the skew: verified again, not answered from the cache
        assertThat(skewed.verifications()).as("past exp the cache never answers").isEqualTo(2);
    }

    @Test
    @DisplayName("a token not valid yet (nbf ahead, accepted within the skew) is not cached")
    void notYetValidIsNotCached() throws Exception {
        JwtAccessTokenVerifier verifier = verifier(100, Duration.ofSeconds(60), Duration.ofMillis(1));
        String early = as.rs256(claims().notBeforeTime(Date.from(now.get().plusSeconds(30))).build());
        verifier.verify(early);
        verifier.verify(early);
        assertThat(verifier.verifications()).isEqualTo(2);
    }

    @Test
    @DisplayName("a cached token stops working once the key set the gateway fetches no longer has its key")
    void withdrawnKeyStopsCachedTokens() throws Exception {
        JwtAccessTokenVerifier verifier = verifier(100, Duration.ZERO, Duration.ofMillis(1));
        String before = as.rs256(claims().build());
        verifier.verify(before);
        as.rotateRsaKey();
        String rotated = as.rs256(claims().build());
        // A new key id: the key set is fetched again once the test-sized minimum refresh interval has passed.
        await().atMost(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> verifier.verify(rotated));
        assertThatThrownBy(() -> verifier.verify(before)).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("signature");
    }

    @Test
    @DisplayName("an unknown key id while refetches are rate limited is an invalid token (401), not unavailability")
    void unknownKeyWhileRateLimited() throws Exception {
        JwtAccessTokenVerifier verifier = verifier(100, Duration.ZERO, Duration.ofSeconds(30));
        verifier.verify(as.rs256(claims().build()));
        for (int i = 0; i < 5; i++) {
            String forged = TestAuthorizationServer.signedByStranger(claims().build(), "forged-" + i);
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidAccessTokenException.class);
        }
    }
}
