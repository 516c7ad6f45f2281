package dev.fhirgateway.gateway.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.fhirgateway.api.AccessTokenVerifierUnavailableException;
import dev.fhirgateway.api.InvalidAccessTokenException;
import dev.fhirgateway.api.VerifiedAccessToken;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JWT access token verification against a JWKS")
class JwtAccessTokenVerifierTest {

    private static final String AUDIENCE = "https://ehr.example/fhir-gateway/fhir";

    private TestAuthorizationServer as;
    private JwtAccessTokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        as = TestAuthorizationServer.start();
        verifier = verifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), Duration.ofMillis(1));
    }

    @AfterEach
    void stop() {
        as.close();
    }

    private JwtAccessTokenVerifier verifier(Set<JWSAlgorithm> algorithms, Duration minRefresh) throws Exception {
        return new JwtAccessTokenVerifier(new JwtAccessTokenVerifier.Config(TestAuthorizationServer.ISSUER, AUDIENCE,
                URI.create(as.jwksUrl()).toURL(), algorithms, Duration.ofSeconds(30), Duration.ofMinutes(5),
                minRefresh, "practice", 100));
    }

    private static JWTClaimsSet.Builder valid() {
        return TestAuthorizationServer.claims(AUDIENCE, "1001", "system/*.rs openid")
                .claim("patient", "p-7").claim("fhirUser", "Practitioner/9");
    }

    private String refusal(String token) {
        InvalidAccessTokenException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidAccessTokenException.class, () -> verifier.verify(token));
        assertThat(e).as("the token should be refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain(token);
        return e.getMessage();
    }

    @Test
    @DisplayName("accepts RS256 and ES256 tokens and reads client, practice, scopes, patient and fhirUser")
    void acceptsValidTokens() throws Exception {
        for (String token : List.of(as.rs256(valid().build()), as.es256(valid().build()))) {
            VerifiedAccessToken v = verifier.verify(token);
            assertThat(v.clientId()).isEqualTo("client-1");
            assertThat(v.practice()).contains("1001");
            assertThat(v.scopes()).containsExactlyInAnyOrder("system/*.rs", "openid");
            assertThat(v.patient()).contains("p-7");
            assertThat(v.fhirUser()).contains("Practitioner/9");
            assertThat(v.expiresAt()).isPresent();
        }
    }

    @Test
    @DisplayName("accepts RFC 9068 at+jwt typed tokens, a numeric practice and azp as the client")
    void variants() throws Exception {
        String token = as.rsa(JWSAlgorithm.RS256, valid().claim("practice", 1001).claim("client_id", null)
                .claim("azp", "kc-client").build(), h -> h.type(new JOSEObjectType("at+jwt")));
        VerifiedAccessToken v = verifier.verify(token);
        assertThat(v.practice()).contains("1001");
        assertThat(v.clientId()).isEqualTo("kc-client");
    }

    @Test
    @DisplayName("refuses expired tokens, and tokens not valid yet, beyond the clock skew")
    void times() throws Exception {
        Instant now = Instant.now();
        assertThat(refusal(as.rs256(valid().expirationTime(Date.from(now.minusSeconds(120))).build())))
                .contains("expired");
        assertThat(refusal(as.rs256(valid().notBeforeTime(Date.from(now.plusSeconds(300))).build())))
                .contains("not valid yet");
        // Within the 30 s skew both are accepted.
        assertThat(verifier.verify(as.rs256(valid().expirationTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.plusSeconds(5))).build())).practice()).contains("1001");
        assertThat(refusal(as.rs256(valid().expirationTime(null).build()))).contains("lacks required claims");
    }

    @Test
    @DisplayName("refuses a wrong issuer and a wrong or missing audience")
    void issuerAndAudience() throws Exception {
        assertThat(refusal(as.rs256(valid().issuer("https://evil.example").build()))).contains("(iss)");
        assertThat(refusal(as.rs256(valid().audience("https://other.example/fhir").build()))).contains("(aud)");
        assertThat(refusal(as.rs256(valid().audience((String) null).build()))).contains("aud");
    }

    @Test
    @DisplayName("refuses algorithms outside the allow-list, unsigned tokens and HS256 forged with the public key")
    void algorithms() throws Exception {
        JwtAccessTokenVerifier rsOnly = verifier(Set.of(JWSAlgorithm.RS256), Duration.ofMillis(1));
        String es = as.es256(valid().build());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> rsOnly.verify(es)))
                .isInstanceOf(InvalidAccessTokenException.class).hasMessageContaining("algorithm");
        assertThat(refusal(as.rsa(JWSAlgorithm.RS384, valid().build(), h -> { }))).contains("algorithm");
        assertThat(refusal(new PlainJWT(valid().build()).serialize())).contains("not signed");
        // alg=none with a signature part left empty, as attackers send it
        String rs = as.rs256(valid().build());
        String[] parts = rs.split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString() + "." + parts[1] + ".";
        refusal(none);
        assertThatThrownBy(() -> verifier(Set.of(new JWSAlgorithm("none")), Duration.ofMillis(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("refuses a tampered payload, a token signed by an unknown key, and garbage")
    void tampering() throws Exception {
        String token = as.rs256(valid().build());
        String[] parts = token.split("\\.");
        String otherPractice = as.rs256(valid().claim("practice", "2002").build()).split("\\.")[1];
        assertThat(refusal(parts[0] + "." + otherPractice + "." + parts[2])).contains("signature");
        assertThat(refusal(TestAuthorizationServer.signedByStranger(valid().build(), as.rsaKeyId())))
                .contains("signature");
        assertThat(refusal(TestAuthorizationServer.signedByStranger(valid().build(), "unknown-kid")))
                .contains("signature");
        assertThat(refusal("not-a-jwt")).contains("not a JWT");
    }

    @Test
    @DisplayName("follows key rotation: a token with a new key id makes it fetch the JWKS again; withdrawn keys stop working")
    void rotation() throws Exception {
        String before = as.rs256(valid().build());
        assertThat(verifier.verify(before).practice()).contains("1001");
        int fetches = as.jwksFetches();
        assertThat(verifier.verify(as.rs256(valid().build())).practice()).contains("1001");
        assertThat(as.jwksFetches()).as("known keys come from the cache").isEqualTo(fetches);

        as.rotateRsaKey();
        String rotated = as.rs256(valid().build());
        // A new key id makes it fetch the key set again once the (test-sized) minimum refresh interval has passed.
        await().atMost(Duration.ofSeconds(2)).ignoreExceptions()
                .untilAsserted(() -> assertThat(verifier.verify(rotated).practice()).contains("1001"));
        assertThat(as.jwksFetches()).isGreaterThan(fetches);
        assertThat(refusal(before)).contains("signature");
    }

    @Test
    @DisplayName("reports an unreachable key set as unavailable (503), not as a bad token")
    void unreachableJwks() throws Exception {
        String token = as.rs256(valid().build());
        as.close();
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AccessTokenVerifierUnavailableException.class)
                .hasMessageNotContaining(token);
    }
}
