package dev.fhirgateway.sample.auth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JWKS endpoint of the {@link DevelopmentAuthorizationServer} ({@code GET /oauth/jwks}): the public keys the
 * gateway verifies access tokens with ({@code fhirgateway.auth.jwks-url}).
 */
public final class JwksEndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient DevelopmentAuthorizationServer server;

    public JwksEndpointServlet(DevelopmentAuthorizationServer server) {
        this.server = server;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/jwk-set+json");
        resp.setHeader("Cache-Control", "public, max-age=300");
        resp.getOutputStream().write(server.jwks().toString(true).getBytes(StandardCharsets.UTF_8));
    }
}
