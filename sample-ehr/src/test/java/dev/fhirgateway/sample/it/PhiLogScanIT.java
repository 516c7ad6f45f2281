package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import dev.fhirgateway.sample.LogCapture;
import dev.fhirgateway.sample.NewPatient;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.DemoClients;
import dev.fhirgateway.sample.auth.TokenClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No PHI and no credentials in the logs: runs a representative request suite through the deployed WAR (token
 * requests good and bad, reads, searches by name, MRN and birth date, paging, POST _search, 404, 400, 401, 403,
 * refused writes with bodies) while capturing everything the EHR and the gateway log, then scans the capture for
 * every seed patient's family and given names, MRNs and birth dates (yyyy-MM-dd), and for every access token and
 * client secret used: 0 hits. The capture must hold the audit lines, so a scan of nothing cannot pass.
 */
@DisplayName("Logs of the EHR and the gateway carry no PHI, tokens or secrets")
class PhiLogScanIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("a request suite leaves no name, MRN, birth date, token or secret in the logs")
    void logsCarryNoPhi() throws Exception {
        List<NewPatient> seed = SeedData.practices().stream().flatMap(p -> p.patients().stream()).toList();
        NewPatient a = SeedData.practices().get(0).patients().get(5);
        NewPatient b = SeedData.practices().get(1).patients().get(3);
        Set<String> credentials = new LinkedHashSet<>();
        String log;
        try (LogCapture capture = LogCapture.start();
                SampleEhrServer ehr = SampleEhrServer.start(SampleEhrOptions.defaults()
                        .withDataDir(Files.createTempDirectory("phi-log-scan-it")).withHost("127.0.0.1").withPort(0)
                        .withWar(Path.of("target/fhir-gateway.war").toAbsolutePath())
                        .withPluginDir(Path.of("target/adapter-plugin").toAbsolutePath()))) {
            URI fhir = ehr.gatewayBaseUri();
            String tokenA = TokenClient.demoToken(ehr.tokenEndpoint(), "1001");
            String tokenB = TokenClient.demoToken(ehr.tokenEndpoint(), "2002");
            credentials.addAll(List.of(tokenA, tokenB, DemoClients.secret("1001"), DemoClients.secret("2002")));
            // Refused token requests: a wrong secret (which is someone's real secret), a scope not granted.
            String wrongSecret = DemoClients.secret("2002");
            assertThat(TokenClient.requestWithSecret(ehr.tokenEndpoint(), "demo-1001", wrongSecret, null)
                    .getStatusCode()).isEqualTo(401);
            assertThat(TokenClient.requestWithSecret(ehr.tokenEndpoint(), "demo-1001", DemoClients.secret("1001"),
                    "patient/*.rs").getStatusCode()).isEqualTo(400);
            // An app that may read Observations only: its Patient reads are 403.
            ClientRegistry.Registration obsOnly = ehr.clients().register("1001", Scope.parse("system/Observation.rs"),
                    "observations only", null);
            String obsToken = TokenClient.accessToken(TokenClient.requestWithSecret(ehr.tokenEndpoint(),
                    obsOnly.client().clientId(), obsOnly.secret(), null));
            credentials.addAll(List.of(obsOnly.secret(), obsToken));

            expect(200, get(fhir, "Patient?identifier=" + enc(a.mrn()), tokenA));
            expect(200, get(fhir, "Patient?family=" + enc(a.familyName()) + "&given=" + enc(a.givenName()), tokenA));
            expect(200, get(fhir, "Patient?name=" + enc(a.familyName()), tokenA));
            expect(200, get(fhir, "Patient?birthdate=" + a.birthDate() + "&name=" + enc(a.givenName()), tokenA));
            expect(200, get(fhir, "Patient?identifier=" + enc(b.mrn()), tokenB));
            HttpResponse<String> page = get(fhir, "Patient?_count=5&name=" + enc(a.familyName().substring(0, 2)), tokenA);
            expect(200, page);
            Matcher next = Pattern.compile("\"relation\":\\s*\"next\",\\s*\"url\":\\s*\"([^\"]+)\"").matcher(page.body());
            if (next.find()) {
                expect(200, HTTP.send(HttpRequest.newBuilder(URI.create(next.group(1)))
                        .header("Authorization", "Bearer " + tokenA).build(), HttpResponse.BodyHandlers.ofString()));
                expect(400, get(fhir, next.group(1).substring(fhir.toString().length()) + "x", tokenA));
            }
            Matcher id = Pattern.compile("\"fullUrl\":\\s*\"[^\"]*/Patient/([^\"/]+)\"")
                    .matcher(get(fhir, "Patient?identifier=" + enc(b.mrn()), tokenB).body());
            assertThat(id.find()).isTrue();
            expect(200, get(fhir, "Patient/" + id.group(1), tokenB));
            expect(404, get(fhir, "Patient/" + id.group(1), tokenA));
            expect(200, HTTP.send(HttpRequest.newBuilder(fhir.resolve("Patient/_search"))
                    .header("Authorization", "Bearer " + tokenA)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("identifier=" + enc(a.mrn()) + "&family="
                            + enc(a.familyName()))).build(), HttpResponse.BodyHandlers.ofString()));
            expect(400, get(fhir, "Patient?favourite-name=" + enc(a.familyName()), tokenA));
            expect(400, get(fhir, "Patient?birthdate=not-" + a.birthDate(), tokenA));
            expect(403, get(fhir, "Patient?identifier=" + enc(a.mrn()), obsToken));
            expect(401, get(fhir, "Patient?identifier=" + enc(a.mrn()), tokenA + "x"));
            expect(401, get(fhir, "Patient?identifier=" + enc(a.mrn()), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
            expect(405, HTTP.send(HttpRequest.newBuilder(fhir.resolve("Patient"))
                    .header("Authorization", "Bearer " + tokenA).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\""
                            + a.familyName() + "\"}],\"birthDate\":\"" + a.birthDate() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            log = capture.text();
        }

        assertThat(log).as("the capture holds the gateway's audit lines").containsPattern(
                "audit.*request=\\S+ practice=1001 client=demo-1001 .*interaction=search-type type=Patient status=200");
        assertThat(log).containsPattern("audit.*practice=2002 client=demo-2002 .*interaction=read type=Patient status=200");
        assertThat(log).containsPattern("audit.*practice=1001 .*status=404");
        assertThat(log).containsPattern("audit.*practice=1001 client=" + obsOnly(log) + ".*status=403");

        List<String> needles = new ArrayList<>();
        for (NewPatient p : seed) {
            needles.addAll(List.of(p.familyName(), p.givenName(), p.mrn(), p.birthDate().toString()));
        }
        assertThat(hits(log + " planted " + a.familyName(), needles)).as("the scanner finds a planted name")
                .contains(a.familyName());
        assertThat(hits(log, needles)).as("seed names, MRNs and birth dates in the log").isEmpty();
        assertThat(credentials).allSatisfy(c -> assertThat(log).as("a token or secret in the log").doesNotContain(c));
    }

    /** The client id of the observations-only app, as its audit line shows it. */
    private static String obsOnly(String log) {
        Matcher m = Pattern.compile("client=(app-[0-9a-f-]+) ").matcher(log);
        assertThat(m.find()).as("the registered app's requests are audited").isTrue();
        return m.group(1);
    }

    /** The needles found as whole words (not inside longer letters/digits runs, e.g. thread names or uuids). */
    private static Set<String> hits(String text, List<String> needles) {
        Set<String> found = new LinkedHashSet<>();
        for (String needle : needles) {
            if (needle != null && !needle.isBlank() && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(needle)
                    + "(?![\\p{L}\\p{N}])").matcher(text).find()) {
                found.add(needle);
            }
        }
        return found;
    }

    private static void expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s", response.request().method(), response.request().uri().getPath())
                .isEqualTo(status);
    }

    private static HttpResponse<String> get(URI fhir, String pathAndQuery, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fhir + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
