package dev.fhirgateway.gateway.http;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.fhirgateway.gateway.internal.security.TestAuthorizationServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The gateway in Jetty with the in-memory adapter, in its default mode (JWT access tokens), trusting a
 * {@link TestAuthorizationServer} on 127.0.0.1; and a plain JDK HTTP client to call it with tokens.
 */
final class SecuredGateway implements AutoCloseable {

    static final String AUDIENCE = "https://gateway.test/fhir-gateway/fhir";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final TestAuthorizationServer authServer;
    final GatewayTestServer gateway;

    private SecuredGateway(TestAuthorizationServer authServer, GatewayTestServer gateway) {
        this.authServer = authServer;
        this.gateway = gateway;
    }

    static SecuredGateway start() throws Exception {
        return start(Map.of());
    }

    /** @param more settings added to (or replacing) the defaults */
    static SecuredGateway start(Map<String, String> more) throws Exception {
        TestAuthorizationServer as = TestAuthorizationServer.start();
        Map<String, String> settings = new HashMap<>(as.gatewaySettings(AUDIENCE));
        settings.put("fhirgateway.paging.secret", "test-secret-test-secret-test-secret!");
        settings.put("fhirgateway.adapter-call-timeout", "PT2S");
        settings.putAll(more);
        return new SecuredGateway(as, GatewayTestServer.start(settings));
    }

    /**
     * As {@link #start(Map)}, but the web application deployed as the WAR deploys it (web.xml read), optionally
     * also listening on {@code ::1}.
     */
    static SecuredGateway startWebApp(Map<String, String> more, boolean ipv6Loopback) throws Exception {
        TestAuthorizationServer as = TestAuthorizationServer.start();
        Map<String, String> settings = new HashMap<>(as.gatewaySettings(AUDIENCE));
        settings.put("fhirgateway.paging.secret", "test-secret-test-secret-test-secret!");
        settings.put("fhirgateway.adapter-call-timeout", "PT2S");
        settings.putAll(more);
        return new SecuredGateway(as, GatewayTestServer.startWebApp(settings, ipv6Loopback));
    }

    /** A valid RS256 token for the practice with these space-separated scopes, claims adjusted by {@code more}. */
    String token(String practice, String scopes, UnaryOperator<JWTClaimsSet.Builder> more) throws Exception {
        return authServer.rs256(more.apply(TestAuthorizationServer.claims(AUDIENCE, practice, scopes)).build());
    }

    String token(String practice, String scopes) throws Exception {
        return token(practice, scopes, b -> b);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return getUrl(gateway.fhirBase() + path, token);
    }

    HttpResponse<String> getUrl(String url, String token) throws Exception {
        return send(withToken(HttpRequest.newBuilder(URI.create(url)), token)
                .header("Accept", "application/fhir+json").GET().build());
    }

    HttpResponse<String> head(String path, String token) throws Exception {
        return send(withToken(HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path)), token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> postSearch(String type, String form, String token) throws Exception {
        return send(withToken(HttpRequest.newBuilder(URI.create(gateway.fhirBase() + "/" + type + "/_search")), token)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        // _format=xml answers (errors included) come as XML
        return (r.body().stripLeading().startsWith("<") ? FHIR.newXmlParser() : FHIR.newJsonParser())
                .parseResource(type, r.body());
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        authServer.close();
    }
}
