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
