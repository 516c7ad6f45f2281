package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The developer pages at {@code /docs/} of the web application as the WAR deploys it, with the test class path's
 * adapters: they list exactly the types and search parameters the CapabilityStatement at {@code metadata} lists
 * (the test fails when a served type and a page disagree), print the vendor's notes escaped, answer like a web
 * site (redirect, style sheet, headers) and like the gateway for errors ({@code OperationOutcome}s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Developer pages at /docs/")
class DeveloperPagesHttpTest {

    static final Pattern TYPE_ROW = Pattern.compile("<tr id=\"type-([A-Za-z]+)\">");
    static final Pattern PARAM_ROW = Pattern.compile("<tr id=\"param-([A-Za-z0-9_-]+)\">");
    private static final String HOSTILE = "<script>alert(1)</script> & \"quoted\" [x](javascript:alert(1))";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private GatewayTestServer server;
    private CapabilityStatement capabilities;

    @BeforeAll
    void start() throws Exception {
        server = GatewayTestServer.startWebApp(withEveryTestAdapter(Map.of("fhirgateway.docs.type-text.Patient", "Patients of every practice.\n\nSecond paragraph " + HOSTILE,
                "fhirgateway.docs.policy.app-registration", "Each practice approves its apps. " + HOSTILE)), false);
        capabilities = FhirContext.forR4Cached().newJsonParser().parseResource(CapabilityStatement.class,
                get("/fhir/metadata").body());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("the index lists every served type and only those; each type's page lists exactly its search parameters")
    void pagesAgreeWithTheCapabilityStatement() throws Exception {
        List<CapabilityStatementRestResourceComponent> served = capabilities.getRestFirstRep().getResource();
        assertThat(served).isNotEmpty();
        String index = get("/docs/").body();
        assertThat(ids(TYPE_ROW, index)).isEqualTo(new TreeSet<>(served.stream()
                .map(CapabilityStatementRestResourceComponent::getType).toList()));
        for (CapabilityStatementRestResourceComponent r : served) {
            HttpResponse<String> page = get("/docs/" + r.getType() + ".html");
            assertThat(page.statusCode()).as(r.getType()).isEqualTo(200);
            assertThat(ids(PARAM_ROW, page.body())).as("search parameters on the page of " + r.getType())
                    .isEqualTo(new TreeSet<>(r.getSearchParam().stream().map(p -> p.getName()).toList()));
            r.getSearchInclude().forEach(i -> assertThat(page.body()).contains("_include=" + i.getValue()));
            r.getSearchRevInclude().forEach(i -> assertThat(page.body()).contains("_revinclude=" + i.getValue()));
            r.getSupportedProfile().forEach(p -> assertThat(page.body()).contains(p.getValue()));
            r.getOperation().forEach(o -> assertThat(page.body()).contains("$" + o.getName()));
        }
        assertThat(get("/docs/Observation.html").statusCode()).as("a type not served has no page").isEqualTo(404);
    }

    @Test
    @DisplayName("the pages print the FHIR base URL, US Core details and copy-paste requests")
    void content() throws Exception {
        String base = server.fhirBase();
        String index = get("/docs/index.html").body();
        assertThat(index).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">").contains(base)
                .contains("405").contains("501").contains("_count").contains("OperationOutcome")
                .contains("X-Practice-Pin");
        String patient = get("/docs/Patient.html").body();
        assertThat(patient).contains("US Core Patient Profile")
                .contains("https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-patient.html")
                .contains("Patient.extension:race").contains("yes (additional)")
                .contains("curl -H &quot;X-Practice-Pin: $PRACTICE&quot; &quot;" + base + "/Patient/$ID&quot;")
                .contains("<th scope=\"col\">Comparators and modifiers</th>").contains("<code>name:exact</code>");
        String search = get("/docs/DocumentReference.html").body();
        assertThat(search).as("the POST example lets the shell fill in the variables")
                .contains("--data-urlencode &quot;patient=$PATIENT_ID&quot; --data-urlencode &quot;category=clinical-note&quot;");
        String docs = search;
        assertThat(docs).contains("$docref").contains(base + "/DocumentReference/$docref?patient=$PATIENT_ID");
        assertThat(get("/docs/PractitionerRole.html").body()).contains("practitioner.identifier");
        assertThat(get("/docs/Patient.md").body()).startsWith(dev.fhirgateway.gateway.internal.docs.DeveloperPages.SITE).contains("# Patient")
                .contains("| `birthdate` |");
    }

    @Test
    @DisplayName("the vendor's notes are escaped, never markup")
    void vendorTextIsEscaped() throws Exception {
        String patient = get("/docs/Patient.html").body();
        assertThat(patient).contains("<p>Patients of every practice.</p>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;").doesNotContain("<script>")
                .doesNotContain("href=\"javascript");
        String index = get("/docs/").body();
        assertThat(index).contains("<h3 id=\"policy-app-registration\">App registration</h3>")
                .contains("&lt;script&gt;").doesNotContain("<script>");
        String md = get("/docs/index.md").body();
        assertThat(md).contains("\\<script\\>alert(1)\\</script\\> \\& \"quoted\" \\[x\\](javascript:alert(1))");
    }

    @Test
    @DisplayName("/docs redirects to /docs/; the style sheet is served; pages are public, typed and locked down")
    void webBehaviour() throws Exception {
        HttpResponse<String> redirect = get("/docs");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).contains("/fhir-gateway/docs/");
        HttpResponse<String> css = get("/docs/docs.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        HttpResponse<String> index = get("/docs/");
        assertThat(index.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(get("/docs/Patient.md").headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/docs/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    @DisplayName("unknown pages are 404 and other methods 405, as OperationOutcomes that do not repeat the path")
    void errors() throws Exception {
        for (String path : List.of("/docs/nope", "/docs/%3Cb%3E.html", "/docs/Patient.pdf", "/docs/Patient.html/x")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("nope").doesNotContain("<b>").doesNotContain("pdf");
            FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, r.body());
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/docs/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, post.body());
    }

    @Test
    @DisplayName("fhirgateway.docs.enabled=false: no pages (404); a public base URL is the one the pages print")
    void switchedOffAndPublicBase() throws Exception {
        try (GatewayTestServer off = GatewayTestServer.startWebApp(Map.of("fhirgateway.docs.enabled", "false"), false)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(off.contextUri() + "/docs/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("OperationOutcome");
        }
        try (GatewayTestServer pub = GatewayTestServer.startWebApp(Map.of("fhirgateway.public-base-url",
                "https://ehr.example.com/api/fhir"), false)) {
            String index = http.send(HttpRequest.newBuilder(URI.create(pub.contextUri() + "/docs/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(index).contains("https://ehr.example.com/api/fhir/metadata").doesNotContain("127.0.0.1");
        }
    }

    /** The settings plus those that turn on every in-memory test adapter: seven types, includes, chains, $docref. */
    static Map<String, String> withEveryTestAdapter(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true");
        all.put(InMemoryDirectoryAdapterProvider.ENABLED_SETTING, "true");
        all.put(InMemoryDocumentAdapterProvider.ENABLED_SETTING, "true");
        return all;
    }

    static Set<String> ids(Pattern pattern, String html) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private URI uri(String path) {
        return URI.create(server.contextUri() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
