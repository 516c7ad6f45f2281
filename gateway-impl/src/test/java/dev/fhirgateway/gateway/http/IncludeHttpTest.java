package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code _include} and {@code _revinclude} over real HTTP, against the Patient adapter and the clinical test
 * adapter ({@link InMemoryClinicalAdapterProvider}: MedicationRequest, Medication, Provenance in two practices).
 */
@DisplayName("Includes over HTTP")
class IncludeHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GatewayTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = GatewayTestServer.start(Map.of(
                "fhirgateway.auth.mode", "development-header",
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.adapter-call-timeout", "PT2S",
                InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("answers a contained Medication in contained, referenced as #id (no automatic containment needed)")
    void containedResource() throws Exception {
        HttpResponse<String> r = get("/MedicationRequest/mr-contained", PRACTICE_A, false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.path("contained").get(0).path("resourceType").asText()).isEqualTo("Medication");
        assertThat(json.path("contained").get(0).path("id").asText()).isEqualTo("compounded");
        assertThat(json.path("medicationReference").path("reference").asText()).isEqualTo("#compounded");
    }

    @Test
    @DisplayName("_revinclude=Provenance:target adds the practice's Provenances as search.mode=include, never another practice's")
    void revincludeProvenance() throws Exception {
        Bundle bundle = search("/Patient?_id=a1&_revinclude=Provenance:target", PRACTICE_A);

        assertThat(modes(bundle)).containsExactly("Patient/a1=match", "Provenance/prov-a1=include");
        // Practice B has a Provenance of its own "Patient/a1": same target string, other practice.
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith(server.fhirBase() + "/"));
        assertThat(modes(search("/Patient?_id=a1&_revinclude=Provenance:target", PRACTICE_B)))
                .as("practice B's a1 does not exist; its Provenance is never included without a match")
                .isEmpty();
    }

    @Test
    @DisplayName("every page has the includes of its own matches, without duplicates, and never another practice's resources")
    void includesOnEveryPage() throws Exception {
        Bundle page = search("/MedicationRequest?patient=a1&_count=2&_include=MedicationRequest:medication"
                + "&_revinclude=Provenance:target", PRACTICE_A);
        List<List<String>> pages = new ArrayList<>();
        while (true) {
            pages.add(modes(page));
            Set<String> keys = new HashSet<>();
            for (BundleEntryComponent e : page.getEntry()) {
                assertThat(keys.add(key(e.getResource()))).as("duplicate " + key(e.getResource())).isTrue();
            }
            for (BundleEntryComponent e : page.getEntry()) {
                if (e.getResource() instanceof MedicationRequest mr && !mr.getMedicationReference().getReference()
                        .equals("Medication/medB")) {
                    assertThat(keys).as("the medication of " + key(mr) + " is on its page")
                            .contains(mr.getMedicationReference().getReference());
                }
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = search(page.getLink(Bundle.LINK_NEXT).getUrl(), PRACTICE_A);
        }

        assertThat(pages).containsExactly(
                List.of("MedicationRequest/mr1=match", "MedicationRequest/mr2=match", "Medication/med1=include",
                        "Provenance/prov-mr1=include"),
                List.of("MedicationRequest/mr3=match", "MedicationRequest/mr4=match", "Medication/med1=include",
                        "Medication/med2=include"),
                // mr5 refers to "Medication/medB", which exists only in practice B: not found, not included.
                List.of("MedicationRequest/mr5=match"));
    }

    @Test
    @DisplayName("_include follows references whose parameter is typed by resolve() (subject.where(resolve() is Patient))")
    void includeTypedReference() throws Exception {
        assertThat(modes(search("/MedicationRequest?_id=mr-a2&_include=MedicationRequest:patient", PRACTICE_A)))
                .containsExactly("MedicationRequest/mr-a2=match", "Patient/a2=include");
    }

    @Test
    @DisplayName("POST _search applies includes like GET")
    void postSearch() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.fhirBase()
                        + "/MedicationRequest/_search")).header("X-Practice-Pin", PRACTICE_A)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_id=mr4&_include=MedicationRequest:medication")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(modes(parse(post, Bundle.class)))
                .containsExactly("MedicationRequest/mr4=match", "Medication/med2=include");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "_include=MedicationRequest:intent", // not a reference parameter the adapter declares
        "_include=MedicationRequest:subject", // a reference parameter, but neither declared nor one of US Core's
        "_include=Patient:link", // another type than the one searched
        "_include=*",
        "_include:iterate=MedicationRequest:medication",
        "_revinclude=Observation:subject", // Observation is not served
        "_revinclude=Provenance:agent", // not declared by the adapter
        "_include=MedicationRequest:medication:Patient"}) // not a target of the parameter
    @DisplayName("answers an include it cannot follow with 400 naming the parameter, never the value sent; lenient handling ignores it and says so in the self link")
    void unsupportedIncludes(String include) throws Exception {
        HttpResponse<String> strict = get("/MedicationRequest?_id=mr1&" + include, PRACTICE_A, false);
        assertThat(strict.statusCode()).isEqualTo(400);
        OperationOutcome oo = parse(strict, OperationOutcome.class);
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        String name = include.substring(0, include.indexOf('=')).replace(":iterate", "");
        String diagnostics = oo.getIssueFirstRep().getDiagnostics();
        assertThat(diagnostics).contains("'" + name + "'");
        // The list of supported values may name it; the description of what was refused does not.
        assertThat(diagnostics.substring(0, diagnostics.indexOf("Supported:")))
                .doesNotContain(include.substring(include.indexOf('=') + 1));

        HttpResponse<String> lenient = get("/MedicationRequest?_id=mr1&" + include, PRACTICE_A, true);
        assertThat(lenient.statusCode()).isEqualTo(200);
        Bundle bundle = parse(lenient, Bundle.class);
        assertThat(modes(bundle)).containsExactly("MedicationRequest/mr1=match");
        assertThat(bundle.getLink(Bundle.LINK_SELF).getUrl()).isEqualTo(server.fhirBase() + "/MedicationRequest?_id=mr1");
    }

    @Test
    @DisplayName("the lenient self link shows exactly the applied parameters, includes and result parameters")
    void lenientSelfLink() throws Exception {
        HttpResponse<String> r = get("/MedicationRequest?shoe-size=9&_id=mr1&_sort=date&_count=5"
                + "&_revinclude=Provenance:target&_revinclude=Provenance:agent", PRACTICE_A, true);

        assertThat(r.statusCode()).isEqualTo(200);
        Bundle bundle = parse(r, Bundle.class);
        assertThat(bundle.getLink(Bundle.LINK_SELF).getUrl()).isEqualTo(server.fhirBase()
                + "/MedicationRequest?_count=5&_id=mr1&_revinclude=Provenance%3Atarget");
        assertThat(modes(bundle)).containsExactly("MedicationRequest/mr1=match", "Provenance/prov-mr1=include");
    }

    @Test
    @DisplayName("the CapabilityStatement lists the includes the adapters make possible, and of the revincludes US Core's")
    void capabilityStatement() throws Exception {
        HttpResponse<String> r = get("/metadata", null, false);
        CapabilityStatement cs = parse(r, CapabilityStatement.class);

        assertThat(strings(resource(cs, "MedicationRequest").getSearchInclude()))
                .containsExactly("MedicationRequest:medication", "MedicationRequest:patient");
        assertThat(strings(resource(cs, "MedicationRequest").getSearchRevInclude()))
                .containsExactly("Provenance:target");
        // MedicationRequest:patient and Provenance:patient are answered too (see the error message test below),
        // but only US Core's Provenance:target is advertised.
        assertThat(strings(resource(cs, "Patient").getSearchRevInclude())).containsExactly("Provenance:target");
        assertThat(resource(cs, "Medication").getSearchInclude()).isEmpty();
        assertThat(strings(resource(cs, "Medication").getSearchRevInclude())).containsExactly("Provenance:target");
    }

    @Test
    @DisplayName("an unsupported revinclude's 400 lists every revinclude that is answered, advertised or not")
    void unsupportedRevincludeListsAnswered() throws Exception {
        HttpResponse<String> r = get("/Patient?_id=a1&_revinclude=Provenance:agent", PRACTICE_A, false);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(parse(r, OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .contains("Supported: MedicationRequest:patient, Provenance:patient, Provenance:target");
        assertThat(modes(search("/Patient?_id=a1&_revinclude=Provenance:patient", PRACTICE_A)))
                .containsExactly("Patient/a1=match", "Provenance/prov-a1=include");
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement cs, String type) {
        return cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst()
                .orElseThrow();
    }

    private static List<String> strings(List<? extends PrimitiveType<String>> values) {
        return values.stream().map(PrimitiveType::getValue).toList();
    }

    /** "Type/id=mode" for every entry, in order. */
    static List<String> modes(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(e -> key(e.getResource()) + "=" + e.getSearch().getMode().toCode()).toList();
    }

    static String key(IBaseResource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }

    private static Bundle search(String pathOrUrl, String practice) throws Exception {
        Bundle bundle = server.search(pathOrUrl, practice);
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getSearch().getMode())
                .isIn(SearchEntryMode.MATCH, SearchEntryMode.INCLUDE));
        return bundle;
    }

    private static HttpResponse<String> get(String path, String practice, boolean lenient) throws Exception {
        return server.get(path, practice, lenient);
    }

    private static <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, r.body());
    }
}
