package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;

/**
 * A test's OAuth client of the sample EHR's development authorization server, built on the Nimbus SDK as an app
 * would be: {@code client_credentials} with {@code client_secret_basic} or {@code private_key_jwt}.
 */
public final class TokenClient {

    private TokenClient() {
    }

    /** The raw token response to a client_secret_basic request; {@code scope} may be null. */
    public static HTTPResponse requestWithSecret(URI tokenEndpoint, String clientId, String secret, String scope)
            throws Exception {
        return send(tokenEndpoint, new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), scope);
    }

    /** The raw token response to a private_key_jwt request signed with {@code key} and {@code alg}. */
    public static HTTPResponse requestWithKey(URI tokenEndpoint, String clientId, RSAKey key, JWSAlgorithm alg,
            String scope) throws Exception {
        PrivateKeyJWT assertion = new PrivateKeyJWT(new ClientID(clientId), tokenEndpoint, alg, key.toPrivateKey(),
                key.getKeyID(), null);
        return send(tokenEndpoint, assertion, scope);
    }

    /** An access token of a demo client (id {@code demo-PIN}), all its scopes. */
    public static String demoToken(URI tokenEndpoint, String practicePin) throws Exception {
        return accessToken(requestWithSecret(tokenEndpoint, DemoClients.clientId(practicePin),
                DemoClients.secret(practicePin), null));
    }

    /** The access token of a successful response; fails with the error otherwise. */
    public static String accessToken(HTTPResponse response) throws Exception {
        TokenResponse parsed = TokenResponse.parse(response);
        if (!parsed.indicatesSuccess()) {
            throw new AssertionError("token request refused: " + parsed.toErrorResponse().getErrorObject());
        }
        return parsed.toSuccessResponse().getTokens().getAccessToken().getValue();
    }

    static HTTPResponse send(URI tokenEndpoint, ClientAuthentication authentication, String scope) throws Exception {
        return new TokenRequest(tokenEndpoint, authentication, new ClientCredentialsGrant(),
                scope == null ? null : Scope.parse(scope)).toHTTPRequest().send();
    }
}
