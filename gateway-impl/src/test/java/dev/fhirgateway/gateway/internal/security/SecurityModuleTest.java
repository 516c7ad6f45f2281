package dev.fhirgateway.gateway.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import dev.fhirgateway.gateway.internal.security.SecurityModule.AuthMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Security configuration at startup")
class SecurityModuleTest {

    private static final AdapterDiscovery.Result NO_PLUGINS = new AdapterDiscovery.Result(List.of(), Optional.empty());

    private static SecurityModule module(Map<String, String> settings) {
        return new SecurityModule(GatewaySettings.of(settings));
    }

    @Test
    @DisplayName("requires tokens by default and names each missing setting")
    void jwtIsTheDefaultAndNamesMissingSettings() {
        assertThat(module(Map.of()).mode()).isEqualTo(AuthMode.JWT);
        Map<String, String> s = new HashMap<>();
        assertThatThrownBy(() -> module(s).authenticator(AuthMode.JWT, NO_PLUGINS))
                .hasMessageContaining("fhirgateway.auth.issuer");
        s.put("fhirgateway.auth.issuer", "https://as.example");
        assertThatThrownBy(() -> module(s).authenticator(AuthMode.JWT, NO_PLUGINS))
                .hasMessageContaining("fhirgateway.auth.audience");
        s.put("fhirgateway.auth.audience", "https://gw.example/fhir");
        assertThatThrownBy(() -> module(s).authenticator(AuthMode.JWT, NO_PLUGINS))
                .hasMessageContaining("fhirgateway.auth.jwks-url");
        s.put("fhirgateway.auth.jwks-url", "https://as.example/jwks");
        assertThat(module(s).authenticator(AuthMode.JWT, NO_PLUGINS)).isInstanceOf(BearerTokenAuthenticator.class);
        assertThatThrownBy(() -> module(s).smartConfiguration(AuthMode.JWT))
                .hasMessageContaining("fhirgateway.smart.token-endpoint");
        assertThatThrownBy(() -> module(Map.of()).authenticator(AuthMode.INTROSPECTION, NO_PLUGINS))
                .hasMessageContaining("fhirgateway.auth.introspection-url");
    }

    @Test
    @DisplayName("smart-configuration publishes what the settings name, and refuses to start when they contradict each other")
    @SuppressWarnings("unchecked")
    void smartConfigurationIsDerivedAndConsistent() throws Exception {
        Map<String, String> s = new HashMap<>(Map.of("fhirgateway.auth.issuer", "https://as.example",
                "fhirgateway.smart.token-endpoint", "https://as.example/token"));
        SmartConfiguration backendOnly = module(s).smartConfiguration(AuthMode.JWT).orElseThrow();
        Map<String, Object> doc = com.nimbusds.jose.util.JSONObjectUtils.parse(backendOnly.toJson());
        assertThat(doc).doesNotContainKeys("authorization_endpoint", "revocation_endpoint");
        assertThat((List<Object>) doc.get("grant_types_supported")).containsExactly("client_credentials");
        assertThat((List<Object>) doc.get("code_challenge_methods_supported")).isEmpty();

        s.put("fhirgateway.smart.capabilities", "launch-standalone,permission-offline");
        assertThatThrownBy(() -> module(s).smartConfiguration(AuthMode.JWT))
                .hasMessageContaining("launch-standalone needs an authorization endpoint")
                .hasMessageContaining("permission-offline needs the grant type refresh_token")
                .hasMessageContaining("fhirgateway.smart.capabilities");
        s.put("fhirgateway.smart.authorization-endpoint", "https://as.example/authorize");
        assertThatThrownBy(() -> module(s).smartConfiguration(AuthMode.JWT))
                .hasMessageContaining("grant types lack authorization_code");
        s.put("fhirgateway.smart.grant-types", "authorization_code,refresh_token");
        s.put("fhirgateway.smart.revocation-endpoint", "https://as.example/revoke");
        doc = com.nimbusds.jose.util.JSONObjectUtils.parse(module(s).smartConfiguration(AuthMode.JWT).orElseThrow()
                .toJson());
        assertThat(doc).containsEntry("authorization_endpoint", "https://as.example/authorize")
                .containsEntry("revocation_endpoint", "https://as.example/revoke");
        assertThat((List<Object>) doc.get("capabilities")).containsExactly("launch-standalone", "permission-offline");
        assertThat((List<Object>) doc.get("code_challenge_methods_supported")).containsExactly("S256");
        assertThat((List<Object>) doc.get("response_types_supported")).containsExactly("code");

        s.put("fhirgateway.smart.capabilities", "client-confidential-asymmetric,sso-openid-connect");
        s.put("fhirgateway.smart.token-endpoint-auth-methods", "client_secret_basic");
        s.remove("fhirgateway.auth.issuer");
        assertThatThrownBy(() -> module(s).smartConfiguration(AuthMode.JWT))
                .hasMessageContaining("client-confidential-asymmetric needs the authentication method private_key_jwt")
                .hasMessageContaining("sso-openid-connect needs an issuer");
    }

    @Test
    @DisplayName("takes the practice header only behind the explicit development switch")
    void developmentSwitch() {
        SecurityModule dev = module(Map.of("fhirgateway.auth.mode", "development-header"));
        assertThat(dev.mode()).isEqualTo(AuthMode.DEVELOPMENT_HEADER);
        assertThat(dev.authenticator(dev.mode(), NO_PLUGINS)).isInstanceOf(DevelopmentHeaderAuthenticator.class);
        assertThat(dev.smartConfiguration(dev.mode())).isEmpty();
        assertThatThrownBy(() -> module(Map.of("fhirgateway.auth.mode", "header")).mode())
                .hasMessageContaining("development-header");
        assertThatThrownBy(() -> module(Map.of("fhirgateway.practice.source", "header")).configure())
                .hasMessageContaining("fhirgateway.auth.mode=development-header");
    }

    @Test
    @DisplayName("never accepts the 'none' algorithm, even when configured")
    void noneAlgorithm() {
        assertThatThrownBy(() -> module(Map.of("fhirgateway.auth.issuer", "https://as.example",
                "fhirgateway.auth.audience", "https://gw.example/fhir", "fhirgateway.auth.jwks-url",
                "https://as.example/jwks", "fhirgateway.auth.algorithms", "RS256,none"))
                .authenticator(AuthMode.JWT, NO_PLUGINS)).hasMessageContaining("none");
    }
}
