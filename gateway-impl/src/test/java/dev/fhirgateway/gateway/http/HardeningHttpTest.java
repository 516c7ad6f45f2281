package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.fhirgateway.gateway.internal.security.TestAuthorizationServer;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpTester;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per hardening item of the security review (issue 12), over real HTTP against the web application
 * deployed as the WAR deploys it (web.xml read), in JWT mode with a real JWKS, also listening on {@code ::1}.
 * Requests are sent byte for byte ({@link RawHttp}): most of them are what a well-behaved client never sends.
 */
@DisplayName("Hardening over HTTP")
class HardeningHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String F = "/fhir-gateway/fhir";

    private static SecuredGateway gw;
    private static LogCapture log;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        log = LogCapture.start();
        gw = SecuredGateway.startWebApp(Map.of("fhirgateway.auth.jwks-min-refresh-interval", "PT30S",
                "fhirgateway.metrics.max-clients", "2"), ipv6Loopback());
        token = gw.token(PRACTICE_A, "system/*.rs");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (log != null) {
            log.close();
        }
    }

    private static boolean ipv6Loopback() {
        try {
            return Collections.list(NetworkInterface.getByInetAddress(InetAddress.getByName("::1")).getInetAddresses())
                    .stream().anyMatch(a -> a.getHostAddress().startsWith("0:0:0:0:0:0:0:1"));
        } catch (Exception e) {
            return false;
        }
    }

    private static HttpTester.Response send(String request) throws Exception {
        return RawHttp.exchange(gw.gateway.port(), request);
    }

    private static String auth() {
        return "Authorization: Bearer " + token;
    }

    private static OperationOutcome outcome(HttpTester.Response r) {
        assertThat(r.get("Content-Type")).contains("fhir+json");
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, r.getContent());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/metadata?_format=ttl", "/metadata?_format=rdf", "/metadata?_format=text/turtle",
        "/metadata?_format=application/x-turtle", "/Patient?_format=ttl", "/Zzyzx?_format=ttl"})
    @DisplayName("1. answers RDF/Turtle formats 406 with an OperationOutcome, token or not")
    void rdfFormats(String path) throws Exception {
        HttpTester.Response r = send(RawHttp.get(F + path));
        assertThat(r.getStatus()).isEqualTo(406);
        assertThat(outcome(r).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        HttpTester.Response accept = send(RawHttp.get(F + "/metadata", "Accept: text/turtle"));
        assertThat(accept.getStatus()).isEqualTo(406);
        assertThat(outcome(accept).getIssueFirstRep().getDiagnostics()).contains("JSON or XML");
        assertThat(log.text()).as("refusals before HAPI still get their audit line").contains("status=406");
    }

    @Test
    @DisplayName("1. answers malformed escapes and unreadable _search bodies 400/413/415, never 500")
    void badQueriesAndBodies() throws Exception {
        assertThat(send(RawHttp.get(F + "/Patient?name=%")).getStatus()).isEqualTo(400);
        HttpTester.Response escape = send(RawHttp.get(F + "/Patient?name=%zz", auth()));
        assertThat(escape.getStatus()).isEqualTo(400);
        assertThat(outcome(escape).getIssueFirstRep().getDiagnostics()).contains("percent-escape").doesNotContain("zz");

        String form = "application/x-www-form-urlencoded";
        assertThat(send(RawHttp.request("POST", F + "/Patient/_search", form, "name=%", auth())).getStatus())
                .isEqualTo(400);
        HttpTester.Response large = send(RawHttp.request("POST", F + "/Patient/_search", form,
                "name=" + "a".repeat(250_000), auth()));
        assertThat(large.getStatus()).isEqualTo(413);
        outcome(large);
        HttpTester.Response utf16 = send(RawHttp.request("POST", F + "/Patient/_search", form + "; charset=UTF-16",
                "name=a", auth()));
        assertThat(utf16.getStatus()).isEqualTo(415);
        outcome(utf16);
        assertThat(send(RawHttp.request("POST", F + "/Patient/_search", form + "; charset=x-unknown-zq", "name=a",
                auth())).getStatus()).isEqualTo(415);
        HttpTester.Response shortBody = send(RawHttp.request("POST", F + "/Patient/_search", form, "name=a",
                auth(), "Content-Length: 60"));
        assertThat(shortBody.getStatus()).isEqualTo(400);
        outcome(shortBody);
        HttpTester.Response chunked = send(RawHttp.request("POST", F + "/Patient/_search", form,
                "6\r\nname=a\r\nzz\r\n", auth(), "Transfer-Encoding: chunked"));
        assertThat(chunked.getStatus()).as("broken chunking").isEqualTo(400);
        outcome(chunked);
    }

    @Test
    @DisplayName("2. answers a flood of unknown key ids 401 invalid_token (refetches rate limited), without WARN lines")
    void unknownKeyIds() throws Exception {
        int before = log.text().split("\n").length;
        for (int i = 0; i < 6; i++) {
            JWTClaimsSet claims = TestAuthorizationServer.claims(SecuredGateway.AUDIENCE, PRACTICE_A, "system/*.rs")
                    .build();
            String forged = TestAuthorizationServer.signedByStranger(claims, "forged-kid-" + i);
            HttpTester.Response r = send(RawHttp.get(F + "/Patient/a1", "Authorization: Bearer " + forged));
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(r.get("WWW-Authenticate")).contains("invalid_token");
        }
        List<String> lines = List.of(log.text().split("\n"));
        assertThat(lines.subList(Math.min(before, lines.size()), lines.size()))
                .noneMatch(l -> l.contains(":WARN") || l.contains(":ERROR"));
    }

    @Test
    @DisplayName("3. and 4. echoes and logs none of a _getpages value, an _include value, a type name, a path or a malformed parameter name")
    void nothingEchoedOrLogged() throws Exception {
        String[][] cases = {
            {F + "?_getpages=%3Cscript%3Ezqgp1", "zqgp1", "400"},
            {F + "?_getpages=zqgp2&_pageId=zqgp2x", "zqgp2", "400"},
            {F + "/Patient?_include=Patient:zqinc", "zqinc", "400"},
            {F + "/Patient?_revinclude=Zq:zqrev", "zqrev", "400"},
            {F + "/Zqtype/1", "zqtype", "404"},
            {F + "/Patient/a1/zqpath/x", "zqpath", "400"},
            {F + "/Patient/zqMRN123456", "zqmrn123456", "404"},
            {F + "/Patient?zqnm%3Cb%3E=1", "zqnm", "400"},
            {F + "/Patient?name:zqmod%22=1", "zqmod", "400"},
        };
        for (String[] c : cases) {
            HttpTester.Response r = send(RawHttp.get(c[0], auth()));
            assertThat(r.getStatus()).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
            assertThat(r.getContent().toLowerCase()).as(c[0]).doesNotContain(c[1]);
            outcome(r);
        }
        String next = SecuredGateway.parse(gw.get("/Patient?_count=2", token), Bundle.class).getLink("next").getUrl();
        int at = next.indexOf("_pageId=") + "_pageId=".length() + 20;
        String tampered = next.substring(0, at) + (next.charAt(at) == 'A' ? 'B' : 'A') + next.substring(at + 1);
        HttpTester.Response r = send(RawHttp.get(URI.create(tampered).getRawPath() + "?"
                + URI.create(tampered).getRawQuery(), auth()));
        assertThat(r.getStatus()).as("a tampered page link").isEqualTo(400);
        String logged = log.text().toLowerCase();
        for (String[] c : cases) {
            assertThat(logged).doesNotContain(c[1]);
        }
    }

    @Test
    @DisplayName("5. refuses a practice claim with spaces (exact pattern) and two Authorization headers (400 invalid_request)")
    void tokenStrictness() throws Exception {
        String spaced = gw.token(" 2002", "system/*.rs");
        HttpTester.Response r = send(RawHttp.get(F + "/Patient/a1", "Authorization: Bearer " + spaced));
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.get("WWW-Authenticate")).contains("invalid_token");

        HttpTester.Response two = send(RawHttp.get(F + "/Patient/a1", auth(), "Authorization: Bearer other"));
        assertThat(two.getStatus()).isEqualTo(400);
        assertThat(two.get("WWW-Authenticate")).contains("invalid_request");
        assertThat(outcome(two).getIssueFirstRep().getDiagnostics()).contains("more than one Authorization");
    }

    @Test
    @DisplayName("6. tags at most fhirgateway.metrics.max-clients clients by name, the rest 'other', and counts it")
    void clientTagCapped() throws Exception {
        for (int i = 0; i < 5; i++) {
            String id = "capped-client-" + i;
            String t = gw.token(PRACTICE_A, "system/*.rs", b -> b.claim("client_id", id));
            assertThat(send(RawHttp.get(F + "/Patient/a1", "Authorization: Bearer " + t)).getStatus()).isEqualTo(200);
        }
        String scrape = send(RawHttp.get("/fhir-gateway/metrics")).getContent();
        long named = java.util.stream.IntStream.range(0, 5)
                .filter(i -> scrape.contains("client=\"capped-client-" + i + "\"")).count();
        assertThat(named).as("at most 2 clients by name (client-1 may be one of them)").isLessThanOrEqualTo(2);
        assertThat(scrape).contains("client=\"other\"").contains("fhirgateway_metrics_clients_capped_total");
    }

    @Test
    @DisplayName("7. serves /metrics to [::1] with the default allow-list (a real request over IPv6 loopback)")
    void metricsOverIpv6Loopback() throws Exception {
        Assumptions.assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback; CidrRangeTest covers the matching");
        HttpTester.Response r = RawHttp.exchange(InetAddress.getByName("::1"), gw.gateway.ipv6Port(),
                "GET /fhir-gateway/metrics HTTP/1.1\r\nHost: [::1]\r\nConnection: close\r\n\r\n");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContent()).contains("fhirgateway_requests");
    }

    @Test
    @DisplayName("8. answers unknown paths, unknown methods and errors inside the context with an OperationOutcome")
    void operationOutcomesInTheContext() throws Exception {
        for (String request : List.of(RawHttp.get("/fhir-gateway/nothing-here"), RawHttp.get("/fhir-gateway/"),
                RawHttp.get("/fhir-gateway/WEB-INF/web.xml"), RawHttp.request("FUZZ", "/fhir-gateway/health", null, null),
                RawHttp.request("FUZZ", F + "/Patient", null, null), RawHttp.request("BREW", "/fhir-gateway/x", null, null))) {
            HttpTester.Response r = send(request);
            assertThat(r.getStatus()).as(request).isIn(404, 405);
            assertThat(outcome(r).getIssue()).isNotEmpty();
        }
        HttpTester.Response trace = send(RawHttp.request("TRACE", F + "/Patient", null, null));
        // Jetty's default descriptor forbids TRACE (403) before the web application; where it reaches the gateway: 405.
        assertThat(trace.getStatus()).isIn(403, 405);
    }

    @Test
    @DisplayName("9. sends Cache-Control: no-store with PHI, and Date and Server once on 401 and 404")
    void headers() throws Exception {
        HttpTester.Response read = send(RawHttp.get(F + "/Patient/a1", auth()));
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.get("Cache-Control")).isEqualTo("no-store");
        assertThat(send(RawHttp.get(F + "/Patient?name=a", auth())).get("Cache-Control")).isEqualTo("no-store");
        for (HttpTester.Response r : List.of(send(RawHttp.get(F + "/Patient/a1")),
                send(RawHttp.get(F + "/Patient/nope", auth())))) {
            assertThat(r.getStatus()).isIn(401, 404);
            assertThat(r.getValuesList("Date")).hasSize(1);
            assertThat(r.getValuesList("Server")).hasSizeLessThanOrEqualTo(1);
            assertThat(r.get("Cache-Control")).isEqualTo("no-store");
        }
    }
}
