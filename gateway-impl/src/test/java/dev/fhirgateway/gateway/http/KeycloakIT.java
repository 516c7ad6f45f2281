package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static dev.fhirgateway.gateway.http.SecuredGateway.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.fhirgateway.gateway.http.keycloak.BackendServicesClient;
import dev.fhirgateway.gateway.http.keycloak.KeycloakInstallation;
import dev.fhirgateway.gateway.http.keycloak.KeycloakServer;
import dev.fhirgateway.gateway.http.keycloak.SmartRealm.PracticeClient;
import dev.fhirgateway.gateway.http.keycloak.SmartRealm;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway trusting an independent, real authorization server: Keycloak, set up as an EHR vendor would
 * register SMART Backend Services apps ({@link SmartRealm}: one client per practice, {@code private_key_jwt},
 * a hardcoded {@code practice} claim, {@code aud} = the FHIR base URL, SMART scopes as client scopes). The test
 * asks Keycloak's token endpoint for tokens as those apps and uses them against the gateway, which verifies
 * them through Keycloak's JWKS; then Keycloak's signing key is rotated.
 *
 * <p>One Keycloak start for the whole class (30–90 s on two cores). Needs the distribution the build unpacks and
 * a Java 21+ runtime (see {@link KeycloakInstallation}: skipped loudly without them, failing in CI).
 */
