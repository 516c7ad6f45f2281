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
 * The token endpoint of the {@link DevelopmentAuthorizationServer} ({@code POST /oauth/token}): hands the request
 * to Nimbus as an {@link HTTPRequest} and writes back its {@link HTTPResponse}. Bodies are never logged.
 */
public final class TokenEndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** A token request is a short form; anything longer is refused unread. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final transient DevelopmentAuthorizationServer server;

    public TokenEndpointServlet(DevelopmentAuthorizationServer server) {
        this.server = server;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, server.config().tokenEndpoint());
        if (req.getContentType() != null) {
            request.setHeader("Content-Type", req.getContentType());
        }
        if (req.getHeader("Authorization") != null) {
            request.setAuthorization(req.getHeader("Authorization"));
        }
        request.setBody(new String(body, StandardCharsets.UTF_8));
        write(server.token(request), resp);
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
