package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy, the links a client follows (entry fullUrl, next, the CapabilityStatement's
 * implementation URL) must use the public address, not the gateway's own.
 */
@DisplayName("Public addresses behind a reverse proxy")
class PublicAddressHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "public-address-test-secret-0123456789";

    @Test
    @DisplayName("a configured public base URL is used in fullUrl, next links and the CapabilityStatement")
    void configuredPublicBaseUrl() throws Exception {
        try (GatewayTestServer server = GatewayTestServer.start(Map.of("fhirgateway.paging.secret", SECRET,
                "fhirgateway.public-base-url", "https://ehr.example.com/api/fhir"))) {
            Bundle page = bundle(server, "/Patient?_count=5", Map.of());
            assertThat(page.getEntryFirstRep().getFullUrl()).startsWith("https://ehr.example.com/api/fhir/Patient/");
            assertThat(page.getLink("next").getUrl()).startsWith("https://ehr.example.com/api/fhir?_getpages=");
            // The public link works when sent to the gateway itself (as the proxy would forward it).
            String next = page.getLink("next").getUrl().replace("https://ehr.example.com/api/fhir", server.fhirBase());
            Bundle second = bundleAt(next, Map.of());
            assertThat(second.getEntryFirstRep().getFullUrl()).startsWith("https://ehr.example.com/api/fhir/Patient/");
            assertThat(capabilities(server, Map.of()).getImplementation().getUrl())
                    .isEqualTo("https://ehr.example.com/api/fhir");
        }
    }

    @Test
    @DisplayName("forwarded headers are used only when trusted by configuration")
    void forwardedHeaders() throws Exception {
        Map<String, String> proxyHeaders = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "ehr.example.com",
                "X-Forwarded-Port", "443");
        try (GatewayTestServer trusting = GatewayTestServer.start(Map.of("fhirgateway.paging.secret", SECRET,
                "fhirgateway.trust-forwarded-headers", "true"))) {
            Bundle page = bundle(trusting, "/Patient?_count=5", proxyHeaders);
            assertThat(page.getEntryFirstRep().getFullUrl()).startsWith("https://ehr.example.com/fhir-gateway/fhir/Patient/");
            assertThat(page.getLink("next").getUrl()).startsWith("https://ehr.example.com/fhir-gateway/fhir?_getpages=");
            assertThat(capabilities(trusting, Map.of("Forwarded", "proto=https;host=fhir.example.org"))
                    .getImplementation().getUrl()).isEqualTo("https://fhir.example.org/fhir-gateway/fhir");
        }
        try (GatewayTestServer direct = GatewayTestServer.start(Map.of("fhirgateway.paging.secret", SECRET))) {
            Bundle page = bundle(direct, "/Patient?_count=5", proxyHeaders);
            assertThat(page.getEntryFirstRep().getFullUrl()).startsWith(direct.fhirBase() + "/Patient/");
        }
    }

    private static Bundle bundle(GatewayTestServer server, String path, Map<String, String> headers) throws Exception {
        return bundleAt(server.fhirBase() + path, headers);
    }

    private static Bundle bundleAt(String url, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = send(url, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, r.body());
    }

    private static CapabilityStatement capabilities(GatewayTestServer server, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = send(server.fhirBase() + "/metadata", headers);
        assertThat(r.statusCode()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(CapabilityStatement.class, r.body());
    }

    private static HttpResponse<String> send(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Practice-Pin",
                InMemoryPatientAdapterProvider.PRACTICE_A).header("Accept", "application/fhir+json");
        headers.forEach(b::header);
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
