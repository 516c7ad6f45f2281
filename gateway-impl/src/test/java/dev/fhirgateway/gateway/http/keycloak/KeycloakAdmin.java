package dev.fhirgateway.gateway.http.keycloak;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The few calls of Keycloak's admin REST API the tests need, as a {@code master}-realm admin service account
 * (client credentials with a client secret).
 */
public final class KeycloakAdmin {

    private static final String KEY_PROVIDER_TYPE = "org.keycloak.keys.KeyProvider";
    private static final String RSA_SIGNING_PROVIDER = "rsa-generated";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI baseUri;
    private final String realm;
    private final String clientId;
    private final String clientSecret;

    KeycloakAdmin(URI baseUri, String realm, String clientId, String clientSecret) {
        this.baseUri = baseUri;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * Rotates the realm's RS256 signing key as after a compromise: adds a newly generated key with a higher
     * priority (it signs every token from now on) and deletes the previous ones, so their public keys leave the
     * realm's JWKS.
     */
    public void rotateSigningKey() throws Exception {
        String token = adminToken();
        String realmId = (String) JSONObjectUtils.parse(call(token, "GET", "", null)).get("id");
        List<Object> before = JSONArrayUtils.parse(call(token, "GET", "/components?type=" + KEY_PROVIDER_TYPE, null));
        call(token, "POST", "/components", JSONObjectUtils.toJSONString(Map.of(
                "name", "rotated-rsa-" + System.currentTimeMillis(),
                "providerId", RSA_SIGNING_PROVIDER,
                "providerType", KEY_PROVIDER_TYPE,
                "parentId", realmId,
                "config", Map.of("priority", List.of("1000"), "enabled", List.of("true"),
                        "active", List.of("true"), "algorithm", List.of("RS256"), "keySize", List.of("2048")))));
        for (Object o : before) {
            Map<?, ?> component = (Map<?, ?>) o;
            if (RSA_SIGNING_PROVIDER.equals(component.get("providerId"))) {
                call(token, "DELETE", "/components/" + component.get("id"), null);
            }
        }
    }

    private String adminToken() throws Exception {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create(baseUri + "/realms/master/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the admin token: " + r.statusCode() + " " + r.body());
        }
        return (String) JSONObjectUtils.parse(r.body()).get("access_token");
    }

    /** Calls {@code /admin/realms/REALM + path}; a 2xx answer's body, else an exception naming the status. */
    private String call(String token, String method, String path, String jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUri + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak admin " + method + " " + path + ": " + r.statusCode() + " "
                    + r.body());
        }
        return r.body();
    }
}
