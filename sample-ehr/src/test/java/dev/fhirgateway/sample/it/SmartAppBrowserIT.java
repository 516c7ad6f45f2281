package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.fhirgateway.sample.LogCapture;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.EhrUsers;
import dev.fhirgateway.sample.auth.RegisteredClient;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * SMART App Launch with a real client: SMART's JavaScript library {@code fhirclient} ({@link FhirClientJs}, from
 * npm) in headless Chromium (Debian packages {@code chromium}, {@code chromium-driver}; driven with WebDriver)
 * against the sample EHR and the built gateway WAR in real Jetty on 127.0.0.1. The test app
 * ({@code src/test/resources/smart-app}) is served by the EHR's {@code --app-dir} on the same origin.
 *
 * <ul>
 *   <li>standalone patient launch: the portal user logs in; the app reads the patient and their vital signs (US
 *       Core) through the gateway; another patient is 403/404; after the access token expired, fhirclient
 *       refreshes (the refresh token rotates) and reads again; once the refresh token is revoked (RFC 7009), a
 *       refresh fails;</li>
 *   <li>clinician EHR launch from the EHR's launcher page: the clinician logs in, the patient comes from the
 *       launch; a patient of another practice is 403/404;</li>
 *   <li>a pending registration gets no token: the app sees {@code unauthorized_client};</li>
 *   <li>the gateway's audit lines name {@code fhirUser} and patient ids, never names.</li>
 * </ul>
 * Skipped loudly without Chromium, chromedriver or npm on a developer machine; failing in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("SMART apps with fhirclient in headless Chromium against the sample EHR and the gateway")
class SmartAppBrowserIT {

