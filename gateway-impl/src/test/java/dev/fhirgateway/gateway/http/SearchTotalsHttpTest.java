package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code _lastUpdated}, {@code Bundle.total} and {@code _summary=count} over HTTP: the in-memory Patient adapter
 * declares {@code _lastUpdated} and counts (patient a{n} of practice A was updated n hours after 2026-01-01T00:00Z),
 * the in-memory clinical adapter does neither.
 */
@DisplayName("_lastUpdated, Bundle.total and _summary=count over HTTP")
class SearchTotalsHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static GatewayTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = GatewayTestServer.start(Map.of(
                "fhirgateway.auth.mode", "development-header",
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.paging.default-count", "20",
                InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("_lastUpdated with each prefix, and a range of two values, selects by meta.lastUpdated")
    void lastUpdatedPrefixes() throws Exception {
        assertThat(ids("/Patient?_lastUpdated=2026-01-01T05:00:00Z", PRACTICE_A)).containsExactly("a5");
        assertThat(ids("/Patient?_lastUpdated=eq2026-01-01T05:00:00Z", PRACTICE_A)).containsExactly("a5");
        assertThat(ids("/Patient?_lastUpdated=gt2026-01-02T18:00:00Z&_count=50", PRACTICE_A))
                .containsExactly("a43", "a44", "a45");
        assertThat(ids("/Patient?_lastUpdated=ge2026-01-02T18:00:00Z&_count=50", PRACTICE_A))
                .containsExactly("a42", "a43", "a44", "a45");
        assertThat(ids("/Patient?_lastUpdated=lt2026-01-01T03:00:00Z", PRACTICE_A)).containsExactly("a1", "a2");
        assertThat(ids("/Patient?_lastUpdated=le2026-01-01T03:00:00Z", PRACTICE_A)).containsExactly("a1", "a2", "a3");
        assertThat(ids("/Patient?_lastUpdated=gt2026-01-01T10:00:00Z&_lastUpdated=le2026-01-01T13:00:00Z",
                PRACTICE_A)).containsExactly("a11", "a12", "a13");
        // A day: every patient updated on 2026-01-01 (a1..a23; a24 is at midnight of the 2nd).
        Bundle day = search("/Patient?_lastUpdated=2026-01-01&_count=50", PRACTICE_A);
        assertThat(day.getTotal()).isEqualTo(23);
        assertThat(day.getEntry()).hasSize(23);
        // Practice B's patients share one instant; none of practice A's leaks into its answer.
        assertThat(ids("/Patient?_lastUpdated=ge2026-01-01", PRACTICE_B)).hasSize(6).allMatch(id -> !id.startsWith("a"));
    }

    @Test
    @DisplayName("a malformed _lastUpdated is 400 with an OperationOutcome that does not repeat the value")
    void malformedLastUpdated() throws Exception {
        HttpResponse<String> r = get("/Patient?_lastUpdated=gtSECRET-VALUE", PRACTICE_A);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("_lastUpdated").doesNotContain("SECRET-VALUE");
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body()).getIssueFirstRep().getCode()
                .toCode()).isEqualTo("invalid");
    }

    @Test
    @DisplayName("Bundle.total is the adapter's count on the first page and on every later page")
    void totalOnEveryPage() throws Exception {
        Bundle first = search("/Patient?_count=20", PRACTICE_A);
        assertThat(first.hasTotal()).isTrue();
        assertThat(first.getTotal()).isEqualTo(45);
        Bundle second = search(first.getLink("next").getUrl(), PRACTICE_A);
        assertThat(second.getTotal()).isEqualTo(45);
        assertThat(second.getEntry()).hasSize(20);
        Bundle third = search(second.getLink("next").getUrl(), PRACTICE_A);
        assertThat(third.getTotal()).isEqualTo(45);
        assertThat(third.getEntry()).hasSize(5);
        assertThat(search("/Patient?gender=female", PRACTICE_A).getTotal()).isEqualTo(22);
        assertThat(search("/Patient", PRACTICE_B).getTotal()).isEqualTo(6);
    }

    @Test
    @DisplayName("_summary=count answers the count and no entries")
    void summaryCount() throws Exception {
        Bundle count = search("/Patient?_summary=count", PRACTICE_A);
        assertThat(count.getTotal()).isEqualTo(45);
        assertThat(count.getEntry()).isEmpty();
        assertThat(count.getLink("next")).isNull();
        Bundle filtered = search("/Patient?_summary=count&_lastUpdated=lt2026-01-01T03:00:00Z", PRACTICE_A);
        assertThat(filtered.getTotal()).isEqualTo(2);
        assertThat(search("/Patient?_summary=count&identifier=MRN1001", PRACTICE_B).getTotal()).isEqualTo(1);
    }

    @Test
    @DisplayName("an adapter that cannot count: no Bundle.total, and _summary=count is 400 saying so")
    void noCounting() throws Exception {
        Bundle plain = search("/MedicationRequest?patient=a1", PRACTICE_A);
        assertThat(plain.hasTotal()).isFalse();
        HttpResponse<String> r = get("/MedicationRequest?patient=a1&_summary=count", PRACTICE_A);
        assertThat(r.statusCode()).isEqualTo(400);
        OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body());
        assertThat(oo.getIssueFirstRep().getCode().toCode()).isEqualTo("not-supported");
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("cannot count MedicationRequest");
    }

    @Test
    @DisplayName("the CapabilityStatement lists _lastUpdated, with FHIR's definition, only where declared")
    void capabilityStatement() throws Exception {
        CapabilityStatement cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class,
                get("/metadata", null).body());
        var patient = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Patient"))
                .findFirst().orElseThrow();
        assertThat(patient.getSearchParam()).filteredOn(p -> p.getName().equals("_lastUpdated"))
                .singleElement().satisfies(p -> {
                    assertThat(p.getType().toCode()).isEqualTo("date");
                    assertThat(p.getDefinition()).isEqualTo("http://hl7.org/fhir/SearchParameter/Resource-lastUpdated");
                });
        var medicationRequest = cs.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("MedicationRequest")).findFirst().orElseThrow();
        assertThat(medicationRequest.getSearchParam()).extracting(p -> p.getName()).doesNotContain("_lastUpdated");
    }

    // --- helpers ---

    private static List<String> ids(String path, String practice) throws Exception {
        return search(path, practice).getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static HttpResponse<String> get(String pathOrUrl, String practice) throws Exception {
        return server.get(pathOrUrl, practice, false);
    }

    private static Bundle search(String pathOrUrl, String practice) throws Exception {
        return server.search(pathOrUrl, practice);
    }
}
