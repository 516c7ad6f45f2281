package dev.fhirgateway.gateway.http.keycloak;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Keycloak realm (its import JSON) set up the way an EHR vendor would register SMART Backend Services apps for
 * the gateway: one confidential client per app, authenticating with a signed JWT ({@code private_key_jwt}, its
 * public key registered), using the client-credentials grant (a service account), with
 * <ul>
 * <li>a hardcoded-claim mapper putting the app's practice in the access token's {@code practice} claim,</li>
 * <li>an audience mapper making {@code aud} the gateway's FHIR base URL,</li>
 * <li>its SMART scopes as optional client scopes, requested with {@code scope} and listed in the token's
 * {@code scope} claim ({@code include.in.token.scope}).</li>
 * </ul>
 *
 * <p>Keycloak takes SMART scope names such as {@code system/*.rs} or {@code system/Patient.rs} as client scope
 * names as they are (from a realm import as from the admin API); no realm-wide default scopes are given, so a
 * token carries exactly the SMART scopes the client asked for and was registered with.
 */
public final class SmartRealm {

    /** An app registered for one practice with these SMART scopes; its key signs its client assertions. */
    public record PracticeClient(String clientId, String practice, RSAKey key, List<String> scopes) {

        public PracticeClient {
            scopes = List.copyOf(scopes);
        }
    }

    /** SMART Backend Services ask for RS384 or ES384 client assertions. */
    public static final String ASSERTION_ALGORITHM = "RS384";

    private SmartRealm() {
    }

    /** The realm import JSON for {@code realm}, whose tokens are for {@code audience}. */
    public static String importJson(String realm, String audience, List<PracticeClient> clients) {
        Set<String> allScopes = new LinkedHashSet<>();
        clients.forEach(c -> allScopes.addAll(c.scopes()));
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("realm", realm);
        rep.put("enabled", true);
        rep.put("sslRequired", "none"); // plain HTTP on 127.0.0.1 in the test
        rep.put("accessTokenLifespan", 300);
        rep.put("clientScopes", allScopes.stream().map(SmartRealm::clientScope).toList());
        rep.put("defaultDefaultClientScopes", List.of());
        rep.put("defaultOptionalClientScopes", List.of());
        rep.put("clients", clients.stream().map(c -> client(c, audience)).toList());
        return JSONObjectUtils.toJSONString(rep);
    }

    /**
     * The public key as the app registers it. Keycloak only uses client keys marked {@code "use": "sig"}
     * ("PublicKey wasn't found in the storage" otherwise).
     */
    private static String registeredJwks(RSAKey key) {
        RSAKey registered = new RSAKey.Builder(key.toPublicJWK()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.parse(ASSERTION_ALGORITHM)).build();
        return new JWKSet(registered).toString(true);
    }

    private static Map<String, Object> clientScope(String name) {
        return Map.of("name", name, "protocol", "openid-connect", "attributes",
                Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"));
    }

    private static Map<String, Object> client(PracticeClient c, String audience) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("clientId", c.clientId());
        rep.put("enabled", true);
        rep.put("publicClient", false);
        rep.put("serviceAccountsEnabled", true);
        rep.put("standardFlowEnabled", false);
        rep.put("directAccessGrantsEnabled", false);
        rep.put("implicitFlowEnabled", false);
        rep.put("fullScopeAllowed", false);
        rep.put("clientAuthenticatorType", "client-jwt");
        rep.put("attributes", Map.of(
                "use.jwks.string", "true",
                "jwks.string", registeredJwks(c.key()),
                "token.endpoint.auth.signing.alg", ASSERTION_ALGORITHM));
        rep.put("defaultClientScopes", List.of());
        rep.put("optionalClientScopes", c.scopes());
        List<Map<String, Object>> mappers = new ArrayList<>();
        mappers.add(mapper("practice", "oidc-hardcoded-claim-mapper", Map.of(
                "claim.name", "practice", "claim.value", c.practice(), "jsonType.label", "String")));
        mappers.add(mapper("fhir-base-audience", "oidc-audience-mapper", Map.of(
                "included.custom.audience", audience)));
        rep.put("protocolMappers", mappers);
        return rep;
    }

    /** A mapper that writes to access tokens and introspection answers, not ID tokens or userinfo. */
    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>(config);
        all.put("access.token.claim", "true");
        all.put("introspection.token.claim", "true");
        all.put("id.token.claim", "false");
        all.put("userinfo.token.claim", "false");
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", all);
    }
}
