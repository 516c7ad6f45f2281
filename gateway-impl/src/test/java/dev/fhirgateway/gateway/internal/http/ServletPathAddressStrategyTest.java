package dev.fhirgateway.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The FHIR base URL of a request")
class ServletPathAddressStrategyTest {

    private static final ServletPathAddressStrategy DIRECT = new ServletPathAddressStrategy(false);
    private static final ServletPathAddressStrategy BEHIND_PROXY = new ServletPathAddressStrategy(true);

    @Test
    @DisplayName("is built from context and servlet path, so '/fhir' inside '/fhir-gateway' is not mistaken for the servlet")
    void contextAndServletPath() {
        HttpServletRequest r = request("http://127.0.0.1:8080/fhir-gateway/fhir", Map.of());
        assertThat(DIRECT.determineServerBase(null, r)).isEqualTo("http://127.0.0.1:8080/fhir-gateway/fhir");
    }

    @Test
    @DisplayName("ignores forwarded headers unless they are trusted by configuration")
    void untrustedForwardedHeaders() {
        HttpServletRequest r = request("http://10.0.0.5:8080/fhir-gateway/fhir/Patient",
                Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"));
        assertThat(DIRECT.determineServerBase(null, r)).isEqualTo("http://10.0.0.5:8080/fhir-gateway/fhir");
    }

    @Test
    @DisplayName("uses X-Forwarded-Proto, -Host, -Port and -Prefix when trusted")
    void xForwarded() {
        HttpServletRequest r = request("http://10.0.0.5:8080/fhir-gateway/fhir/Patient", Map.of(
                "X-Forwarded-Host", "ehr.example.com", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443",
                "X-Forwarded-Prefix", "/api/"));
        assertThat(BEHIND_PROXY.determineServerBase(null, r)).isEqualTo("https://ehr.example.com/api/fhir-gateway/fhir");

        HttpServletRequest withPort = request("http://10.0.0.5:8080/fhir-gateway/fhir", Map.of(
                "X-Forwarded-Host", "ehr.example.com", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "8443"));
        assertThat(BEHIND_PROXY.determineServerBase(null, withPort)).isEqualTo("https://ehr.example.com:8443/fhir-gateway/fhir");
    }

    @Test
    @DisplayName("uses the first hop of an RFC 7239 Forwarded header when trusted")
    void rfc7239() {
        HttpServletRequest r = request("http://10.0.0.5:8080/fhir-gateway/fhir", Map.of(
                "Forwarded", "for=192.0.2.60;proto=https;host=\"ehr.example.com:9443\", for=10.0.0.1;host=inner"));
        assertThat(BEHIND_PROXY.determineServerBase(null, r)).isEqualTo("https://ehr.example.com:9443/fhir-gateway/fhir");
    }

    @Test
    @DisplayName("falls back to the request when trusted headers are absent or malformed")
    void malformed() {
        assertThat(BEHIND_PROXY.determineServerBase(null, request("http://h:1/c/fhir", Map.of())))
                .isEqualTo("http://h:1/c/fhir");
        HttpServletRequest bad = request("http://h:1/c/fhir", Map.of("X-Forwarded-Host", "a b/<script>",
                "X-Forwarded-Proto", "javascript", "X-Forwarded-Prefix", "/../x y"));
        assertThat(BEHIND_PROXY.determineServerBase(null, bad)).isEqualTo("http://h:1/c/fhir");
    }

    /** A request for {@code url} whose context path is /fhir-gateway or /c and servlet path /fhir. */
    private static HttpServletRequest request(String url, Map<String, String> headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        java.net.URI u = java.net.URI.create(url);
        String context = u.getPath().startsWith("/fhir-gateway") ? "/fhir-gateway" : "/c";
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURL" -> new StringBuffer(url);
                    case "getContextPath" -> context;
                    case "getServletPath" -> "/fhir";
                    case "getHeader" -> h.get((String) args[0]);
                    case "getScheme" -> u.getScheme();
                    case "getServerName" -> u.getHost();
                    case "getServerPort" -> u.getPort();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
