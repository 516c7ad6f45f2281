package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.util.Map;
import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.FormElement;

/**
 * A test's SMART app and its user, without a browser: the app's requests are built and its answers parsed with the
 * Nimbus SDK; the user's pages (login, patient picker) are read and submitted with jsoup, redirects not followed
 * so each step can be checked.
 *
 * @param authorizationEndpoint the server's {@code /oauth/authorize}
 * @param tokenEndpoint the server's {@code /oauth/token}
 * @param audience the FHIR base the app names as {@code aud}
 */
record SmartLaunchClient(URI authorizationEndpoint, URI tokenEndpoint, String audience) {

    static final URI REDIRECT = URI.create("http://127.0.0.1:9/app/callback");

    /** One authorization request of {@code clientId} with PKCE S256 and {@code extra} parameters. */
    AuthorizationRequest.Builder request(String clientId, String scope, CodeVerifier verifier) {
        AuthorizationRequest.Builder builder = new AuthorizationRequest.Builder(
                new ResponseType(ResponseType.Value.CODE), new ClientID(clientId))
                .endpointURI(authorizationEndpoint).redirectionURI(REDIRECT).scope(Scope.parse(scope))
                .state(new State()).customParameter("aud", audience);
        if (verifier != null) {
            builder.codeChallenge(verifier, CodeChallengeMethod.S256);
        }
        return builder;
    }

    /** GETs a URI, redirects not followed. */
    static Connection.Response get(URI uri) throws Exception {
        return Jsoup.connect(uri.toString()).followRedirects(false).ignoreHttpErrors(true).method(Connection.Method.GET)
                .execute().bufferUp();
    }

    /** Fills in the login form of a login page and submits it. */
    static Connection.Response login(Connection.Response loginPage, String username, String password)
            throws Exception {
        Document page = loginPage.parse();
        FormElement form = (FormElement) page.selectFirst("form");
        page.getElementById("username").val(username);
        page.getElementById("password").val(password);
        return form.submit().followRedirects(false).ignoreHttpErrors(true).execute().bufferUp();
    }

    /** Picks a patient on the picker page. */
    static Connection.Response pick(Connection.Response pickerPage, String patientId) throws Exception {
        Document page = pickerPage.parse();
        FormElement form = (FormElement) page.selectFirst("form");
        return form.submit().data("patient", patientId).followRedirects(false).ignoreHttpErrors(true).execute()
                .bufferUp();
    }

    /** The patient ids the picker offers. */
    static java.util.List<String> offeredPatients(Connection.Response pickerPage) throws Exception {
        return pickerPage.parse().select("button[data-patient]").eachAttr("data-patient");
    }

    /** The app's view of the redirect back to it. */
    static AuthorizationResponse redirectBack(Connection.Response response) throws Exception {
        if (response.statusCode() != 302) {
            throw new AssertionError("expected a redirect to the app, got " + response.statusCode() + ": "
                    + response.body());
        }
        return AuthorizationResponse.parse(URI.create(response.header("Location")));
    }

    /** Redeems a code as a public client. */
    HTTPResponse redeem(String clientId, AuthorizationCode code, CodeVerifier verifier) throws Exception {
        return new TokenRequest(tokenEndpoint, new ClientID(clientId), new AuthorizationCodeGrant(code, REDIRECT,
                verifier)).toHTTPRequest().send();
    }

    /** Redeems a code as a confidential client (client_secret_basic). */
    HTTPResponse redeem(String clientId, String secret, AuthorizationCode code, CodeVerifier verifier)
            throws Exception {
        return new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID(clientId), new Secret(secret)),
                new AuthorizationCodeGrant(code, REDIRECT, verifier)).toHTTPRequest().send();
    }

    /** The JSON object of a response body. */
    static Map<String, Object> json(HTTPResponse response) throws Exception {
        return response.getBodyAsJSONObject();
    }
}
