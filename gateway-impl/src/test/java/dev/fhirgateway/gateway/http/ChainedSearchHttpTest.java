package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * US Core's chained searches {@code PractitionerRole?practitioner.identifier=} and {@code practitioner.name=},
 * resolved by the gateway over real HTTP, against {@link InMemoryDirectoryAdapterProvider} (practitioners and
 * their roles in two practices).
 */
@DisplayName("Chained searches over HTTP")
class ChainedSearchHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NPI = InMemoryDirectoryAdapterProvider.NPI;
    private static GatewayTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = GatewayTestServer.start(Map.of(
                "fhirgateway.auth.mode", "development-header",
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.adapter-call-timeout", "PT5S",
                InMemoryDirectoryAdapterProvider.ENABLED_SETTING, "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("practitioner.identifier=system|value finds the roles of that practitioner, in the practice only")
    void chainByIdentifier() throws Exception {
        assertThat(ids(search("/PractitionerRole?practitioner.identifier=" + enc(NPI + "|1111"), PRACTICE_A)))
                .containsExactly("r1", "r2", "r3");
        // Practice B has its own practitioner with NPI 1111 and a role of its own.
        assertThat(ids(search("/PractitionerRole?practitioner.identifier=" + enc(NPI + "|1111"), PRACTICE_B)))
                .containsExactly("rb1");
        assertThat(ids(search("/PractitionerRole?practitioner.identifier=2222", PRACTICE_A))).containsExactly("r4", "r5");
        assertThat(ids(search("/PractitionerRole?practitioner:Practitioner.identifier=3333", PRACTICE_A)))
                .containsExactly("r6");
    }

    @Test
    @DisplayName("practitioner.name=text follows every page of matching practitioners, and the next links keep the chain")
    void chainByNameWithPaging() throws Exception {
        Bundle page = search("/PractitionerRole?practitioner.name=smith&_count=2", PRACTICE_A);
        List<List<String>> pages = new ArrayList<>();
        while (true) {
            pages.add(ids(page));
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (next == null) {
                break;
            }
            assertThat(next.getUrl()).doesNotContain("smith");
            // A next link is bound to its practice, chain or not.
            assertThat(get(next.getUrl(), PRACTICE_B, false).statusCode()).isEqualTo(400);
            page = search(next.getUrl(), PRACTICE_A);
        }
        assertThat(pages).containsExactly(List.of("r1", "r2"), List.of("r3", "r4"), List.of("r5"));
        assertThat(ids(search("/PractitionerRole?practitioner.name=smith", PRACTICE_B))).containsExactly("rb1");
    }

    @Test
    @DisplayName("chains combine with each other and with other parameters as AND; several values of one are OR")
    void combinations() throws Exception {
        assertThat(ids(search("/PractitionerRole?practitioner.name=smith&practitioner.identifier=2222", PRACTICE_A)))
                .containsExactly("r4", "r5");
        assertThat(ids(search("/PractitionerRole?practitioner.name=smith&specialty=207Q00000X", PRACTICE_A)))
                .containsExactly("r1", "r4");
        assertThat(ids(search("/PractitionerRole?practitioner.identifier=1111,3333", PRACTICE_A)))
                .containsExactly("r1", "r2", "r3", "r6");
        assertThat(ids(search("/PractitionerRole?practitioner.name=smith&practitioner=Practitioner/p2", PRACTICE_A)))
                .containsExactly("r4", "r5");
    }

    @Test
    @DisplayName("a chain that matches no practitioner gives an empty searchset Bundle")
    void noMatch() throws Exception {
        Bundle bundle = search("/PractitionerRole?practitioner.name=nobody", PRACTICE_A);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getEntry()).isEmpty();
        assertThat(bundle.getLink(Bundle.LINK_NEXT)).isNull();
    }

    @Test
    @DisplayName("a chain matching more than 1000 practitioners is refused with 400 too-costly, not cut short")
    void tooBroad() throws Exception {
        HttpResponse<String> r = get(server.fhirBase() + "/PractitionerRole?practitioner.name=many", PRACTICE_A, false);
        assertThat(r.statusCode()).isEqualTo(400);
        OperationOutcome oo = parse(r, OperationOutcome.class);
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("practitioner.name").contains("too broad")
                .doesNotContain("many");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"practitioner.gender=male", "practitioner.name.family=smith", "specialty.code=x",
        "practitioner:Organization.name=x", "organization.name=x"})
    @DisplayName("answers a chain it does not offer with 400 naming it; lenient handling ignores it and says so in the self link")
    void unsupportedChains(String chain) throws Exception {
        HttpResponse<String> strict = get(server.fhirBase() + "/PractitionerRole?specialty=207R00000X&" + chain,
                PRACTICE_A, false);
        assertThat(strict.statusCode()).isEqualTo(400);
        OperationOutcome oo = parse(strict, OperationOutcome.class);
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains(chain.substring(0, chain.indexOf('=')))
                .contains("practitioner.identifier, practitioner.name");

        HttpResponse<String> lenient = get(server.fhirBase() + "/PractitionerRole?specialty=207R00000X&" + chain,
                PRACTICE_A, true);
        assertThat(lenient.statusCode()).isEqualTo(200);
        Bundle bundle = parse(lenient, Bundle.class);
        assertThat(ids(bundle)).containsExactly("r2", "r5");
        assertThat(bundle.getLink(Bundle.LINK_SELF).getUrl())
                .isEqualTo(server.fhirBase() + "/PractitionerRole?specialty=207R00000X");
    }

    @Test
    @DisplayName("the lenient self link keeps the chains applied")
    void lenientSelfLinkKeepsChains() throws Exception {
        HttpResponse<String> r = get(server.fhirBase() + "/PractitionerRole?practitioner.name=smith&shoe-size=9",
                PRACTICE_A, true);
        assertThat(r.statusCode()).isEqualTo(200);
        Bundle bundle = parse(r, Bundle.class);
        assertThat(ids(bundle)).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(bundle.getLink(Bundle.LINK_SELF).getUrl())
                .isEqualTo(server.fhirBase() + "/PractitionerRole?practitioner.name=smith");
    }

    @Test
    @DisplayName("a malformed chained value is 400 naming the chained parameter, even with lenient handling")
    void malformedChainedValue() throws Exception {
        for (boolean lenient : new boolean[] {false, true}) {
            HttpResponse<String> r = get(server.fhirBase() + "/PractitionerRole?practitioner.identifier=" + enc("|"),
                    PRACTICE_A, lenient);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(parse(r, OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                    .contains("practitioner.identifier");
        }
    }

    @Test
    @DisplayName("POST _search resolves chains like GET")
    void postSearch() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.fhirBase()
                        + "/PractitionerRole/_search")).header("X-Practice-Pin", PRACTICE_A)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("practitioner.identifier=" + enc(NPI + "|1111"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(ids(parse(post, Bundle.class))).containsExactly("r1", "r2", "r3");
    }

    @Test
    @DisplayName("the CapabilityStatement documents the chains on PractitionerRole's practitioner parameter")
    void capabilityStatement() throws Exception {
        CapabilityStatement cs = parse(get(server.fhirBase() + "/metadata", null, false), CapabilityStatement.class);
        CapabilityStatementRestResourceSearchParamComponent practitioner = cs.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("PractitionerRole")).findFirst().orElseThrow()
                .getSearchParam().stream().filter(p -> p.getName().equals("practitioner")).findFirst().orElseThrow();
        assertThat(practitioner.getDocumentation()).contains("practitioner.identifier, practitioner.name");
        assertThat(cs.getRestFirstRep().getResource().stream().flatMap(r -> r.getSearchParam().stream())
                .filter(p -> p.hasDocumentation() && p.getDocumentation().contains("Chains:")))
                .as("no other parameter claims chains").containsExactly(practitioner);
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Bundle search(String pathOrUrl, String practice) throws Exception {
        return server.search(pathOrUrl, practice);
    }

    private static HttpResponse<String> get(String pathOrUrl, String practice, boolean lenient) throws Exception {
        return server.get(pathOrUrl, practice, lenient);
    }

    private static <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, r.body());
    }
}
