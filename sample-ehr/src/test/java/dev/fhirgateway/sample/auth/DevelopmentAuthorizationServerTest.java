package dev.fhirgateway.sample.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SeedData;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The development authorization server's token endpoint logic over a real (in-memory H2) EHR database, driven
 * with token requests built by the Nimbus SDK as an app would send them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevelopmentAuthorizationServerTest {

    private static final URI TOKEN_ENDPOINT = URI.create("http://127.0.0.1:9/oauth/token");
    private static final String AUDIENCE = "http://127.0.0.1:9/fhir-gateway/fhir";
    /** A gateway in a separate servlet container (the sample EHR's --token-audience). */
    private static final String STANDALONE_AUDIENCE = "http://127.0.0.1:8081/fhir-gateway/fhir";

    private EhrDatabase database;
    private ClientRegistry registry;
    private DevelopmentAuthorizationServer server;
    private RSAKey appKey;
    private String keyClientId;

    @BeforeAll
    void start() throws Exception {
        database = EhrDatabase.open("jdbc:h2:mem:auth-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        SeedData.seedIfEmpty(database.jdbi());
        registry = new ClientRegistry(database.jdbi());
        DemoClients.seedIfMissing(registry, SeedData.PRACTICE_PINS);
        server = new DevelopmentAuthorizationServer(new DevelopmentAuthorizationServer.Config(
                URI.create("http://127.0.0.1:9/oauth"), TOKEN_ENDPOINT, AUDIENCE, Duration.ofMinutes(5),
                List.of(STANDALONE_AUDIENCE)),
                registry, new SigningKeyStore(database.jdbi()), Clock.systemUTC());
        appKey = new RSAKeyGenerator(2048).keyID("app-key-1").generate();
        keyClientId = registry.register("2002", Scope.parse("system/Patient.rs system/Observation.rs"), "backend",
                new JWKSet(appKey.toPublicJWK())).client().clientId();
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    @DisplayName("client_secret_basic: a signed RS256 JWT for the gateway with practice, client, scopes and 5 min")
    void secretClientGetsAToken() throws Exception {
        HTTPResponse response = token(basic("demo-1001", "demo-1001-secret"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(TokenClient.accessToken(response));
        RSAKey published = (RSAKey) server.jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(published).as("the token's kid is in the JWKS").isNotNull();
        assertThat(published.isPrivate()).isFalse();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:9/oauth");
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getStringClaim("practice")).isEqualTo("1001");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-1001");
        assertThat(claims.getStringClaim("scope")).isEqualTo(DemoClients.SCOPES);
        assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
                .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("resource= or aud= names the token's audience when allowed; another is 400 invalid_target")
    void requestedAudience() throws Exception {
        for (String parameter : List.of("resource", "aud")) {
            HTTPResponse asked = tokenWith(parameter + "=" + STANDALONE_AUDIENCE + "/");
            assertThat(asked.getStatusCode()).as(parameter + ": " + asked.getBody()).isEqualTo(200);
            assertThat(SignedJWT.parse(TokenClient.accessToken(asked)).getJWTClaimsSet().getAudience())
                    .containsExactly(STANDALONE_AUDIENCE);
            HTTPResponse own = tokenWith(parameter + "=" + AUDIENCE);
            assertThat(SignedJWT.parse(TokenClient.accessToken(own)).getJWTClaimsSet().getAudience())
                    .containsExactly(AUDIENCE);
            HTTPResponse foreign = tokenWith(parameter + "=https://elsewhere.example/fhir");
            assertThat(foreign.getStatusCode()).isEqualTo(400);
            assertThat(error(foreign)).isEqualTo("invalid_target");
            assertThat(foreign.getBody().replace("\\/", "/")).as("names the allowed audiences")
                    .contains(STANDALONE_AUDIENCE);
        }
    }

    /** A client_secret_basic token request of demo-1001 with {@code extra} (form-encoded) added. */
    private HTTPResponse tokenWith(String extra) {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, TOKEN_ENDPOINT);
        request.setEntityContentType(com.nimbusds.common.contenttype.ContentType.APPLICATION_URLENCODED);
        request.setAuthorization(basic("demo-1001", "demo-1001-secret").toHTTPAuthorizationHeader());
        String[] kv = extra.split("=", 2);
        request.setBody("grant_type=client_credentials&scope=system%2F*.rs&" + kv[0] + "="
                + java.net.URLEncoder.encode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        return server.token(request);
    }

    @Test
    @DisplayName("a wrong secret and an unknown client are both 401 invalid_client")
    void badSecretIsInvalidClient() throws Exception {
        for (HTTPResponse r : List.of(token(basic("demo-1001", "demo-2002-secret"), null),
                token(basic("no-such-client", "x"), null))) {
            assertThat(r.getStatusCode()).isEqualTo(401);
            assertThat(error(r)).isEqualTo("invalid_client");
            assertThat(r.getBody()).doesNotContain("demo-2002-secret");
        }
    }

    @Test
    @DisplayName("scopes are narrowed to the granted ones; none granted is invalid_scope")
    void scopesAreDownScoped() throws Exception {
        HTTPResponse narrowed = token(basic("demo-2002", "demo-2002-secret"), "system/*.rs patient/*.rs user/*.rs");
        assertThat(SignedJWT.parse(TokenClient.accessToken(narrowed)).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("system/*.rs");
        HTTPResponse none = token(basic("demo-2002", "demo-2002-secret"), "patient/*.rs");
        assertThat(none.getStatusCode()).isEqualTo(400);
        assertThat(error(none)).isEqualTo("invalid_scope");
    }

    @Test
    @DisplayName("a grant type other than client_credentials is unsupported_grant_type")
    void onlyClientCredentials() throws Exception {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, TOKEN_ENDPOINT);
        request.setEntityContentType(com.nimbusds.common.contenttype.ContentType.APPLICATION_URLENCODED);
        request.setAuthorization(basic("demo-1001", "demo-1001-secret").toHTTPAuthorizationHeader());
        request.setBody("grant_type=urn:example:made-up");
        HTTPResponse r = server.token(request);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("unsupported_grant_type");
    }

    @Test
    @DisplayName("private_key_jwt (SMART Backend Services, RS384): a token for the key client's practice")
    void keyClientGetsAToken() throws Exception {
        HTTPResponse r = token(assertion(appKey, JWSAlgorithm.RS384, claims(Instant.now().plusSeconds(120))),
                "system/Patient.rs");
        JWTClaimsSet claims = SignedJWT.parse(TokenClient.accessToken(r)).getJWTClaimsSet();
        assertThat(claims.getStringClaim("practice")).isEqualTo("2002");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(keyClientId);
        assertThat(claims.getStringClaim("scope")).isEqualTo("system/Patient.rs");
    }

    @Test
    @DisplayName("a client assertion signed with another key, expired, or replayed is invalid_client")
    void badAssertionsAreRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(appKey.getKeyID()).generate();
        HTTPResponse wrongKey = token(assertion(stranger, JWSAlgorithm.RS384, claims(Instant.now().plusSeconds(120))),
                null);
        HTTPResponse expired = token(assertion(appKey, JWSAlgorithm.RS384, claims(Instant.now().minusSeconds(600))),
                null);
        PrivateKeyJWT once = assertion(appKey, JWSAlgorithm.RS384, claims(Instant.now().plusSeconds(120)));
        HTTPResponse first = token(once, null);
        HTTPResponse replay = token(once, null);
        assertThat(first.getStatusCode()).isEqualTo(200);
        for (HTTPResponse r : List.of(wrongKey, expired, replay)) {
            assertThat(r.getStatusCode()).isEqualTo(401);
            assertThat(error(r)).isEqualTo("invalid_client");
        }
    }

    @Test
    @DisplayName("a key client cannot use a secret, and the signing key survives a restart (same database)")
    void keysPersist() throws Exception {
        assertThat(token(basic(keyClientId, "anything"), null).getStatusCode()).isEqualTo(401);
        String kid = new SigningKeyStore(database.jdbi()).signingKey().getKeyID();
        assertThat(new SigningKeyStore(database.jdbi()).signingKey().getKeyID()).isEqualTo(kid);
        assertThat(server.jwks().getKeyByKeyId(kid)).isNotNull();
    }

    private HTTPResponse token(ClientAuthentication auth, String scope) {
        return server.token(new TokenRequest(TOKEN_ENDPOINT, auth, new ClientCredentialsGrant(),
                scope == null ? null : Scope.parse(scope)).toHTTPRequest());
    }

    private static ClientSecretBasic basic(String id, String secret) {
        return new ClientSecretBasic(new ClientID(id), new Secret(secret));
    }

    private JWTAuthenticationClaimsSet claims(Instant expiry) {
        return new JWTAuthenticationClaimsSet(new ClientID(keyClientId), List.of(new Audience(TOKEN_ENDPOINT)),
                Date.from(expiry), null, Date.from(expiry.minusSeconds(300)), new JWTID());
    }

    private static PrivateKeyJWT assertion(RSAKey key, JWSAlgorithm alg, JWTAuthenticationClaimsSet claims)
            throws Exception {
        return new PrivateKeyJWT(claims, alg, key.toPrivateKey(), key.getKeyID(), null);
    }

    private static String error(HTTPResponse r) throws Exception {
        return TokenResponse.parse(r).toErrorResponse().getErrorObject().getCode();
    }
}
