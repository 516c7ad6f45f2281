package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint ({@code POST /oauth/token}) and the revocation endpoint ({@code POST /oauth/revoke}) of the
 * {@link DevelopmentAuthorizationServer}: hands the request to Nimbus as an {@link HTTPRequest} and writes back
 * its {@link HTTPResponse}. Bodies are never logged. Browser apps (public clients) call both from their own origin,
 * so both answer CORS requests from any origin, without cookies (SMART App Launch asks for it).
 */
public final class TokenEndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** A token request is a short form; anything longer is refused unread. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final transient DevelopmentAuthorizationServer server;
    private final boolean revocation;

    public TokenEndpointServlet(DevelopmentAuthorizationServer server) {
        this(server, false);
    }

    private TokenEndpointServlet(DevelopmentAuthorizationServer server, boolean revocation) {
        this.server = server;
        this.revocation = revocation;
    }

    /** The RFC 7009 revocation endpoint: the same request handling, answered by {@code revoke}. */
    public static TokenEndpointServlet revocation(DevelopmentAuthorizationServer server) {
        return new TokenEndpointServlet(server, true);
    }

    /** CORS preflight: a confidential browser app sends {@code Authorization}, which needs one. */
    @Override
    protected void doOptions(HttpServletRequest req, HttpServletResponse resp) {
        allowCrossOrigin(resp);
        resp.setHeader("Access-Control-Allow-Methods", "POST");
        resp.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        resp.setHeader("Access-Control-Max-Age", "600");
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static void allowCrossOrigin(HttpServletResponse resp) {
        resp.setHeader("Access-Control-Allow-Origin", "*");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        allowCrossOrigin(resp);
        if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, revocation
                ? server.config().revocationEndpoint() : server.config().tokenEndpoint());
        if (req.getContentType() != null) {
            request.setHeader("Content-Type", req.getContentType());
        }
        if (req.getHeader("Authorization") != null) {
            request.setAuthorization(req.getHeader("Authorization"));
        }
        request.setBody(new String(body, StandardCharsets.UTF_8));
        write(revocation ? server.revoke(request) : server.token(request), resp);
    }

    static void write(HTTPResponse response, HttpServletResponse resp) throws IOException {
        resp.setStatus(response.getStatusCode());
        for (Map.Entry<String, List<String>> header : response.getHeaderMap().entrySet()) {
            for (String value : header.getValue()) {
                resp.addHeader(header.getKey(), value);
            }
        }
        if (response.getBody() != null) {
            resp.getOutputStream().write(response.getBody().getBytes(StandardCharsets.UTF_8));
        }
    }
}
