package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static dev.fhirgateway.gateway.http.SecuredGateway.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on practice isolation, with valid tokens of practice A trying to reach practice B's data (the
 * in-memory adapter: A has a1..a45, B has b1..b5 named "Beth Bravo" and "slow", b1 sharing MRN1001 with a1).
 * Every response A gets is collected and, after each test, checked for anything of B's: ids, names, MRNs.
 */
@DisplayName("Practice isolation under attack")
class PracticeIsolationAttackTest {

    /** What identifies practice B's data in a response: ids, names and MRN only B has. */
    private static final List<String> B_MARKERS = List.of("\"b1\"", "\"b2\"", "\"b5\"", "Patient/b", "Bravo", "Beth",
            "slow", "Slowpoke", "MRN9999");

    private static final ca.uhn.fhir.context.FhirContext FHIR = ca.uhn.fhir.context.FhirContext.forR4Cached();
    private static SecuredGateway gw;
    private static String tokenA;
    private static String tokenB;
    private final List<HttpResponse<String>> seenByA = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        gw = SecuredGateway.start();
        tokenA = gw.token(PRACTICE_A, "system/*.rs");
        tokenB = gw.token(PRACTICE_B, "system/*.rs");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    /**
     * Checks everything A received except the Bundle's own links: the {@code self} link repeats A's own query
     * (which names B's data in these attacks), which is not B's data.
     */
    @AfterEach
    void nothingOfBReachedA() {
        for (HttpResponse<String> r : seenByA) {
            String checked = r.body();
            if (r.statusCode() == 200 && r.body().contains("Bundle")) {
                Bundle bundle = parse(r, Bundle.class);
                bundle.getLink().removeIf(l -> l.getRelation().equals("self"));
                checked = FHIR.newJsonParser().encodeResourceToString(bundle);
            }
            assertThat(checked).as("response to %s", r.uri()).doesNotContain(B_MARKERS);
        }
    }

    private HttpResponse<String> asA(String path) throws Exception {
        HttpResponse<String> r = gw.get(path, tokenA);
        seenByA.add(r);
        return r;
    }

    private static String diagnostics(HttpResponse<String> r) {
        return parse(r, OperationOutcome.class).getIssueFirstRep().getDiagnostics();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/Patient/b1", "/Patient/b2?_format=xml", "/Patient/b3?_summary=true",
        "/Patient/b4?_elements=name", "/Patient/slow?_format=json"})
    @DisplayName("direct reads of B's ids, in every format, are 404 exactly like ids that do not exist")
    void directReads(String path) throws Exception {
        HttpResponse<String> r = asA(path);
        assertThat(r.statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = asA("/Patient/zz9");
        assertThat(diagnostics(r)).isEqualTo(diagnostics(unknown));
    }

    @Test
    @DisplayName("HEAD on B's ids is 404 like an unknown id, with no body")
    void head() throws Exception {
        HttpResponse<String> b = gw.head("/Patient/b1", tokenA);
        HttpResponse<String> unknown = gw.head("/Patient/zz9", tokenA);
        assertThat(b.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
        assertThat(b.body()).isEmpty();
        assertThat(gw.head("/Patient/a1", tokenA).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/Patient?identifier=MRN9999", "/Patient?identifier=urn:test:mrn%7CMRN9999",
        "/Patient?family=Bravo", "/Patient?name=beth", "/Patient?_id=b1", "/Patient?_id=b1,b2,slow",
        "/Patient?family=Bravo&_summary=count", "/Patient?_id=b1&_format=xml", "/Patient?name=beth&_elements=name",
        "/Patient?family=Slowpoke&_summary=true"})
    @DisplayName("searches by B's MRNs, names and ids find nothing")
    void searchesFindNothing(String path) throws Exception {
        HttpResponse<String> r = asA(path);
        assertThat(r.statusCode()).isEqualTo(200);
        if (!path.contains("_format=xml")) {
            Bundle bundle = parse(r, Bundle.class);
            assertThat(bundle.getEntry()).isEmpty();
        }
    }

    @Test
    @DisplayName("a shared MRN finds only the practice's own patient; _id lists mixing practices only A's")
    void sharedMrnAndMixedIds() throws Exception {
        assertThat(SecurityHttpTest.ids(asA("/Patient?identifier=MRN1001"))).containsExactly("a1");
        assertThat(SecurityHttpTest.ids(asA("/Patient?_id=a1,b1,a2,b2"))).containsExactlyInAnyOrder("a1", "a2");
        assertThat(SecurityHttpTest.ids(gw.get("/Patient?identifier=MRN1001", tokenB))).containsExactly("b1");
    }

    @Test
    @DisplayName("POST _search with B's identifiers finds nothing")
    void postSearch() throws Exception {
        HttpResponse<String> r = gw.postSearch("Patient", "identifier=MRN9999&_id=b1,slow", tokenA);
        seenByA.add(r);
        assertThat(SecurityHttpTest.ids(r)).isEmpty();
        HttpResponse<String> byName = gw.postSearch("Patient", "family=bravo", tokenA);
        seenByA.add(byName);
        assertThat(SecurityHttpTest.ids(byName)).isEmpty();
    }

    @Test
    @DisplayName("B's paging link is refused for A, an edited one for anyone, both 400 alike; links carry no PHI")
    void pagingLinks() throws Exception {
        String nextOfB = parse(gw.get("/Patient?family=Bravo&_count=2", tokenB), Bundle.class).getLink("next").getUrl();
        HttpResponse<String> replayed = gw.getUrl(nextOfB, tokenA);
        seenByA.add(replayed);
        assertThat(replayed.statusCode()).isEqualTo(400);

        String nextOfA = parse(asA("/Patient?family=smith&birthdate=ge1950-01-01&_count=1"), Bundle.class)
                .getLink("next").getUrl();
        // The search (names, dates) travels sealed: neither parameter names nor values are readable in the link.
        String decoded = URLDecoder.decode(nextOfA, StandardCharsets.UTF_8);
        assertThat(decoded).doesNotContain("smith", "Smith", "1950", "family", "birthdate", "MRN");
        int at = nextOfA.indexOf("_pageId=") + "_pageId=".length() + 10;
        char flipped = nextOfA.charAt(at) == 'A' ? 'B' : 'A';
        String edited = nextOfA.substring(0, at) + flipped + nextOfA.substring(at + 1);
        HttpResponse<String> tampered = gw.getUrl(edited, tokenA);
        seenByA.add(tampered);
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(diagnostics(tampered)).isEqualTo(diagnostics(replayed));
        // And A's own link still works for A, not for B, and not without a token.
        assertThat(gw.getUrl(nextOfA, tokenA).statusCode()).isEqualTo(200);
        assertThat(gw.getUrl(nextOfA, tokenB).statusCode()).isEqualTo(400);
        assertThat(gw.getUrl(nextOfA, null).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/Patient?_include=Patient:link", "/Patient?_revinclude=Patient:link",
        "/Patient?_id=a1&_include=*", "/Patient?_has:Observation:patient:code=1234"})
    @DisplayName("references across practices cannot be followed: _include, _revinclude and _has are refused")
    void crossPracticeReferences(String path) throws Exception {
        assertThat(asA(path).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a token claiming B's practice but not signed by the issuer is 401")
    void forgedPractice() throws Exception {
        String[] a = tokenA.split("\\.");
        String[] b = tokenB.split("\\.");
        HttpResponse<String> r = gw.get("/Patient/b1", a[0] + "." + b[1] + "." + a[2]);
        seenByA.add(r);
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
