package dev.fhirgateway.gateway.internal.security;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * What the gateway publishes about the EHR's authorization server, from configuration: the
 * {@code .well-known/smart-configuration} document (SMART App Launch 2.x) and the CapabilityStatement's
 * {@code rest.security}.
 *
 * @param issuer the token issuer, if configured
 * @param jwksUri the issuer's key set, if configured
 * @param tokenEndpoint the token endpoint
 * @param authorizationEndpoint the authorization endpoint, if the server has one
 * @param managementEndpoint where apps are registered or managed, if published
 * @param revocationEndpoint the RFC 7009 revocation endpoint, if the server has one
 * @param grantTypes the grant types supported
 * @param tokenEndpointAuthMethods the client authentication methods at the token endpoint
 * @param scopesSupported the scopes published
 * @param capabilities the SMART capabilities published
 */
public record SmartConfiguration(Optional<String> issuer, Optional<String> jwksUri, String tokenEndpoint,
        Optional<String> authorizationEndpoint, Optional<String> managementEndpoint,
        Optional<String> revocationEndpoint, List<String> grantTypes,
        List<String> tokenEndpointAuthMethods, List<String> scopesSupported, List<String> capabilities) {

    /** Capabilities that only a server with an authorization endpoint (users authorizing apps) can have. */
    static final Set<String> NEED_AUTHORIZATION_ENDPOINT = Set.of("launch-ehr", "launch-standalone",
            "authorize-post", "client-public", "context-banner", "context-style", "context-ehr-patient",
            "context-ehr-encounter", "context-standalone-patient", "context-standalone-encounter",
            "sso-openid-connect", "permission-offline", "permission-online");

    public SmartConfiguration {
        grantTypes = List.copyOf(grantTypes);
        tokenEndpointAuthMethods = List.copyOf(tokenEndpointAuthMethods);
        scopesSupported = List.copyOf(scopesSupported);
        capabilities = List.copyOf(capabilities);
    }

    /**
     * What the published document would claim that the rest of it contradicts, so that discovery advertises
     * exactly what the configured server supports: empty when consistent.
     */
    public List<String> inconsistencies() {
        List<String> problems = new ArrayList<>();
        boolean authorize = authorizationEndpoint.isPresent();
        if (grantTypes.contains("authorization_code") != authorize) {
            problems.add(authorize ? "an authorization endpoint is published but the grant types lack"
                    + " authorization_code" : "the grant type authorization_code needs an authorization endpoint");
        }
        for (String capability : capabilities) {
            if (NEED_AUTHORIZATION_ENDPOINT.contains(capability) && !authorize) {
                problems.add("capability " + capability + " needs an authorization endpoint");
            }
            if ((capability.equals("permission-offline") || capability.equals("permission-online"))
                    && !grantTypes.contains("refresh_token")) {
                problems.add("capability " + capability + " needs the grant type refresh_token");
            }
        }
        if (capabilities.contains("sso-openid-connect") && issuer.isEmpty()) {
            problems.add("capability sso-openid-connect needs an issuer");
        }
        if (capabilities.contains("client-confidential-asymmetric")
                && !tokenEndpointAuthMethods.contains("private_key_jwt")) {
            problems.add("capability client-confidential-asymmetric needs the authentication method private_key_jwt");
        }
        if (capabilities.contains("client-confidential-symmetric")
                && !(tokenEndpointAuthMethods.contains("client_secret_basic")
                        || tokenEndpointAuthMethods.contains("client_secret_post"))) {
            problems.add("capability client-confidential-symmetric needs the authentication method"
                    + " client_secret_basic or client_secret_post");
        }
        return problems;
    }

    /** The SMART extension on {@code rest.security} that names the OAuth endpoints. */
    public static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    /**
     * The CapabilityStatement's {@code rest.security}: service {@code SMART-on-FHIR} and the {@code oauth-uris}
     * extension (token, and authorize when configured).
     */
    public CapabilityStatementRestSecurityComponent restSecurity() {
        CapabilityStatementRestSecurityComponent security = new CapabilityStatementRestSecurityComponent();
        security.setCors(false);
        CodeableConcept service = new CodeableConcept().setText("OAuth2 access tokens (SMART App Launch / Backend"
                + " Services); see .well-known/smart-configuration");
        service.addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
                .setCode("SMART-on-FHIR").setDisplay("SMART-on-FHIR");
        security.addService(service);
        Extension uris = security.addExtension().setUrl(OAUTH_URIS);
        uris.addExtension("token", new UriType(tokenEndpoint));
        authorizationEndpoint.ifPresent(a -> uris.addExtension("authorize", new UriType(a)));
        managementEndpoint.ifPresent(m -> uris.addExtension("manage", new UriType(m)));
        security.setDescription("Every request except the CapabilityStatement and the SMART configuration needs a"
                + " bearer access token of the EHR's authorization server, for one practice, with SMART scopes.");
        return security;
    }

    /** The {@code .well-known/smart-configuration} document. */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        issuer.ifPresent(v -> doc.put("issuer", v));
        jwksUri.ifPresent(v -> doc.put("jwks_uri", v));
        authorizationEndpoint.ifPresent(v -> doc.put("authorization_endpoint", v));
        doc.put("token_endpoint", tokenEndpoint);
        managementEndpoint.ifPresent(v -> doc.put("management_endpoint", v));
        revocationEndpoint.ifPresent(v -> doc.put("revocation_endpoint", v));
        doc.put("grant_types_supported", grantTypes);
        doc.put("token_endpoint_auth_methods_supported", tokenEndpointAuthMethods);
        if (tokenEndpointAuthMethods.contains("private_key_jwt")) {
            doc.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        }
        doc.put("scopes_supported", scopesSupported);
        doc.put("response_types_supported", authorizationEndpoint.isPresent() ? List.of("code") : List.of());
        doc.put("code_challenge_methods_supported", authorizationEndpoint.isPresent() ? List.of("S256") : List.of());
        doc.put("capabilities", capabilities);
        return JSONObjectUtils.toJSONString(doc);
    }
}
