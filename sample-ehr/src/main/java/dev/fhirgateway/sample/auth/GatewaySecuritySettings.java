package dev.fhirgateway.sample.auth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway settings ({@code fhirgateway.auth.*}, {@code fhirgateway.smart.*}) the sample EHR deploys the gateway
 * with: verify the development authorization server's JWTs, exactly as a vendor points the gateway at their own
 * authorization server, or the gateway's development switch.
 */
public final class GatewaySecuritySettings {

    private GatewaySecuritySettings() {
    }

    /**
     * Verify the {@link DevelopmentAuthorizationServer}'s access tokens.
     *
     * @param config the authorization server's issuer, token endpoint (published in SMART discovery) and audience
     * @param jwksUrl where the gateway fetches the keys: a loopback URL inside the EHR's own host
     */
    public static Map<String, String> verifyTokensOf(DevelopmentAuthorizationServer.Config config, URI jwksUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fhirgateway.auth.mode", "jwt");
        settings.put("fhirgateway.auth.issuer", config.issuer().toString());
        settings.put("fhirgateway.auth.audience", config.audience());
        settings.put("fhirgateway.auth.jwks-url", jwksUrl.toString());
        settings.put("fhirgateway.auth.practice-claim", DevelopmentAuthorizationServer.PRACTICE_CLAIM);
        settings.put("fhirgateway.smart.token-endpoint", config.tokenEndpoint().toString());
        // What this development server supports, published in the gateway's .well-known/smart-configuration.
        settings.put("fhirgateway.smart.authorization-endpoint", config.authorizationEndpoint().toString());
        settings.put("fhirgateway.smart.revocation-endpoint", config.revocationEndpoint().toString());
        settings.put("fhirgateway.smart.grant-types", String.join(",", DevelopmentAuthorizationServer.GRANT_TYPES));
        settings.put("fhirgateway.smart.token-endpoint-auth-methods",
                String.join(",", DevelopmentAuthorizationServer.CLIENT_AUTH_METHODS));
        settings.put("fhirgateway.smart.scopes-supported", String.join(" ", DevelopmentAuthorizationServer.SCOPES));
        settings.put("fhirgateway.smart.capabilities", String.join(",", DevelopmentAuthorizationServer.CAPABILITIES));
        return settings;
    }

    /**
     * The gateway's development switch: the practice comes from the {@code X-Practice-Pin} header, no token is
     * checked (the gateway logs a warning at startup). For trying things without tokens only.
     */
    public static Map<String, String> developmentPracticeHeader() {
        return Map.of("fhirgateway.auth.mode", "development-header");
    }
}