@DisplayName("The gateway with Keycloak as the authorization server")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

    private static final String REALM = "ehr";
    /**
     * The FHIR base URL the apps use, as published behind the vendor's proxy: Keycloak puts it in {@code aud},
     * the gateway accepts only it ({@code fhirgateway.auth.audience}).
     */
    private static final String FHIR_BASE_URL = "https://fhir.ehr.test/fhir-gateway/fhir";
    /** SMART 2.x for practice A's app, 1.x for practice B's, as both are in use. */
    private static final String A_SCOPES = "system/Patient.rs";
    private static final String B_SCOPES = "system/*.read";
    /** Registered for practice A's app too, but grants no Patient access. */
    private static final String OBSERVATIONS_ONLY = "system/Observation.rs";
    private static final String KEY_ID_B = "practice-b-app";

    private static KeycloakServer keycloak;
    private static GatewayTestServer gateway;
    private static BackendServicesClient appA;
    private static BackendServicesClient appB;

    @BeforeAll
    static void start() throws Exception {
        KeycloakInstallation installation = KeycloakInstallation.findOrSkip();
        RSAKey keyA = new RSAKeyGenerator(2048).keyID("practice-a-app").generate();
        RSAKey keyB = new RSAKeyGenerator(2048).keyID(KEY_ID_B).generate();
        String realm = SmartRealm.importJson(REALM, FHIR_BASE_URL, List.of(
                new PracticeClient("practice-a", PRACTICE_A, keyA, List.of(A_SCOPES, OBSERVATIONS_ONLY)),
                new PracticeClient("practice-b", PRACTICE_B, keyB, List.of(B_SCOPES))));
        keycloak = KeycloakServer.start(installation, REALM, realm);
        gateway = GatewayTestServer.start(Map.of(
                "fhirgateway.auth.mode", "jwt",
                "fhirgateway.auth.issuer", keycloak.issuer(),
                "fhirgateway.auth.jwks-url", keycloak.jwksUrl(),
                "fhirgateway.auth.audience", FHIR_BASE_URL,
                // Rotation must be picked up through the unknown key id, well before the cache's own expiry.
                "fhirgateway.auth.jwks-cache-ttl", "PT1H",
                "fhirgateway.auth.jwks-min-refresh-interval", "PT1S",
                "fhirgateway.smart.token-endpoint", keycloak.tokenEndpoint().toString(),
                "fhirgateway.paging.secret", "keycloak-it-secret-keycloak-it-secret"));
        appA = new BackendServicesClient("practice-a", keyA, keycloak.tokenEndpoint());
        appB = new BackendServicesClient("practice-b", keyB, keycloak.tokenEndpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("Keycloak issues tokens as configured: practice claim, FHIR base audience, SMART scopes")
    void keycloakTokensCarryWhatTheGatewayNeeds() throws Exception {
        var claims = SignedJWT.parse(appA.accessToken(A_SCOPES)).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(keycloak.issuer());
        assertThat(claims.getAudience()).contains(FHIR_BASE_URL);
        assertThat(claims.getStringClaim("practice")).isEqualTo(PRACTICE_A);
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactly(A_SCOPES);
        assertThat(claims.getStringClaim("azp")).isEqualTo("practice-a");
    }

    @Test
    @Order(2)
    @DisplayName("practice A's app reads and searches A's patients; B's ids are 404 and B's MRNs find only A's")
    void practiceAReadsOnlyItsOwn() throws Exception {
        String token = appA.accessToken(A_SCOPES);
        HttpResponse<String> own = get("/Patient/a1", token);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(parse(own, Patient.class).getIdElement().getIdPart()).isEqualTo("a1");

        HttpResponse<String> foreign = get("/Patient/b1", token);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("Bravo").doesNotContain("Beth");
        // MRN1001 is a1's in A and b1's in B
        assertThat(SecurityHttpTest.ids(get("/Patient?identifier=MRN1001", token))).containsExactly("a1");
        assertThat(SecurityHttpTest.ids(get("/Patient?identifier=MRN9999", token))).isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName("practice B's app (SMART 1.x scope) reads B's patients; A's ids are 404")
    void practiceBReadsOnlyItsOwn() throws Exception {
        String token = appB.accessToken(B_SCOPES);
        HttpResponse<String> own = get("/Patient/b1", token);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(parse(own, Patient.class).getIdElement().getIdPart()).isEqualTo("b1");
        assertThat(get("/Patient/a1", token).statusCode()).isEqualTo(404);
        assertThat(SecurityHttpTest.ids(get("/Patient?identifier=MRN1001", token))).containsExactly("b1");
    }

    @Test
    @Order(4)
    @DisplayName("a token without a scope for the interaction is 403; Keycloak grants no scope the app lacks")
    void insufficientScope() throws Exception {
        HttpResponse<String> r = get("/Patient/a1", appA.accessToken(OBSERVATIONS_ONLY));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(parse(r, OperationOutcome.class).getIssueFirstRep().getCode().toCode()).isEqualTo("forbidden");

        HttpResponse<String> refused = appB.requestToken(A_SCOPES);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_scope");
    }

    @Test
    @Order(5)
    @DisplayName("Keycloak refuses a client assertion not signed with the app's registered key")
    void clientAuthenticationIsEnforced() throws Exception {
        // An impostor naming practice B's app and its key id, signing with a key of its own.
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(KEY_ID_B).generate();
        HttpResponse<String> r = new BackendServicesClient("practice-b", impostor, keycloak.tokenEndpoint())
                .requestToken(B_SCOPES);
        assertThat(r.statusCode()).isIn(400, 401);
        assertThat(r.body()).contains("invalid_client");
    }

    @Test
    @Order(6)
    @DisplayName("a Keycloak token edited to name practice B is 401 invalid_token, and no token is 401")
    void tamperedToken() throws Exception {
        SignedJWT original = SignedJWT.parse(appA.accessToken(A_SCOPES));
        Map<String, Object> claims = original.getJWTClaimsSet().toJSONObject();
        claims.put("practice", PRACTICE_B);
        String tampered = original.getHeader().toBase64URL() + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(claims)) + "." + original.getSignature();

        for (String token : new String[] {tampered, null}) {
            HttpResponse<String> r = get("/Patient/b1", token);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Bearer"));
            assertThat(parse(r, OperationOutcome.class).getIssueFirstRep().getCode().toCode()).isEqualTo("login");
            assertThat(r.body()).doesNotContain("Bravo");
        }
        assertThat(get("/Patient/b1", tampered).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
    }

    @Test
    @Order(7)
    @DisplayName("after Keycloak's signing key is rotated, new tokens are accepted and the withdrawn key's are not")
    void keyRotation() throws Exception {
        String before = appA.accessToken(A_SCOPES);
        assertThat(get("/Patient/a1", before).statusCode()).isEqualTo(200); // the old key is cached now

        keycloak.admin().rotateSigningKey();
        String after = appA.accessToken(A_SCOPES);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID())
                .isNotEqualTo(SignedJWT.parse(before).getHeader().getKeyID());

        // Unknown key id: the gateway fetches Keycloak's JWKS again (its cache would last an hour otherwise).
        HttpResponse<String> r = get("/Patient/a1", after);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        // The old key left the JWKS with its deletion; once the refetch interval has passed, its tokens are refused.
        HttpResponse<String> withdrawn = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/Patient/a1", before), response -> response.statusCode() == 401);
        assertThat(withdrawn.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json").GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return SecuredGateway.send(b.build());
    }
}
