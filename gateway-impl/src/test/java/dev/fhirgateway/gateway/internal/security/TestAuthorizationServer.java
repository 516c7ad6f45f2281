package dev.fhirgateway.gateway.internal.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in authorization server for tests: it makes RSA and EC signing keys with Nimbus, publishes the
 * public halves as a JWKS on 127.0.0.1 (a JDK HttpServer), mints signed access tokens, and can rotate its
 * keys. Tests use it to exercise the gateway's verifier against real HTTP key fetching.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    public static final String ISSUER = "https://auth.test.example";

    private final HttpServer server;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile List<JWK> published;
    private volatile RSAKey rsa;
    private final ECKey ec;

    private TestAuthorizationServer(HttpServer server) throws Exception {
        this.server = server;
        this.rsa = newRsaKey();
        this.ec = new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
        this.published = List.of(rsa.toPublicJWK(), ec.toPublicJWK());
    }

    public static TestAuthorizationServer start() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestAuthorizationServer as = new TestAuthorizationServer(http);
        http.createContext("/jwks", exchange -> {
            as.jwksFetches.incrementAndGet();
            byte[] body = new JWKSet(as.published).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        return as;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /**
     * Makes a new RSA key, signs new tokens with it and publishes it in place of the old one (the old key is
     * withdrawn, as after a compromise).
     */
    public void rotateRsaKey() throws Exception {
        RSAKey next = newRsaKey();
        published = List.of(next.toPublicJWK(), ec.toPublicJWK());
        rsa = next;
    }

    /** The standard claims of a valid token for {@code audience}, to adjust before signing. */
    public static JWTClaimsSet.Builder claims(String audience, String practice, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject("client-1")
                .claim("client_id", "client-1").issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(UUID.randomUUID().toString())
                .claim("scope", scope);
        if (practice != null) {
            b.claim("practice", practice);
        }
        return b;
    }

    /** A token signed with the current RSA key (RS256). */
    public String rs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(rsa));
        return jwt.serialize();
    }

    /** A token signed with the current RSA key and {@code alg}, header adjusted by {@code header}. */
    public String rsa(JWSAlgorithm alg, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header) throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(alg).keyID(rsa.getKeyID());
        header.accept(h);
        SignedJWT jwt = new SignedJWT(h.build(), claims);
        jwt.sign(new RSASSASigner(rsa));
        return jwt.serialize();
    }

    /** A token signed with the EC key (ES256). */
    public String es256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(ec));
        return jwt.serialize();
    }

    /** A token signed with a key this server never published (an attacker's). */
    public static String signedByStranger(JWTClaimsSet claims, String keyId) throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(keyId).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        jwt.sign(new RSASSASigner(stranger));
        return jwt.serialize();
    }

    /** The current RSA key's id (to forge tokens that claim it). */
    public String rsaKeyId() {
        return rsa.getKeyID();
    }

    /** Configuration for a gateway that trusts this server. */
    public Map<String, String> gatewaySettings(String audience) {
        return Map.of("fhirgateway.auth.mode", "jwt", "fhirgateway.auth.issuer", ISSUER,
                "fhirgateway.auth.jwks-url", jwksUrl(), "fhirgateway.auth.audience", audience,
                "fhirgateway.auth.jwks-min-refresh-interval", "PT0.001S",
                "fhirgateway.smart.token-endpoint", ISSUER + "/token");
    }

    private static RSAKey newRsaKey() throws Exception {
        return new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
