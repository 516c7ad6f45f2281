package dev.fhirgateway.gateway.http.keycloak;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A SMART Backend Services client: asks a token endpoint for an access token with the client-credentials grant,
 * authenticating with a client assertion ({@code private_key_jwt}, RFC 7523) that it signs with its private key.
 */
public final class BackendServicesClient {

    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String clientId;
    private final RSAKey key;
    private final URI tokenEndpoint;

    /**
     * @param clientId the registered client id ({@code iss} and {@code sub} of the assertion)
     * @param key the private key whose public half is registered for the client
     * @param tokenEndpoint where tokens are asked for (also the assertion's {@code aud}, as SMART specifies)
     */
    public BackendServicesClient(String clientId, RSAKey key, URI tokenEndpoint) {
        this.clientId = clientId;
        this.key = key;
        this.tokenEndpoint = tokenEndpoint;
    }

    /** The token endpoint's answer to a request for {@code scope} (space-separated). */
    public HttpResponse<String> requestToken(String scope) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", scope);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", clientAssertion());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An access token for {@code scope}; fails when the token endpoint refuses. */
    public String accessToken(String scope) throws Exception {
        HttpResponse<String> r = requestToken(scope);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the token endpoint refused " + clientId + " (" + scope + "): "
                    + r.statusCode() + " " + r.body());
        }
        return (String) JSONObjectUtils.parse(r.body()).get("access_token");
    }

    private String clientAssertion() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .audience(tokenEndpoint.toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(SmartRealm.ASSERTION_ALGORITHM))
                .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
