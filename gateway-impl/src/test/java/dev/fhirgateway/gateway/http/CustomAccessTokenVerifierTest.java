package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code fhirgateway.auth.mode=custom}: the host's {@code AccessTokenVerifierProvider}, found by ServiceLoader
 * like every extension point, verifies the bearer tokens; the gateway still enforces practice and scopes.
 */
@DisplayName("A host's own access token verifier (custom mode)")
class CustomAccessTokenVerifierTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.auth.mode", "custom", "fhirgateway.public-base-url", "http://127.0.0.1/fhir-gateway/fhir",
                "fhirgateway.smart.token-endpoint", "https://auth.house.example/token"));
        s.putAll(extra);
        return s;
    }

    @Test
    @DisplayName("the provider found in META-INF/services verifies tokens: its tokens read their practice's data only")
    void providerVerifiesTokens() throws Exception {
        try (GatewayTestServer server = GatewayTestServer.start(settings(Map.of()))) {
            HttpResponse<String> own = get(server, "/Patient/a1", "house-token-" + InMemoryPatientAdapterProvider.PRACTICE_A);
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(Patient.class, own.body())
                    .getIdElement().getIdPart()).isEqualTo("a1");
            HttpResponse<String> other = get(server, "/Patient/a1", "house-token-" + InMemoryPatientAdapterProvider.PRACTICE_B);
            assertThat(other.statusCode()).as("another practice's token").isEqualTo(404);
            HttpResponse<String> refused = get(server, "/Patient/a1", "somebody-elses-token");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        }
    }

    @Test
    @DisplayName("fhirgateway.auth.verifier selects a provider by name; an unknown name stops the start, naming those found")
    void providerByName() throws Exception {
        try (GatewayTestServer server = GatewayTestServer.start(settings(
                Map.of("fhirgateway.auth.verifier", TestAccessTokenVerifierProvider.NAME)))) {
            assertThat(get(server, "/Patient/a1", "house-token-" + InMemoryPatientAdapterProvider.PRACTICE_A)
                    .statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> GatewayTestServer.start(settings(Map.of("fhirgateway.auth.verifier", "acme-tokens"))))
                .hasStackTraceContaining("no AccessTokenVerifierProvider named 'acme-tokens'")
                .hasStackTraceContaining("'house-tokens'");
    }

    private static HttpResponse<String> get(GatewayTestServer server, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.fhirBase() + path))
                .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
