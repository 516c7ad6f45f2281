package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryDocumentAdapterProvider.CCD;
import static dev.fhirgateway.gateway.http.InMemoryDocumentAdapterProvider.DISCHARGE_SUMMARY;
import static dev.fhirgateway.gateway.http.InMemoryDocumentAdapterProvider.LOINC;
import static dev.fhirgateway.gateway.http.InMemoryDocumentAdapterProvider.PROGRESS_NOTE;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * US Core's {@code DocumentReference/$docref} over real HTTP with RS256 access tokens, against
 * {@link InMemoryDocumentAdapterProvider} (a1's CCDs, notes and a discharge summary; another practice's documents).
 */
@DisplayName("$docref over HTTP")
class DocRefHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static SecuredGateway gw;
    private static String systemA;

    @BeforeAll
    static void start() throws Exception {
        gw = SecuredGateway.start(Map.of(InMemoryDocumentAdapterProvider.ENABLED_SETTING, "true"));
        systemA = gw.token(PRACTICE_A, "system/*.rs");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    @DisplayName("without start and end: the most recent current document of each type, most recent first")
    void currentDocuments() throws Exception {
        Bundle bundle = docref("patient=a1", systemA);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        // ccd-superseded is the newest CCD, but superseded: the current CCD is ccd-2024.
        assertThat(ids(bundle)).containsExactly("ccd-2024", "note-mar", "discharge-2023", "untyped-span");
        assertThat(bundle.getEntry()).allSatisfy(e -> {
            assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
            assertThat(e.getFullUrl()).startsWith(gw.gateway.fhirBase() + "/DocumentReference/");
        });
        assertThat(bundle.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(ids(docref("patient=Patient/a1", systemA))).as("Patient/[id] too")
                .containsExactly("ccd-2024", "note-mar", "discharge-2023", "untyped-span");
    }

    @Test
    @DisplayName("type selects documents of any of the given types")
    void types() throws Exception {
        assertThat(ids(docref("patient=a1&type=" + enc(LOINC + "|" + CCD), systemA))).containsExactly("ccd-2024");
        assertThat(ids(docref("patient=a1&type=" + enc(LOINC + "|" + PROGRESS_NOTE + "," + LOINC + "|" + DISCHARGE_SUMMARY),
                systemA))).containsExactly("note-mar", "discharge-2023");
        assertThat(ids(docref("patient=a1&type=" + PROGRESS_NOTE + "&type=" + DISCHARGE_SUMMARY, systemA)))
                .containsExactly("note-mar", "discharge-2023");
        assertThat(ids(docref("patient=a1&type=" + enc(LOINC + "|" + PROGRESS_NOTE) + "&start=2024-01-01", systemA)))
                .containsExactly("note-feb", "note-mar");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "start=2024-01-01&end=2024-03-31; ccd-2024 ccd-superseded note-feb note-mar untyped-span",
        "start=2024-03-01; ccd-2024 ccd-superseded note-mar untyped-span",
        "end=2023-12-31; ccd-2023 discharge-2023 untyped-span",
        "start=2024-02-01T08:30:00Z&end=2024-02-01T08:45:00Z; ccd-2024 ccd-superseded note-feb untyped-span",
        "start=2026-01-01; ''"})
    @DisplayName("start/end select the documents whose care period overlaps the range, as a search does")
    void dateRanges(String range, String expected) throws Exception {
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.split(" "));
        assertThat(ids(docref("patient=a1&" + range.replace(":", "%3A"), systemA))).containsExactlyElementsOf(want);
    }

    @Test
    @DisplayName("a date range answer pages like a search: next links bound to the practice, every match once")
    void paging() throws Exception {
        Bundle page = docref("patient=a1&start=2024-01-01&end=2024-03-31&_count=2", systemA);
        List<List<String>> pages = new ArrayList<>();
        while (true) {
            pages.add(ids(page));
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (next == null) {
                break;
            }
            // Only the sealed token: no patient, dates or types in the URL.
            assertThat(URI.create(next.getUrl()).getQuery().split("&")).extracting(p -> p.substring(0, p.indexOf('=')))
                    .containsOnly("_getpages", "_pageId", "_bundletype");
            assertThat(gw.getUrl(next.getUrl(), gw.token(PRACTICE_B, "system/*.rs")).statusCode()).isEqualTo(400);
            HttpResponse<String> r = gw.getUrl(next.getUrl(), systemA);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            page = SecuredGateway.parse(r, Bundle.class);
            assertThat(page.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        }
        assertThat(pages).containsExactly(List.of("ccd-2024", "ccd-superseded"), List.of("note-feb", "note-mar"),
                List.of("untyped-span"));
    }

    @Test
    @DisplayName("POST with a Parameters body gives the same answer as GET, and is not refused as a write")
    void post() throws Exception {
        Parameters in = new Parameters();
        in.addParameter().setName("patient").setValue(new IdType("a1"));
        in.addParameter().setName("start").setValue(new DateTimeType("2024-01-01T00:00:00Z"));
        in.addParameter().setName("end").setValue(new DateTimeType("2024-03-31T00:00:00Z"));
        in.addParameter().setName("type").setValue(new Coding(LOINC, PROGRESS_NOTE, null));
        in.addParameter().setName("type").setValue(new Coding(LOINC, CCD, null));
        in.addParameter().setName("on-demand").setValue(new BooleanType(false));

        HttpResponse<String> post = postDocref(FHIR.newJsonParser().encodeResourceToString(in), "application/fhir+json",
                systemA);
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(ids(SecuredGateway.parse(post, Bundle.class))).containsExactlyElementsOf(ids(docref("patient=a1"
                + "&start=2024-01-01T00%3A00%3A00Z&end=2024-03-31T00%3A00%3A00Z&type=" + enc(LOINC + "|" + PROGRESS_NOTE)
                + "," + enc(LOINC + "|" + CCD) + "&on-demand=false", systemA)))
                .containsExactly("ccd-2024", "ccd-superseded", "note-feb", "note-mar");

        Parameters current = new Parameters();
        current.addParameter().setName("patient").setValue(new IdType("a1"));
        HttpResponse<String> xml = postDocref(FHIR.newXmlParser().encodeResourceToString(current),
                "application/fhir+xml", systemA);
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(200);
        assertThat(ids(SecuredGateway.parse(xml, Bundle.class)))
                .containsExactly("ccd-2024", "note-mar", "discharge-2023", "untyped-span");

        HttpResponse<String> form = SecuredGateway.send(HttpRequest.newBuilder(URI.create(gw.gateway.fhirBase()
                        + "/DocumentReference/$docref")).header("Authorization", "Bearer " + systemA)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("patient=a1&type=" + enc(LOINC + "|" + CCD))).build());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(ids(SecuredGateway.parse(form, Bundle.class))).containsExactly("ccd-2024");
    }

    @Test
    @DisplayName("answers a missing patient with 400 and an OperationOutcome, for GET and POST")
    void patientRequired() throws Exception {
        HttpResponse<String> get = gw.get("/DocumentReference/$docref?type=" + CCD, systemA);
        HttpResponse<String> post = postDocref(FHIR.newJsonParser().encodeResourceToString(new Parameters()),
                "application/fhir+json", systemA);
        for (HttpResponse<String> r : List.of(get, post)) {
            assertThat(r.statusCode()).isEqualTo(400);
            OperationOutcome oo = SecuredGateway.parse(r, OperationOutcome.class);
            assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
            assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("'patient' is required");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "patient=a1&start=2024-13-45; start",
        "patient=a1&end=ge2024-01-01; end",
        "patient=a1&start=2024-03-01&end=2024-01-01; must not be after",
        "patient=a1&patient=a2; given once",
        "patient=a1&on-demand=maybe; on-demand",
        "patient=a1&shoe-size=9; shoe-size",
        "patient=a1&_revinclude=Provenance%3Atarget; _revinclude",
        "patient=Group/1; patient"})
    @DisplayName("answers invalid parameters with 400 naming the parameter, never echoing the value")
    void invalidParameters(String query, String named) throws Exception {
        HttpResponse<String> r = gw.get("/DocumentReference/$docref?" + query, systemA);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(SecuredGateway.parse(r, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains(named);
        assertThat(r.body()).doesNotContain("2024-13-45").doesNotContain("maybe").doesNotContain("Group/1");
    }

    @Test
    @DisplayName("lenient handling ignores unknown parameters")
    void lenient() throws Exception {
        HttpResponse<String> r = SecuredGateway.send(HttpRequest.newBuilder(URI.create(gw.gateway.fhirBase()
                        + "/DocumentReference/$docref?patient=a1&shoe-size=9&type=" + CCD))
                .header("Authorization", "Bearer " + systemA).header("Prefer", "handling=lenient").GET().build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ids(SecuredGateway.parse(r, Bundle.class))).containsExactly("ccd-2024");
    }

    @Test
    @DisplayName("on-demand=true gives an empty Bundle: the gateway generates no documents")
    void onDemand() throws Exception {
        Bundle onDemand = docref("patient=a1&on-demand=true", systemA);
        assertThat(onDemand.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(onDemand.getEntry()).isEmpty();
        assertThat(ids(docref("patient=a1&on-demand=false", systemA)))
                .containsExactly("ccd-2024", "note-mar", "discharge-2023", "untyped-span");
    }

    @Test
    @DisplayName("profile: the adapter's DocumentReference profile answers as without it; another profile gets nothing")
    void profiles() throws Exception {
        assertThat(ids(docref("patient=a1&profile=" + enc(InMemoryDocumentAdapterProvider.PROFILE + "|6.1.0"), systemA)))
                .containsExactly("ccd-2024", "note-mar", "discharge-2023", "untyped-span");
        assertThat(docref("patient=a1&profile=" + enc("http://example.org/StructureDefinition/other"), systemA)
                .getEntry()).isEmpty();
    }

    @Test
    @DisplayName("a patient-context token may name its own patient only (403 otherwise) and needs DocumentReference scope")
    void patientContext() throws Exception {
        String a1 = gw.token(PRACTICE_A, "patient/*.rs", b -> b.claim("patient", "a1"));
        assertThat(ids(docref("patient=a1&type=" + CCD, a1))).containsExactly("ccd-2024");

        HttpResponse<String> other = gw.get("/DocumentReference/$docref?patient=a2", a1);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(SecuredGateway.parse(other, OperationOutcome.class).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        Parameters a2 = new Parameters();
        a2.addParameter().setName("patient").setValue(new IdType("a2"));
        assertThat(postDocref(FHIR.newJsonParser().encodeResourceToString(a2), "application/fhir+json", a1).statusCode())
                .isEqualTo(403);

        String patientOnly = gw.token(PRACTICE_A, "patient/Patient.rs", b -> b.claim("patient", "a1"));
        assertThat(gw.get("/DocumentReference/$docref?patient=a1", patientOnly).statusCode()).isEqualTo(403);
        assertThat(gw.get("/DocumentReference/$docref?patient=a1", null).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("another practice's documents never appear, even for the same patient id")
    void practiceIsolation() throws Exception {
        String systemB = gw.token(PRACTICE_B, "system/*.rs");
        assertThat(ids(docref("patient=a1", systemB))).containsExactly("ccd-b");
        assertThat(ids(docref("patient=a1&start=2024-01-01", systemB))).containsExactly("ccd-b");
        assertThat(ids(docref("patient=a1&start=2024-01-01", systemA))).doesNotContain("ccd-b");
        assertThat(ids(docref("patient=nobody", systemA))).isEmpty();
    }

    @Test
    @DisplayName("the CapabilityStatement declares $docref on DocumentReference, with US Core's definition")
    void capabilityStatement() throws Exception {
        CapabilityStatement cs = SecuredGateway.parse(gw.get("/metadata", null), CapabilityStatement.class);
        CapabilityStatementRestResourceOperationComponent op = resource(cs, "DocumentReference").getOperation()
                .stream().filter(o -> o.getName().equals("docref")).findFirst().orElseThrow();
        assertThat(op.getDefinition()).isEqualTo("http://hl7.org/fhir/us/core/OperationDefinition/docref");
        assertThat(op.getDocumentation()).contains("does not generate documents").contains("care period")
                .contains("on-demand=true");
        assertThat(resource(cs, "Patient").getOperation()).extracting(o -> o.getName())
                .as("only bulk export on Patient").containsExactly("export");
    }

    /** The same adapter without the {@code period} parameter: start/end fall back to {@code date}. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("with an adapter that cannot search care periods")
    class WithoutPeriod {

        private SecuredGateway noPeriod;
        private String token;

        @BeforeAll
        void start() throws Exception {
            noPeriod = SecuredGateway.start(Map.of(InMemoryDocumentAdapterProvider.ENABLED_SETTING, "true",
                    InMemoryDocumentAdapterProvider.PERIOD_SETTING, "false"));
            token = noPeriod.token(PRACTICE_A, "system/*.rs");
        }

        @AfterAll
        void stop() throws Exception {
            noPeriod.close();
        }

        @Test
        @DisplayName("start/end select by the document's date, and the CapabilityStatement says so")
        void fallsBackToDate() throws Exception {
            HttpResponse<String> r = noPeriod.get("/DocumentReference/$docref?patient=a1&start=2024-01-01&end=2024-03-31",
                    token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ids(SecuredGateway.parse(r, Bundle.class))).containsExactly("note-feb", "note-mar");

            CapabilityStatement cs = SecuredGateway.parse(noPeriod.get("/metadata", null), CapabilityStatement.class);
            assertThat(resource(cs, "DocumentReference").getOperationFirstRep().getDocumentation())
                    .contains("DocumentReference.date");
        }
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement cs, String type) {
        return cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst()
                .orElseThrow();
    }

    private static Bundle docref(String query, String token) throws Exception {
        HttpResponse<String> r = gw.get("/DocumentReference/$docref?" + query, token);
        assertThat(r.statusCode()).as("status of %s: %s", query, r.body()).isEqualTo(200);
        return SecuredGateway.parse(r, Bundle.class);
    }

    private static HttpResponse<String> postDocref(String body, String contentType, String token) throws Exception {
        return SecuredGateway.send(HttpRequest.newBuilder(URI.create(gw.gateway.fhirBase() + "/DocumentReference/$docref"))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .header("Accept", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
