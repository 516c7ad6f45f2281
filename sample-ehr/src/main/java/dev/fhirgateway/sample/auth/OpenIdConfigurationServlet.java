package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.jose.JWSAlgorithm;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * OpenID Connect discovery of the {@link DevelopmentAuthorizationServer}
 * ({@code GET /oauth/.well-known/openid-configuration}): SMART's {@code sso-openid-connect} has apps verify the
 * id_token against its issuer's metadata and keys. Built with Nimbus' {@link OIDCProviderMetadata}.
 */
public final class OpenIdConfigurationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final byte[] document;

    OpenIdConfigurationServlet(DevelopmentAuthorizationServer.Config config, URI jwksUri) {
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(config.issuer()),
                List.of(SubjectType.PUBLIC), jwksUri);
        metadata.setAuthorizationEndpointURI(config.authorizationEndpoint());
        metadata.setTokenEndpointURI(config.tokenEndpoint());
        metadata.setRevocationEndpointURI(config.revocationEndpoint());
        metadata.setResponseTypes(List.of(new ResponseType(ResponseType.Value.CODE)));
        metadata.setGrantTypes(DevelopmentAuthorizationServer.GRANT_TYPES.stream().map(GrantType::new).toList());
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setTokenEndpointAuthMethods(DevelopmentAuthorizationServer.CLIENT_AUTH_METHODS.stream()
                .map(ClientAuthenticationMethod::parse).toList());
        metadata.setTokenEndpointJWSAlgs(List.copyOf(ClientAuthenticator.ASSERTION_ALGORITHMS));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256));
        metadata.setScopes(new Scope(DevelopmentAuthorizationServer.SCOPES.toArray(String[]::new)));
        metadata.setClaims(List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "fhirUser"));
        this.document = metadata.toJSONObject().toJSONString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "public, max-age=300");
        // Read by browser apps from their own origin.
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.getOutputStream().write(document);
    }
}
