package dev.fhirgateway.sample.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jsoup.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SMART App Launch against the sample EHR's development authorization server in real Jetty on 127.0.0.1, over
 * HTTP: the authorization endpoint's pages as a user sees them, the token endpoint as an app calls it (Nimbus),
 * and every error either endpoint answers. The gateway is an empty stand-in here; the browser test drives the real
 * one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("SMART App Launch: authorization code + PKCE over HTTP")
class SmartAppLaunchHttpTest {

    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/"
            + "observation-category|laboratory";

    private Path dir;
    private SampleEhrServer ehr;
    private SmartLaunchClient app;
    private String patientApp;
    private String clinicianApp;
    private String clinicianSecret;
    private String pendingApp;
    private String pendingSystemApp;
    private String pendingSystemSecret;
    private String portalPatient;
    private String clinicianPractitioner;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("smart-launch");
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(dir.resolve("data")).withWar(emptyWar(dir.resolve("gateway.war")))
                .withPluginDir(Files.createDirectories(dir.resolve("plugins"))));
        app = new SmartLaunchClient(ehr.authorizationEndpoint(), ehr.tokenEndpoint(),
                ehr.gatewayBaseUri().toString().replaceAll("/$", ""));
        patientApp = register(RegisteredClient.UseCase.PATIENT, "patient/*.rs offline_access", false,
                RegisteredClient.Status.APPROVED).client().clientId();
        ClientRegistry.Registration clinician = register(RegisteredClient.UseCase.PRACTITIONER,
                "user/*.rs patient/*.read", true, RegisteredClient.Status.APPROVED);
        clinicianApp = clinician.client().clientId();
        clinicianSecret = clinician.secret();
        pendingApp = register(RegisteredClient.UseCase.PATIENT, "patient/*.rs", false,
                RegisteredClient.Status.PENDING).client().clientId();
        ClientRegistry.Registration pendingSystem = ehr.clients().register(new ClientRegistry.AppRegistration("1001",
                RegisteredClient.UseCase.SYSTEM, Scope.parse("system/*.rs"), "pending backend", null, true, List.of(),
                null, false, RegisteredClient.Status.PENDING));
        pendingSystemApp = pendingSystem.client().clientId();
        pendingSystemSecret = pendingSystem.secret();
        portalPatient = ehr.users().find("patient-1001").orElseThrow().patientId();
        clinicianPractitioner = ehr.users().find("clinician-1001").orElseThrow().practitionerId();
    }

    @AfterAll
    void stop() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
    }

    private ClientRegistry.Registration register(RegisteredClient.UseCase useCase, String scopes,
            boolean confidential, RegisteredClient.Status status) {
        return ehr.clients().register(new ClientRegistry.AppRegistration("1001", useCase, Scope.parse(scopes),
                useCase.code() + " app", null, confidential, List.of(SmartLaunchClient.REDIRECT), null, true, status));
    }

    @Test
    @DisplayName("standalone patient launch, public client: code, then tokens with the patient, fhirUser and a signed id_token")
    void standalonePatientLaunch() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        var request = app.request(patientApp, "openid fhirUser launch/patient patient/*.rs offline_access", verifier)
                .customParameter("nonce", "n-0S6_WzA2Mj").build();
        Connection.Response loginPage = SmartLaunchClient.get(request.toURI());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("DEVELOPMENT authorization server");
        assertThat(loginPage.parse().getElementById("scope").text())
                .isEqualTo("openid fhirUser launch/patient patient/*.rs offline_access");

        Connection.Response wrong = SmartLaunchClient.login(loginPage, "patient-1001", "nope");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.parse().getElementById("error").text()).contains("wrong password");

        AuthorizationResponse back = SmartLaunchClient.redirectBack(SmartLaunchClient.login(wrong, "patient-1001",
                EhrUsers.demoPassword("patient-1001")));
        assertThat(back.indicatesSuccess()).isTrue();
        assertThat(back.getState()).isEqualTo(request.getState());
        HTTPResponse tokens = app.redeem(patientApp, back.toSuccessResponse().getAuthorizationCode(), verifier);
        assertThat(tokens.getStatusCode()).as(tokens.getBody()).isEqualTo(200);
        assertThat(SmartLaunchClient.json(tokens)).containsEntry("patient", portalPatient)
                .containsEntry("token_type", "Bearer").containsEntry("scope",
                        "openid fhirUser launch/patient patient/*.rs offline_access");
        OIDCTokens oidc = OIDCTokenResponse.parse(tokens).toSuccessResponse().getOIDCTokens();
        assertThat(oidc.getRefreshToken()).as("offline_access granted: a refresh token").isNotNull();

        SignedJWT idToken = (SignedJWT) oidc.getIDToken();
        assertThat(verify(idToken)).isTrue();
        JWTClaimsSet id = idToken.getJWTClaimsSet();
        assertThat(id.getAudience()).containsExactly(patientApp);
        assertThat(id.getIssuer()).isEqualTo(ehr.baseUri().resolve("oauth").toString());
        assertThat(id.getStringClaim("fhirUser")).isEqualTo("Patient/" + portalPatient);
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");

        JWTClaimsSet access = SignedJWT.parse(oidc.getAccessToken().getValue()).getJWTClaimsSet();
        assertThat(access.getStringClaim("patient")).isEqualTo(portalPatient);
        assertThat(access.getStringClaim("fhirUser")).isEqualTo("Patient/" + portalPatient);
        assertThat(access.getStringClaim("practice")).isEqualTo("1001");
        assertThat(access.getStringClaim("client_id")).isEqualTo(patientApp);
        assertThat(access.getAudience()).containsExactly(app.audience());
    }

    @Test
    @DisplayName("OpenID Connect discovery at the issuer names the endpoints, S256, RS256 id_tokens and the JWKS")
    void openIdDiscovery() throws Exception {
        URI discovery = URI.create(ehr.baseUri().resolve("oauth") + "/.well-known/openid-configuration");
        HTTPResponse r = new com.nimbusds.oauth2.sdk.http.HTTPRequest(
                com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.GET, discovery).send();
        assertThat(r.getStatusCode()).isEqualTo(200);
        var metadata = com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata.parse(r.getBodyAsJSONObject());
        assertThat(metadata.getIssuer().getValue()).isEqualTo(ehr.baseUri().resolve("oauth").toString());
        assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(ehr.authorizationEndpoint());
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(ehr.tokenEndpoint());
        assertThat(metadata.getRevocationEndpointURI()).isEqualTo(ehr.revocationEndpoint());
        assertThat(metadata.getJWKSetURI()).isEqualTo(ehr.jwksUri());
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getIDTokenJWSAlgs()).extracting(Object::toString).containsExactly("RS256");
    }

    @Test
    @DisplayName("clinician login with the patient picker, confidential client: user tokens with the picked patient")
    void clinicianStandaloneWithPatientPicker() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        var request = app.request(clinicianApp, "openid fhirUser launch/patient user/*.rs patient/*.rs", verifier)
                .build();
        Connection.Response picker = SmartLaunchClient.login(SmartLaunchClient.get(request.toURI()),
                "clinician-1001", EhrUsers.demoPassword("clinician-1001"));
        assertThat(picker.statusCode()).isEqualTo(200);
        List<String> offered = SmartLaunchClient.offeredPatients(picker);
        assertThat(offered).hasSizeGreaterThan(1);
        assertThat(offered).allSatisfy(p -> assertThat(ehr.users().isPatientOf("1001", p)).isTrue());
        String chosen = offered.get(1);

        AuthorizationResponse back = SmartLaunchClient.redirectBack(SmartLaunchClient.pick(picker, chosen));
        HTTPResponse tokens = app.redeem(clinicianApp, clinicianSecret,
                back.toSuccessResponse().getAuthorizationCode(), verifier);
        assertThat(tokens.getStatusCode()).as(tokens.getBody()).isEqualTo(200);
        assertThat(SmartLaunchClient.json(tokens)).containsEntry("patient", chosen);
        OIDCTokens oidc = OIDCTokenResponse.parse(tokens).toSuccessResponse().getOIDCTokens();
        assertThat(oidc.getRefreshToken()).as("no offline_access asked: no refresh token").isNull();
        JWTClaimsSet access = SignedJWT.parse(oidc.getAccessToken().getValue()).getJWTClaimsSet();
        assertThat(access.getStringClaim("patient")).isEqualTo(chosen);
        assertThat(access.getStringClaim("fhirUser")).isEqualTo("Practitioner/" + clinicianPractitioner);
        assertThat(access.getStringClaim("scope")).as("patient/*.rs is covered by the registered patient/*.read")
                .isEqualTo("openid fhirUser launch/patient user/*.rs patient/*.rs");
        assertThat(oidc.getIDToken().getJWTClaimsSet().getStringClaim("fhirUser"))
                .isEqualTo("Practitioner/" + clinicianPractitioner);
    }

    @Test
    @DisplayName("a picked patient of another practice is refused")
    void pickerRefusesAnotherPracticesPatient() throws Exception {
        String otherPractice = ehr.users().find("patient-2002").orElseThrow().patientId();
        Connection.Response picker = SmartLaunchClient.login(SmartLaunchClient.get(app.request(clinicianApp,
                        "launch/patient patient/*.rs", new CodeVerifier()).build().toURI()),
                "clinician-1001", EhrUsers.demoPassword("clinician-1001"));
        Connection.Response refused = SmartLaunchClient.pick(picker, otherPractice);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.header("Location")).isNull();
    }

    @Test
    @DisplayName("scopes: v2 granular scopes are granted within a v1/v2 registration; other levels and types are dropped")
    void scopesV1V2AndGranular() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        HTTPResponse tokens = patientTokens(LAB + " user/*.rs patient/Observation.read system/*.rs", verifier);
        assertThat(SmartLaunchClient.json(tokens).get("scope")).isEqualTo(LAB + " patient/Observation.read");

        AuthorizationResponse none = SmartLaunchClient.redirectBack(SmartLaunchClient.get(
                app.request(patientApp, "user/*.rs system/*.rs", new CodeVerifier()).build().toURI()));
        assertThat(none.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");
    }

    @Test
    @DisplayName("a portal user cannot authorize a clinician app, nor a clinician of another practice")
    void wrongKindOfUser() throws Exception {
        Connection.Response page = SmartLaunchClient.get(app.request(clinicianApp, "user/*.rs", new CodeVerifier())
                .build().toURI());
        Connection.Response patient = SmartLaunchClient.login(page, "patient-1001",
                EhrUsers.demoPassword("patient-1001"));
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(patient.parse().getElementById("error").text()).contains("for clinicians");
        Connection.Response other = SmartLaunchClient.login(patient, "clinician-2002",
                EhrUsers.demoPassword("clinician-2002"));
        assertThat(other.parse().getElementById("error").text()).contains("another practice");
    }

    // ---- EHR launch ----

    @Test
    @DisplayName("EHR launch: the EHR page sends the app iss and launch; the clinician logs in; the token has the launch patient")
    void ehrLaunch() throws Exception {
        URI launchUri = URI.create("http://127.0.0.1:9/app/launch");
        String launchApp = ehr.clients().register(new ClientRegistry.AppRegistration("1001",
                RegisteredClient.UseCase.PRACTITIONER, Scope.parse("user/*.rs patient/*.rs"), "EHR app", null, false,
                List.of(SmartLaunchClient.REDIRECT), launchUri, false, RegisteredClient.Status.APPROVED)).client()
                .clientId();
        Connection.Response launcher = SmartLaunchClient.get(ehr.ehrPageUri().resolve("launch"));
        assertThat(launcher.statusCode()).isEqualTo(200);
        assertThat(launcher.parse().select("input[name=app]").eachAttr("value")).contains(launchApp);
        String patient = launcher.parse().select("input[value=" + launchApp + "] ~ label option").get(2).attr("value");

        Connection.Response toApp = SmartLaunchClient.get(URI.create(ehr.ehrPageUri().resolve("launch") + "?app="
                + launchApp + "&patient=" + patient));
        assertThat(toApp.statusCode()).isEqualTo(302);
        URI location = URI.create(toApp.header("Location"));
        assertThat(location.toString()).startsWith(launchUri + "?");
        java.util.Map<String, List<String>> params = com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(
                location.getRawQuery());
        assertThat(params.get("iss")).containsExactly(app.audience());
        String launch = params.get("launch").get(0);

        CodeVerifier verifier = new CodeVerifier();
        Connection.Response login = SmartLaunchClient.get(app.request(launchApp,
                "launch openid fhirUser patient/*.rs", verifier).customParameter("launch", launch).build().toURI());
        AuthorizationResponse back = SmartLaunchClient.redirectBack(SmartLaunchClient.login(login, "clinician-1001",
                EhrUsers.demoPassword("clinician-1001")));
        HTTPResponse tokens = app.redeem(launchApp, back.toSuccessResponse().getAuthorizationCode(), verifier);
        assertThat(tokens.getStatusCode()).as(tokens.getBody()).isEqualTo(200);
        assertThat(SmartLaunchClient.json(tokens)).containsEntry("patient", patient)
                .containsEntry("scope", "launch openid fhirUser patient/*.rs");
        assertThat(SignedJWT.parse(OIDCTokenResponse.parse(tokens).toSuccessResponse().getOIDCTokens()
                .getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("patient")).isEqualTo(patient);

        Connection.Response otherClinician = SmartLaunchClient.login(SmartLaunchClient.get(app.request(launchApp,
                        "launch patient/*.rs", new CodeVerifier()).customParameter("launch", launch).build().toURI()),
                "clinician-2002", EhrUsers.demoPassword("clinician-2002"));
        assertThat(otherClinician.parse().getElementById("error").text()).contains("another practice");

        String otherPatient = ehr.users().find("patient-2002").orElseThrow().patientId();
        Connection.Response foreign = SmartLaunchClient.get(URI.create(ehr.ehrPageUri().resolve("launch") + "?app="
                + launchApp + "&patient=" + otherPatient));
        assertThat(foreign.statusCode()).as("a patient of another practice cannot be launched").isEqualTo(400);
        AuthorizationResponse otherApp = SmartLaunchClient.redirectBack(SmartLaunchClient.get(app.request(
                clinicianApp, "launch patient/*.rs", new CodeVerifier()).customParameter("launch", launch).build()
                .toURI()));
        assertThat(otherApp.toErrorResponse().getErrorObject().getCode()).as("a launch is for one app")
                .isEqualTo("invalid_request");
    }

    // ---- refresh tokens and revocation ----

    @Test
    @DisplayName("refresh: each use rotates the refresh token and keeps the launch context; reusing an old one revokes the family")
    void refreshRotationAndReuseDetection() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        TokenResponse first = TokenResponse.parse(patientTokens("launch/patient patient/*.rs offline_access",
                verifier));
        RefreshToken r1 = first.toSuccessResponse().getTokens().getRefreshToken();

        HTTPResponse second = refresh(patientApp, r1, null);
        assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(200);
        assertThat(SmartLaunchClient.json(second)).containsEntry("patient", portalPatient)
                .containsEntry("scope", "launch/patient patient/*.rs offline_access");
        RefreshToken r2 = TokenResponse.parse(second).toSuccessResponse().getTokens().getRefreshToken();
        assertThat(r2).isNotNull().isNotEqualTo(r1);
        assertThat(SignedJWT.parse(TokenResponse.parse(second).toSuccessResponse().getTokens().getAccessToken()
                .getValue()).getJWTClaimsSet().getStringClaim("patient")).isEqualTo(portalPatient);

        HTTPResponse reuse = refresh(patientApp, r1, null);
        assertThat(reuse.getStatusCode()).isEqualTo(400);
        assertThat(error(reuse)).isEqualTo("invalid_grant");
        assertThat(error(refresh(patientApp, r2, null))).as("reuse of r1 revoked its successor r2 too")
                .isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("refresh: a public client may refresh without client_id; a confidential one must authenticate")
    void refreshWithoutClientId() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        RefreshToken publicToken = TokenResponse.parse(patientTokens("patient/*.rs offline_access", verifier))
                .toSuccessResponse().getTokens().getRefreshToken();
        HTTPResponse anonymous = new TokenRequest(ehr.tokenEndpoint(), (ClientID) null,
                new RefreshTokenGrant(publicToken), null).toHTTPRequest().send();
        assertThat(anonymous.getStatusCode()).as(anonymous.getBody()).isEqualTo(200);

        var code = SmartLaunchClient.redirectBack(SmartLaunchClient.pick(SmartLaunchClient.login(
                SmartLaunchClient.get(app.request(clinicianApp, "launch/patient patient/*.rs offline_access",
                        verifier).build().toURI()), "clinician-1001", EhrUsers.demoPassword("clinician-1001")),
                portalPatient)).toSuccessResponse().getAuthorizationCode();
        RefreshToken confidential = TokenResponse.parse(app.redeem(clinicianApp, clinicianSecret, code, verifier))
                .toSuccessResponse().getTokens().getRefreshToken();
        HTTPResponse unauthenticated = new TokenRequest(ehr.tokenEndpoint(), (ClientID) null,
                new RefreshTokenGrant(confidential), null).toHTTPRequest().send();
        assertThat(unauthenticated.getStatusCode()).isEqualTo(401);
        assertThat(error(unauthenticated)).isEqualTo("invalid_client");
    }

    @Test
    @DisplayName("refresh: may narrow the scopes, never widen them; another client's refresh token is invalid_grant")
    void refreshScopesAndClientBinding() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        RefreshToken r1 = TokenResponse.parse(patientTokens("patient/*.rs online_access", verifier))
                .toSuccessResponse().getTokens().getRefreshToken();
        assertThat(r1).as("online_access also gives a refresh token").isNotNull();
        HTTPResponse wider = refresh(patientApp, r1, "patient/*.rs user/*.rs online_access");
        assertThat(error(wider)).isEqualTo("invalid_scope");

        RefreshToken r2 = TokenResponse.parse(patientTokens("patient/*.rs online_access", verifier))
                .toSuccessResponse().getTokens().getRefreshToken();
        HTTPResponse narrower = refresh(patientApp, r2, "patient/Observation.rs");
        assertThat(narrower.getStatusCode()).as(narrower.getBody()).isEqualTo(200);
        assertThat(SmartLaunchClient.json(narrower)).containsEntry("scope", "patient/Observation.rs");

        RefreshToken r3 = TokenResponse.parse(patientTokens("patient/*.rs offline_access", verifier))
                .toSuccessResponse().getTokens().getRefreshToken();
        HTTPResponse stolen = new TokenRequest(ehr.tokenEndpoint(), new ClientSecretBasic(new ClientID(clinicianApp),
                new Secret(clinicianSecret)), new RefreshTokenGrant(r3)).toHTTPRequest().send();
        assertThat(error(stolen)).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("refresh: a registration without refresh tokens is not granted offline_access and gets none")
    void noRefreshTokensUnlessAllowed() throws Exception {
        String noRefresh = ehr.clients().register(new ClientRegistry.AppRegistration("1001",
                RegisteredClient.UseCase.PATIENT, Scope.parse("patient/*.rs"), "no refresh", null, false,
                List.of(SmartLaunchClient.REDIRECT), null, false, RegisteredClient.Status.APPROVED)).client().clientId();
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationResponse back = SmartLaunchClient.redirectBack(SmartLaunchClient.login(SmartLaunchClient.get(
                app.request(noRefresh, "patient/*.rs offline_access", verifier).build().toURI()), "patient-1001",
                EhrUsers.demoPassword("patient-1001")));
        HTTPResponse tokens = app.redeem(noRefresh, back.toSuccessResponse().getAuthorizationCode(), verifier);
        assertThat(SmartLaunchClient.json(tokens)).containsEntry("scope", "patient/*.rs")
                .doesNotContainKey("refresh_token");
    }

    @Test
    @DisplayName("revocation (RFC 7009): a revoked refresh token fails; unknown tokens and other clients' are 200 and change nothing")
    void revocation() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        RefreshToken refresh = TokenResponse.parse(patientTokens("patient/*.rs offline_access", verifier))
                .toSuccessResponse().getTokens().getRefreshToken();

        HTTPResponse byOther = new TokenRevocationRequest(ehr.revocationEndpoint(), new ClientSecretBasic(
                new ClientID(clinicianApp), new Secret(clinicianSecret)), refresh).toHTTPRequest().send();
        assertThat(byOther.getStatusCode()).isEqualTo(200);
        RefreshToken next = TokenResponse.parse(refresh(patientApp, refresh, null)).toSuccessResponse().getTokens()
                .getRefreshToken();
        assertThat(next).as("another client cannot revoke it").isNotNull();

        HTTPResponse revoked = new TokenRevocationRequest(ehr.revocationEndpoint(), new ClientID(patientApp), next)
                .toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        HTTPResponse after = refresh(patientApp, next, null);
        assertThat(after.getStatusCode()).isEqualTo(400);
        assertThat(error(after)).isEqualTo("invalid_grant");

        assertThat(new TokenRevocationRequest(ehr.revocationEndpoint(), new ClientID(patientApp),
                new RefreshToken("never-issued")).toHTTPRequest().send().getStatusCode()).isEqualTo(200);
        HTTPResponse unknownClient = new TokenRevocationRequest(ehr.revocationEndpoint(), new ClientID("app-unknown"),
                new RefreshToken("never-issued")).toHTTPRequest().send();
        assertThat(unknownClient.getStatusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("token and revocation endpoints answer CORS, so browser apps can call them")
    void cors() throws Exception {
        for (URI endpoint : List.of(ehr.tokenEndpoint(), ehr.revocationEndpoint())) {
            java.net.http.HttpResponse<String> preflight = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(endpoint).method("OPTIONS",
                                    java.net.http.HttpRequest.BodyPublishers.noBody())
                            .header("Origin", "http://127.0.0.1:9").header("Access-Control-Request-Method", "POST")
                            .header("Access-Control-Request-Headers", "authorization").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                    .containsIgnoringCase("authorization");
        }
        HTTPResponse refused = new TokenRequest(ehr.tokenEndpoint(), new ClientID(patientApp),
                new RefreshTokenGrant(new RefreshToken("x"))).toHTTPRequest().send();
        assertThat(refused.getHeaderValue("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    private HTTPResponse refresh(String clientId, RefreshToken token, String scope) throws Exception {
        return new TokenRequest(ehr.tokenEndpoint(), new ClientID(clientId), new RefreshTokenGrant(token),
                scope == null ? null : Scope.parse(scope)).toHTTPRequest().send();
    }

    // ---- authorization endpoint errors ----

    @Test
    @DisplayName("authorize: an unknown client is an error page, never a redirect")
    void unknownClient() throws Exception {
        Connection.Response r = SmartLaunchClient.get(app.request("app-unknown", "patient/*.rs", new CodeVerifier())
                .build().toURI());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.parse().getElementById("error").text()).contains("No app is registered");
    }

    @Test
    @DisplayName("authorize: a redirect URI that is not registered (or missing) is an error page, never a redirect")
    void badRedirectUri() throws Exception {
        for (URI redirect : List.of(URI.create("http://127.0.0.1:9/app/callback/evil"),
                URI.create("https://attacker.example/callback"))) {
            Connection.Response r = SmartLaunchClient.get(app.request(patientApp, "patient/*.rs", new CodeVerifier())
                    .redirectionURI(redirect).build().toURI());
            assertThat(r.statusCode()).as(redirect.toString()).isEqualTo(400);
            assertThat(r.header("Location")).isNull();
            assertThat(r.parse().getElementById("error").text()).contains("redirect_uri");
        }
        Connection.Response missing = SmartLaunchClient.get(app.request(patientApp, "patient/*.rs",
                new CodeVerifier()).redirectionURI(null).build().toURI());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.header("Location")).isNull();
    }

    @Test
    @DisplayName("authorize: no PKCE, or PKCE plain, is redirected back as invalid_request")
    void missingPkce() throws Exception {
        AuthorizationResponse none = SmartLaunchClient.redirectBack(SmartLaunchClient.get(
                app.request(patientApp, "patient/*.rs", null).build().toURI()));
        assertThat(none.indicatesSuccess()).isFalse();
        assertThat(none.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(none.toErrorResponse().getErrorObject().getDescription()).contains("PKCE");

        AuthorizationResponse plain = SmartLaunchClient.redirectBack(SmartLaunchClient.get(
                app.request(patientApp, "patient/*.rs", null).codeChallenge(new CodeVerifier(),
                        CodeChallengeMethod.PLAIN).build().toURI()));
        assertThat(plain.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(plain.toErrorResponse().getErrorObject().getDescription()).contains("S256");
    }

    @Test
    @DisplayName("authorize: a response type other than code, a missing or foreign aud, an unknown launch")
    void otherRequestErrors() throws Exception {
        AuthorizationResponse token = SmartLaunchClient.redirectBack(SmartLaunchClient.get(URI.create(
                app.request(patientApp, "patient/*.rs", new CodeVerifier()).build().toURI().toString()
                        .replace("response_type=code", "response_type=token"))));
        assertThat(token.toErrorResponse().getErrorObject().getCode()).isEqualTo("unsupported_response_type");

        AuthorizationResponse foreign = SmartLaunchClient.redirectBack(SmartLaunchClient.get(app.request(patientApp,
                "patient/*.rs", new CodeVerifier()).customParameter("aud", "https://elsewhere.example/fhir").build()
                .toURI()));
        assertThat(foreign.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(foreign.toErrorResponse().getErrorObject().getDescription()).contains("aud");

        AuthorizationResponse launch = SmartLaunchClient.redirectBack(SmartLaunchClient.get(app.request(clinicianApp,
                "launch patient/*.rs", new CodeVerifier()).customParameter("launch", "made-up").build().toURI()));
        assertThat(launch.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(launch.toErrorResponse().getErrorObject().getDescription()).contains("launch");
    }

    @Test
    @DisplayName("authorize: a pending registration is redirected back as unauthorized_client before any login")
    void pendingRegistrationAtAuthorize() throws Exception {
        AuthorizationResponse r = SmartLaunchClient.redirectBack(SmartLaunchClient.get(app.request(pendingApp,
                "patient/*.rs", new CodeVerifier()).build().toURI()));
        assertThat(r.toErrorResponse().getErrorObject().getCode()).isEqualTo("unauthorized_client");
        assertThat(r.toErrorResponse().getErrorObject().getDescription()).contains("not approved");
    }

    // ---- token endpoint errors ----

    @Test
    @DisplayName("token: a wrong or missing code_verifier is invalid_grant, and the code is used up")
    void wrongVerifier() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        var code = patientCode("patient/*.rs", verifier);
        HTTPResponse wrong = app.redeem(patientApp, code, new CodeVerifier());
        assertThat(wrong.getStatusCode()).isEqualTo(400);
        assertThat(error(wrong)).isEqualTo("invalid_grant");
        assertThat(error(app.redeem(patientApp, code, verifier))).as("a code is tried once").isEqualTo("invalid_grant");

        HTTPResponse missing = app.redeem(patientApp, patientCode("patient/*.rs", verifier), null);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(error(missing)).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("token: a replayed code is invalid_grant and revokes the refresh token its first use issued")
    void replayedCode() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        var code = patientCode("patient/*.rs offline_access", verifier);
        HTTPResponse first = app.redeem(patientApp, code, verifier);
        assertThat(first.getStatusCode()).isEqualTo(200);
        var refresh = TokenResponse.parse(first).toSuccessResponse().getTokens().getRefreshToken();
        HTTPResponse replay = app.redeem(patientApp, code, verifier);
        assertThat(replay.getStatusCode()).isEqualTo(400);
        assertThat(error(replay)).isEqualTo("invalid_grant");
        HTTPResponse refreshed = new TokenRequest(ehr.tokenEndpoint(), new ClientID(patientApp),
                new RefreshTokenGrant(refresh)).toHTTPRequest().send();
        assertThat(error(refreshed)).as("the replay revoked the first redemption's refresh token")
                .isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("token: the code of another client, or another redirect_uri, is invalid_grant")
    void codeBoundToClientAndRedirect() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        var code = patientCode("patient/*.rs", verifier);
        HTTPResponse other = app.redeem(clinicianApp, clinicianSecret, code, verifier);
        assertThat(error(other)).isEqualTo("invalid_grant");

        var code2 = patientCode("patient/*.rs", verifier);
        HTTPResponse redirect = new TokenRequest(ehr.tokenEndpoint(), new ClientID(patientApp),
                new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code2, URI.create("http://127.0.0.1:9/other"),
                        verifier)).toHTTPRequest().send();
        assertThat(error(redirect)).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("token: an unknown client is 401 invalid_client; a confidential client must authenticate")
    void unknownClientAtTokenEndpoint() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        HTTPResponse unknown = app.redeem("app-unknown", patientCode("patient/*.rs", verifier), verifier);
        assertThat(unknown.getStatusCode()).isEqualTo(401);
        assertThat(error(unknown)).isEqualTo("invalid_client");
        HTTPResponse unauthenticated = app.redeem(clinicianApp, patientCode("patient/*.rs", verifier), verifier);
        assertThat(unauthenticated.getStatusCode()).isEqualTo(401);
        assertThat(error(unauthenticated)).isEqualTo("invalid_client");
        HTTPResponse wrongSecret = app.redeem(clinicianApp, "wrong", patientCode("patient/*.rs", verifier),
                verifier);
        assertThat(wrongSecret.getStatusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("token: a pending registration gets no token (unauthorized_client), even with the right secret")
    void pendingRegistrationAtTokenEndpoint() throws Exception {
        HTTPResponse r = new TokenRequest(ehr.tokenEndpoint(), new ClientSecretBasic(new ClientID(pendingSystemApp),
                new Secret(pendingSystemSecret)), new ClientCredentialsGrant(), null).toHTTPRequest().send();
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("unauthorized_client");
    }

    @Test
    @DisplayName("token: a user-facing app cannot use client_credentials")
    void clientCredentialsOnlyForSystemApps() throws Exception {
        HTTPResponse r = new TokenRequest(ehr.tokenEndpoint(), new ClientSecretBasic(new ClientID(clinicianApp),
                new Secret(clinicianSecret)), new ClientCredentialsGrant(), null).toHTTPRequest().send();
        assertThat(error(r)).isEqualTo("unauthorized_client");
    }

    private com.nimbusds.oauth2.sdk.AuthorizationCode patientCode(String scope, CodeVerifier verifier)
            throws Exception {
        AuthorizationResponse back = SmartLaunchClient.redirectBack(SmartLaunchClient.login(SmartLaunchClient.get(
                app.request(patientApp, scope, verifier).build().toURI()), "patient-1001",
                EhrUsers.demoPassword("patient-1001")));
        return back.toSuccessResponse().getAuthorizationCode();
    }

    private HTTPResponse patientTokens(String scope, CodeVerifier verifier) throws Exception {
        HTTPResponse tokens = app.redeem(patientApp, patientCode(scope, verifier), verifier);
        assertThat(tokens.getStatusCode()).as(tokens.getBody()).isEqualTo(200);
        return tokens;
    }

    private boolean verify(SignedJWT jwt) throws Exception {
        HTTPResponse jwks = new com.nimbusds.oauth2.sdk.http.HTTPRequest(
                com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.GET, ehr.jwksUri()).send();
        RSAKey key = (RSAKey) com.nimbusds.jose.jwk.JWKSet.parse(jwks.getBody())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier(key));
    }

    static String error(HTTPResponse response) throws Exception {
        return TokenErrorResponse.parse(response).getErrorObject().getCode();
    }

    static Path emptyWar(Path war) throws IOException {
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\""
                    + " metadata-complete=\"true\"/>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return war;
    }
}