    /** Short, so that the test sees an access token expire and fhirclient refresh it. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private LogCapture logs;
    private SampleEhrServer ehr;
    private Path appDir;
    private String chromium;
    private String chromedriver;
    private WebDriver browser;
    private String patientApp;
    private String clinicianApp;
    private String portalPatient;
    private String otherPracticePatient;
    private String clinicianPractitioner;

    @BeforeAll
    void start() throws Exception {
        chromium = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
        chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
        for (String binary : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(Path.of(binary))) {
                FhirClientJs.skipOrFail(binary + " is not installed (Debian packages chromium, chromium-driver;"
                        + " or set CHROMIUM_BIN / CHROMEDRIVER_BIN)");
            }
        }
        appDir = Files.createTempDirectory(Path.of("target"), "smart-app-").toAbsolutePath();
        for (String page : List.of("launch.html", "index.html")) {
            try (InputStream in = SmartAppBrowserIT.class.getResourceAsStream("/smart-app/" + page)) {
                Files.copy(in, appDir.resolve(page));
            }
        }
        FhirClientJs.installInto(appDir);

        logs = LogCapture.start();
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(Files.createTempDirectory("smart-browser-it"))
                .withWar(Path.of("target/fhir-gateway.war").toAbsolutePath())
                .withPluginDir(Path.of("target/adapter-plugin").toAbsolutePath())
                .withAppDir(appDir).withTokenLifetime(TOKEN_LIFETIME));
        URI apps = ehr.baseUri().resolve("apps/");
        URI redirect = apps.resolve("index.html");
        // Registered as a vendor would, pending, then approved as the practice's administrator does on the desk.
        patientApp = approved(new ClientRegistry.AppRegistration("1001", RegisteredClient.UseCase.PATIENT,
                Scope.parse("patient/*.rs openid fhirUser launch/patient offline_access"), "Browser patient app",
                null, false, List.of(redirect), null, true, RegisteredClient.Status.PENDING));
        clinicianApp = approved(new ClientRegistry.AppRegistration("1001", RegisteredClient.UseCase.PRACTITIONER,
                Scope.parse("user/*.rs patient/*.rs openid fhirUser launch"), "Browser clinician app", null, false,
                List.of(redirect), apps.resolve("launch.html?app=clinician"), false, RegisteredClient.Status.PENDING));
        String pendingApp = ehr.clients().register(new ClientRegistry.AppRegistration("1001",
                RegisteredClient.UseCase.PATIENT, Scope.parse("patient/*.rs"), "Pending app", null, false,
                List.of(redirect), null, false, RegisteredClient.Status.PENDING)).client().clientId();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("patient", Map.of("clientId", patientApp,
                "scope", "launch/patient openid fhirUser patient/*.rs offline_access"));
        config.put("clinician", Map.of("clientId", clinicianApp, "scope", "launch openid fhirUser patient/*.rs user/*.rs"));
        config.put("pending", Map.of("clientId", pendingApp, "scope", "launch/patient patient/*.rs"));
        Files.writeString(appDir.resolve("config.js"), "window.SMART_APPS = " + JSONObjectUtils.toJSONString(config)
                + ";\n", StandardCharsets.UTF_8);

        portalPatient = ehr.users().find("patient-1001").orElseThrow().patientId();
        otherPracticePatient = ehr.users().find("patient-2002").orElseThrow().patientId();
        clinicianPractitioner = ehr.users().find("clinician-1001").orElseThrow().practitionerId();
    }

    private String approved(ClientRegistry.AppRegistration registration) {
        String id = ehr.clients().register(registration, "browser-test").client().clientId();
        assertThat(ehr.clients().decide(id, RegisteredClient.Status.APPROVED, "admin-1001")).isTrue();
        return id;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("standalone patient launch: login, US Core reads, another patient refused, refresh after expiry, revoked refresh token fails")
    void standalonePatientLaunch() throws Exception {
        browser = newBrowser();
        browser.get(ehr.baseUri().resolve("apps/launch.html?app=patient&iss=" + gatewayBase()).toString());
        logIn("patient-1001");
        Map<String, Object> result = result();
        assertThat(result).as(result.toString()).containsEntry("state", "done")
                .containsEntry("patient", portalPatient)
                .containsEntry("patientResource", "Patient/" + portalPatient)
                .containsEntry("fhirUser", "Patient/" + portalPatient)
                .containsEntry("hasRefreshToken", true);
        assertThat(((Number) result.get("observations")).intValue()).as("the patient's vital signs").isPositive();
        assertThat((List<Object>) result.get("observationSubjects")).containsOnly("Patient/" + portalPatient);

        String samePracticeOther = ehr.users().patientsOf("1001", "", 5).stream().map(EhrUsers.PatientChoice::id)
                .filter(id -> !id.equals(portalPatient)).findFirst().orElseThrow();
        for (String other : List.of(samePracticeOther, otherPracticePatient)) {
            assertThat(request("Patient/" + other)).as("another patient: " + other).isIn("status:403", "status:404");
        }
        assertThat(request("Observation?patient=" + samePracticeOther + "&category=vital-signs"))
                .as("a search for another patient's data finds nothing of theirs")
                .isIn("ok:0", "status:403", "status:404");

        // The access token expires; fhirclient refreshes before its next request, and the refresh token rotates.
        String accessBefore = script("return window.smartClient.state.tokenResponse.access_token");
        String refreshBefore = script("return window.smartClient.state.tokenResponse.refresh_token");
        long expiresAt = ((Number) ((JavascriptExecutor) browser)
                .executeScript("return window.smartClient.state.expiresAt")).longValue();
        Duration untilExpired = Duration.between(Instant.now(), Instant.ofEpochSecond(expiresAt + 1));
        if (!untilExpired.isNegative()) {
            Thread.sleep(untilExpired.toMillis());
        }
        assertThat(request("Patient/" + portalPatient)).isEqualTo("ok:" + portalPatient);
        String refreshAfter = script("return window.smartClient.state.tokenResponse.refresh_token");
        assertThat(script("return window.smartClient.state.tokenResponse.access_token")).isNotEqualTo(accessBefore);
        assertThat(refreshAfter).as("rotated").isNotEqualTo(refreshBefore).isNotBlank();

        // Revoked (RFC 7009, as the app's logout would): the next refresh fails.
        assertThat(new TokenRevocationRequest(ehr.revocationEndpoint(), new ClientID(patientApp),
                new RefreshToken(refreshAfter)).toHTTPRequest().send().getStatusCode()).isEqualTo(200);
        String refreshed = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.smartClient.refresh().then(() => done('refreshed'))"
                        + ".catch(e => done('failed:' + (e.status || '') + ':' + e.message));");
        assertThat(refreshed).startsWith("failed:400").contains("invalid_grant");
    }

    @Test
    @Order(2)
    @DisplayName("clinician EHR launch from the EHR's page: login, the launch patient's US Core data, another practice refused")
    void clinicianEhrLaunch() throws Exception {
        browser = newBrowser();
        browser.get(ehr.ehrPageUri().resolve("launch?app=" + clinicianApp + "&patient=" + portalPatient).toString());
        logIn("clinician-1001");
        Map<String, Object> result = result();
        assertThat(result).as(result.toString()).containsEntry("state", "done")
                .containsEntry("patient", portalPatient)
                .containsEntry("fhirUser", "Practitioner/" + clinicianPractitioner)
                .containsEntry("hasRefreshToken", false);
        assertThat(((Number) result.get("observations")).intValue()).isPositive();
        assertThat(request("Patient/" + otherPracticePatient)).as("a user token is limited to its practice")
                .isIn("status:403", "status:404");
    }

    @Test
    @Order(3)
    @DisplayName("a pending registration cannot get a token: the app is told unauthorized_client, no login is offered")
    void pendingRegistration() throws Exception {
        browser = newBrowser();
        browser.get(ehr.baseUri().resolve("apps/launch.html?app=pending&iss=" + gatewayBase()).toString());
        Map<String, Object> result = result();
        assertThat(result).containsEntry("state", "error");
        assertThat((String) result.get("message")).contains("unauthorized_client");
    }

    @Test
    @Order(4)
    @DisplayName("the gateway's audit lines name fhirUser and patient ids, never the patient's name")
    void auditLines() throws Exception {
        String log = logs.text();
        assertThat(log).containsPattern("audit.*practice=1001 client=" + patientApp + " user=Patient/" + portalPatient
                + " patients=" + portalPatient + "\\b.*type=Patient status=200");
        assertThat(log).containsPattern("audit.*client=" + clinicianApp + " user=Practitioner/" + clinicianPractitioner
                + " patients=" + portalPatient + "\\b.*type=Observation status=200");
        String family = ehr.users().patientsOf("1001", "", 500).stream().filter(p -> p.id().equals(portalPatient))
                .findFirst().orElseThrow().displayName().split(",")[0];
        assertThat(log).doesNotContain(family);
    }

    private String gatewayBase() {
        return ehr.gatewayBaseUri().toString().replaceAll("/$", "");
    }

    private WebDriver newBrowser() throws Exception {
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-").toAbsolutePath();
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Fills in the authorization server's login page once fhirclient sent the browser there. */
    private void logIn(String username) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(ehr.authorizationEndpoint().toString());
        assertThat(browser.findElement(By.id("development-only")).getText()).contains("DEVELOPMENT");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(EhrUsers.demoPassword(username));
        browser.findElement(By.id("login")).click();
    }

    /** What the app page reported in #result, once it did. */
    private Map<String, Object> result() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(d -> {
            List<org.openqa.selenium.WebElement> found = d.findElements(By.id("result"));
            return !found.isEmpty() && !found.get(0).getText().isBlank();
        });
        return JSONObjectUtils.parse(browser.findElement(By.id("result")).getText());
    }

    /** A request through the app's fhirclient: {@code ok:ID} (or {@code ok:COUNT} for a search), or {@code status:N}. */
    private String request(String url) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.smartClient.request(arguments[0]).then(r => done('ok:' + (r.resourceType === 'Bundle'"
                        + " ? (r.entry || []).length : r.id)))"
                        + ".catch(e => done('status:' + (e.status || e.statusCode || e.message)));", url);
    }

    private String script(String js) {
        return (String) ((JavascriptExecutor) browser).executeScript(js);
    }
}
