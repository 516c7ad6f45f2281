package dev.fhirgateway.sample.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registration desk over HTTP in real Jetty: a vendor registers on the EHR site's page, the registration is
 * pending (no token) until the practice's administrator approves it on the desk; a scope modification request
 * waits while the old scopes keep working; refresh tokens are granted later; every change is in the audit log;
 * an administrator acts on their own practice only, with the session's CSRF token only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Registration desk: pending registrations, approvals, modification requests, audit log")
class RegistrationDeskHttpTest {

    private SampleEhrServer ehr;
    private SmartLaunchClient app;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("registration-desk");
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(dir.resolve("data")).withWar(SmartAppLaunchHttpTest.emptyWar(dir.resolve("gateway.war")))
                .withPluginDir(Files.createDirectories(dir.resolve("plugins"))));
        app = new SmartLaunchClient(ehr.authorizationEndpoint(), ehr.tokenEndpoint(),
                ehr.gatewayBaseUri().toString().replaceAll("/$", ""));
    }

    @AfterAll
    void stop() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
    }

    @Test
    @DisplayName("register on the page -> pending, no token -> administrator approves -> the app works; scope change and refresh tokens later")
    void wholeReview() throws Exception {
        // The vendor registers a public patient app on the EHR site.
        Connection.Response registered = Jsoup.connect(ehr.ehrPageUri().resolve("register").toString())
                .ignoreHttpErrors(true).method(Connection.Method.POST)
                .data("practice", "1001", "use-case", "patient", "name", "Desk app", "scopes", "patient/Patient.rs",
                        "redirect-uris", SmartLaunchClient.REDIRECT.toString(), "public", "true")
                .execute().bufferUp();
        assertThat(registered.statusCode()).isEqualTo(201);
        String clientId = registered.parse().getElementById("client-id").text();
        assertThat(registered.parse().getElementById("status").text()).isEqualTo("pending");
        assertThat(registered.parse().getElementById("client-secret")).as("a public client has no secret").isNull();

        // Pending: no authorization, so no token.
        assertThat(authorizeError(clientId, "patient/Patient.rs")).isEqualTo("unauthorized_client");

        // Another practice's administrator neither sees nor decides it.
        Connection other = Jsoup.newSession().ignoreHttpErrors(true).followRedirects(true);
        Document otherDesk = login(other, "admin-2002");
        assertThat(otherDesk.select("tr[data-client=" + clientId + "]")).isEmpty();
        Connection.Response foreign = other.newRequest().url(desk()).method(Connection.Method.POST)
                .data("csrf", otherDesk.selectFirst("input[name=csrf]").val(), "action", "approve", "client", clientId)
                .execute();
        assertThat(foreign.statusCode()).isEqualTo(404);

        // The practice's administrator approves; without the session's CSRF token nothing happens.
        Connection admin = Jsoup.newSession().ignoreHttpErrors(true).followRedirects(true);
        Document page = login(admin, "admin-1001");
        assertThat(row(page, clientId).selectFirst(".status").text()).isEqualTo("pending");
        Connection.Response forged = admin.newRequest().url(desk()).method(Connection.Method.POST)
                .data("csrf", "forged", "action", "approve", "client", clientId).execute();
        assertThat(forged.statusCode()).isEqualTo(403);
        page = act(admin, page, clientId, "approve");
        assertThat(row(page, clientId).selectFirst(".status").text()).isEqualTo("approved");
        assertThat(patientToken(clientId, "patient/Patient.rs offline_access")).as("refresh tokens not yet allowed")
                .isEqualTo("patient/Patient.rs");

        // A scope modification request: pending, the granted scopes keep working, the asked ones are not granted.
        ehr.clients().requestModification(clientId, Scope.parse("patient/Patient.rs patient/Observation.rs"), false,
                "client-command");
        assertThat(patientToken(clientId, "patient/Patient.rs patient/Observation.rs"))
                .isEqualTo("patient/Patient.rs");
        page = Jsoup.parse(admin.newRequest().url(desk()).get().outerHtml());
        assertThat(row(page, clientId).selectFirst(".requested").text()).contains("patient/Observation.rs");
        page = act(admin, page, clientId, "approve-modification");
        assertThat(row(page, clientId).selectFirst(".scopes").text())
                .isEqualTo("patient/Patient.rs patient/Observation.rs");
        assertThat(patientToken(clientId, "patient/Patient.rs patient/Observation.rs"))
                .isEqualTo("patient/Patient.rs patient/Observation.rs");

        // Refresh tokens, granted later.
        page = act(admin, page, clientId, "grant-refresh");
        assertThat(row(page, clientId).selectFirst(".refresh").text()).isEqualTo("allowed");
        assertThat(patientToken(clientId, "patient/Patient.rs offline_access"))
                .isEqualTo("patient/Patient.rs offline_access");

        // Every change, who made it, newest first; ids and scopes only.
        List<String> actions = page.select("#audit tr").stream()
                .filter(tr -> tr.text().contains(clientId)).map(tr -> tr.selectFirst(".action").text()).toList();
        assertThat(actions).containsExactly("refresh-granted", "modification-approved", "modification-requested",
                "approved", "registered");
        assertThat(ehr.clients().auditLog("1001", 10)).filteredOn(e -> e.clientId().equals(clientId))
                .extracting(ClientRegistry.AuditEntry::actor)
                .containsExactly("admin-1001", "admin-1001", "client-command", "admin-1001", "ehr-registration-page");
    }

    @Test
    @DisplayName("a rejected registration never works; a rejected modification leaves the scopes as they were")
    void rejections() throws Exception {
        String rejected = ehr.clients().register(new ClientRegistry.AppRegistration("1001",
                RegisteredClient.UseCase.PATIENT, Scope.parse("patient/*.rs"), "to reject", null, false,
                List.of(SmartLaunchClient.REDIRECT), null, false, RegisteredClient.Status.PENDING)).client().clientId();
        Connection admin = Jsoup.newSession().ignoreHttpErrors(true).followRedirects(true);
        Document page = act(admin, login(admin, "admin-1001"), rejected, "reject");
        assertThat(row(page, rejected).selectFirst(".status").text()).isEqualTo("rejected");
        assertThat(authorizeError(rejected, "patient/*.rs")).isEqualTo("unauthorized_client");

        String kept = ehr.clients().register(new ClientRegistry.AppRegistration("1001",
                RegisteredClient.UseCase.PATIENT, Scope.parse("patient/Patient.rs"), "keeps scopes", null, false,
                List.of(SmartLaunchClient.REDIRECT), null, false, RegisteredClient.Status.APPROVED)).client().clientId();
        ehr.clients().requestModification(kept, Scope.parse("patient/*.rs"), true, "client-command");
        page = act(admin, Jsoup.parse(admin.newRequest().url(desk()).get().outerHtml()), kept, "reject-modification");
        assertThat(row(page, kept).selectFirst(".scopes").text()).isEqualTo("patient/Patient.rs");
        assertThat(row(page, kept).selectFirst(".requested").text()).isEmpty();
        assertThat(row(page, kept).selectFirst(".refresh").text()).isEqualTo("no");
    }

    @Test
    @DisplayName("the desk needs an administrator: a clinician or a wrong password cannot log in")
    void onlyAdministrators() throws Exception {
        Connection session = Jsoup.newSession().ignoreHttpErrors(true).followRedirects(true);
        for (String user : List.of("clinician-1001", "patient-1001")) {
            Document refused = session.newRequest().url(desk()).method(Connection.Method.POST).data("action", "login",
                    "username", user, "password", EhrUsers.demoPassword(user)).execute().parse();
            assertThat(refused.getElementById("error")).as(user).isNotNull();
            assertThat(refused.getElementById("registrations")).isNull();
        }
        Connection.Response anonymous = session.newRequest().url(desk()).method(Connection.Method.POST)
                .data("action", "approve", "client", "demo-1001").execute();
        assertThat(anonymous.statusCode()).isEqualTo(403);
    }

    private String desk() {
        return ehr.ehrPageUri().resolve("registrations").toString();
    }

    private Document login(Connection session, String admin) throws Exception {
        Document page = session.newRequest().url(desk()).method(Connection.Method.POST).data("action", "login",
                "username", admin, "password", EhrUsers.demoPassword(admin)).execute().parse();
        assertThat(page.getElementById("admin").text()).isEqualTo(admin);
        return page;
    }

    private Document act(Connection session, Document page, String clientId, String action) throws Exception {
        Element button = row(page, clientId).selectFirst("button[data-action=" + action + "]");
        assertThat(button).as(action + " offered").isNotNull();
        Element form = button.parent();
        return session.newRequest().url(desk()).method(Connection.Method.POST)
                .data("csrf", form.selectFirst("input[name=csrf]").val(), "action", action, "client", clientId)
                .execute().parse();
    }

    private static Element row(Document page, String clientId) {
        Element row = page.selectFirst("tr[data-client=" + clientId + "]");
        assertThat(row).as("row of " + clientId).isNotNull();
        return row;
    }

    private String authorizeError(String clientId, String scope) throws Exception {
        AuthorizationResponse r = SmartLaunchClient.redirectBack(SmartLaunchClient.get(app.request(clientId, scope,
                new CodeVerifier()).build().toURI()));
        return r.toErrorResponse().getErrorObject().getCode();
    }

    /** The scopes a standalone patient launch is granted now. */
    private String patientToken(String clientId, String scope) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationResponse back = SmartLaunchClient.redirectBack(SmartLaunchClient.login(SmartLaunchClient.get(
                app.request(clientId, scope, verifier).build().toURI()), "patient-1001",
                EhrUsers.demoPassword("patient-1001")));
        HTTPResponse tokens = app.redeem(clientId, back.toSuccessResponse().getAuthorizationCode(), verifier);
        assertThat(tokens.getStatusCode()).as(tokens.getBody()).isEqualTo(200);
        return (String) SmartLaunchClient.json(tokens).get("scope");
    }
}
