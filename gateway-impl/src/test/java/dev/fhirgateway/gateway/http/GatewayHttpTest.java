package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway's HTTP contract, exercised over real HTTP against the web application in Jetty with an
 * in-memory adapter: what a FHIR client sees for reads, searches, paging, errors and refused writes.
 */
@DisplayName("The gateway over HTTP")
class GatewayHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The largest request body the gateway reads (IncomingRequestScreen.MAX_BODY_BYTES). */
    private static final int BODY_LIMIT = 200_000;
    private static GatewayTestServer server;

    @BeforeAll
    static void start() throws Exception {
        // These tests are about the FHIR contract, not authentication: the development switch lets them name the
        // practice in a header. Tokens are tested by the security tests.
        server = GatewayTestServer.start(Map.of(
                "fhirgateway.auth.mode", "development-header",
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.paging.default-count", "20",
                "fhirgateway.paging.max-count", "50",
                "fhirgateway.adapter-call-timeout", "PT2S"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("serves its CapabilityStatement without a practice, listing exactly what the adapter declared")
    void capabilityStatement() throws Exception {
        HttpResponse<String> r = get("/metadata", null);
        assertThat(r.statusCode()).isEqualTo(200);
        CapabilityStatement cs = parse(r, CapabilityStatement.class);
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getInstantiates()).extracting(u -> u.getValue())
                .containsExactly("http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0",
                        "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data");
        CapabilityStatement.CapabilityStatementRestResourceComponent patient = cs.getRestFirstRep().getResource().get(0);
        assertThat(cs.getRestFirstRep().getResource()).hasSize(1);
        assertThat(patient.getType()).isEqualTo("Patient");
        assertThat(patient.getSupportedProfile()).extracting(u -> u.getValue())
                .containsExactly(InMemoryPatientAdapterProvider.PROFILE);
        assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type");
        assertThat(patient.getSearchParam()).extracting(p -> p.getName())
                .containsExactlyInAnyOrder("_id", "identifier", "name", "family", "gender", "birthdate", "_lastUpdated");
        assertThat(patient.getSearchParam()).filteredOn(p -> p.getName().equals("identifier"))
                .extracting(p -> p.getDefinition())
                .containsExactly("http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-identifier");
        assertThat(patient.getOperation()).extracting(o -> o.getName())
                .as("no DocumentReference served, so no $docref; bulk export").containsExactly("export");
    }

    @Test
    @DisplayName("honours _format=xml, _summary and _elements")
    void formatsAndSummaries() throws Exception {
        HttpResponse<String> xml = get("/Patient/a2?_format=xml", PRACTICE_A);
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("xml"));
        Patient fromXml = FHIR.newXmlParser().parseResource(Patient.class, xml.body());
        assertThat(fromXml.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Zoë");

        Bundle elements = search("/Patient?_id=a2&_elements=gender", PRACTICE_A);
        Patient onlyGender = (Patient) elements.getEntryFirstRep().getResource();
        assertThat(onlyGender.hasGender()).isTrue();
        assertThat(onlyGender.hasName()).isFalse();

        Bundle summary = search("/Patient?_id=a2&_summary=true", PRACTICE_A);
        assertThat(((Patient) summary.getEntryFirstRep().getResource()).hasBirthDate()).isTrue();
    }

    @Test
    @DisplayName("answers 401 with an OperationOutcome when a request has no practice")
    void noPractice() throws Exception {
        HttpResponse<String> r = get("/Patient/a1", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(issueCode(r)).isEqualTo("login");
    }

    @Test
    @DisplayName("reads a patient of the practice and answers 404 for unknown ids and other practices' ids alike")
    void readsAndHidesOtherPractices() throws Exception {
        HttpResponse<String> own = get("/Patient/a1", PRACTICE_A);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(parse(own, Patient.class).getIdentifierFirstRep().getValue()).isEqualTo("MRN1001");

        HttpResponse<String> other = get("/Patient/b1", PRACTICE_A);
        HttpResponse<String> unknown = get("/Patient/nope", PRACTICE_A);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(issueDiagnostics(other)).isEqualTo(issueDiagnostics(unknown));
    }

    @Test
    @DisplayName("gives every answer its own X-Request-ID, 16 letters and digits, to quote to support")
    void requestIds() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(get("/Patient/a1", PRACTICE_A).headers().firstValue("X-Request-ID").orElseThrow());
        }
        assertThat(ids).hasSize(20).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9]{16}"));
    }

    @ParameterizedTest(name = "identifier={0}")
    @CsvSource({"MRN1001", "urn:test:mrn%7CMRN1001"})
    @DisplayName("finds a patient by MRN, with or without the system, only within the practice")
    void mrnSearch(String identifier) throws Exception {
        Bundle a = search("/Patient?identifier=" + identifier, PRACTICE_A);
        Bundle b = search("/Patient?identifier=" + identifier, PRACTICE_B);
        assertThat(ids(a)).containsExactly("a1");
        assertThat(ids(b)).containsExactly("b1");
        assertThat(a.getEntryFirstRep().getSearch().getMode().toCode()).isEqualTo("match");
    }

    @Test
    @DisplayName("follows next links through every match exactly once, and the links carry no PHI")
    void pagingWalk() throws Exception {
        Bundle page = search("/Patient?name=john,zoe", PRACTICE_A);
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            seen.addAll(ids(page));
            Bundle.BundleLinkComponent next = page.getLink("next");
            if (next == null) {
                break;
            }
            assertThat(next.getUrl()).startsWith(server.fhirBase() + "?").doesNotContain("john").doesNotContain("zoe");
            page = searchUrl(next.getUrl(), PRACTICE_A);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(45).doesNotHaveDuplicates().allMatch(id -> id.startsWith("a"));
    }

    @Test
    @DisplayName("pages with HAPI's generic client too")
    void pagingWithGenericClient() {
        IGenericClient client = client(PRACTICE_A);
        Bundle page = client.search().forResource(Patient.class)
                .where(new TokenClientParam("gender").exactly().code("female")).count(10)
                .returnBundle(Bundle.class).execute();
        Set<String> seen = new HashSet<>(ids(page));
        while (page.getLink("next") != null) {
            page = client.loadPage().next(page).execute();
            seen.addAll(ids(page));
        }
        assertThat(seen).hasSize(22); // even-numbered patients 2..44 of practice A
    }

    @Test
    @DisplayName("refuses a next link used by another practice, or edited, with 400 and reveals nothing")
    void pagingLinksAreBoundAndSealed() throws Exception {
        String next = search("/Patient?_count=5", PRACTICE_A).getLink("next").getUrl();
        HttpResponse<String> otherPractice = getUrl(next, PRACTICE_B);
        assertThat(otherPractice.statusCode()).isEqualTo(400);
        assertThat(otherPractice.body()).doesNotContain("Patient/a");

        String edited = next.replaceFirst("_pageId=(.)", "_pageId=" + (next.contains("_pageId=A") ? "B" : "A"));
        HttpResponse<String> tampered = getUrl(edited, PRACTICE_A);
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(issueDiagnostics(tampered)).isEqualTo(issueDiagnostics(otherPractice));

        HttpResponse<String> garbage = get("?_getpages=x&_pageId=not-a-token", PRACTICE_A);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(parse(garbage, OperationOutcome.class)).isNotNull();
    }

    @Test
    @DisplayName("applies _count up to the configured maximum and refuses _offset")
    void countAndOffset() throws Exception {
        assertThat(search("/Patient?_count=7", PRACTICE_A).getEntry()).hasSize(7);
        assertThat(search("/Patient?_count=500", PRACTICE_A).getEntry()).hasSize(45); // max 50
        assertThat(search("/Patient", PRACTICE_A).getEntry()).hasSize(20);
        HttpResponse<String> offset = get("/Patient?_offset=20", PRACTICE_A);
        assertThat(offset.statusCode()).isEqualTo(400);
        assertThat(issueDiagnostics(offset)).contains("_offset").contains("next");
        assertThat(get("/Patient?_count=abc", PRACTICE_A).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("answers unknown parameters with 400 naming them, unless the client prefers lenient handling")
    void unknownParameters() throws Exception {
        HttpResponse<String> strict = get("/Patient?shoe-size=9&family=smith", PRACTICE_A);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(issueDiagnostics(strict)).contains("shoe-size");
        HttpResponse<String> lenient = send(HttpRequest.newBuilder(URI.create(server.fhirBase()
                + "/Patient?shoe-size=9&family=smith")).header("X-Practice-Pin", PRACTICE_A)
                .header("Prefer", "handling=lenient").GET().build());
        assertThat(lenient.statusCode()).isEqualTo(200);
        assertThat(parse(lenient, Bundle.class).getEntry()).isNotEmpty();
    }

    @Test
    @DisplayName("answers a malformed date with 400 that does not echo the value")
    void malformedDate() throws Exception {
        HttpResponse<String> r = get("/Patient?birthdate=1980-13-45", PRACTICE_A);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("birthdate").doesNotContain("1980-13-45");
    }

    @Test
    @DisplayName("gives POST [type]/_search the same answer as GET")
    void postSearch() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(server.fhirBase() + "/Patient/_search"))
                .header("X-Practice-Pin", PRACTICE_A).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("family=m%C3%BCller&gender=male")).build());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(ids(parse(post, Bundle.class)))
                .containsExactlyElementsOf(ids(search("/Patient?family=muller&gender=male", PRACTICE_A)))
                .isNotEmpty();
    }

    @Test
    @DisplayName("pages POST [type]/_search exactly like GET: same pages, and next links that keep the search")
    void postSearchPaging() throws Exception {
        List<List<String>> byGet = walk(search("/Patient?name=zo%C3%AB&birthdate=ge1960&_count=7", PRACTICE_A));
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(server.fhirBase() + "/Patient/_search"))
                .header("X-Practice-Pin", PRACTICE_A).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=zo%C3%AB&birthdate=ge1960&_count=7")).build());
        assertThat(post.statusCode()).isEqualTo(200);
        Bundle first = parse(post, Bundle.class);
        // The search travels sealed inside the page id, never as plain parameters (checked by name: a random
        // sealed id may well contain "zo").
        String next = first.getLink("next").getUrl();
        assertThat(Arrays.stream(URI.create(next).getRawQuery().split("&")).map(p -> p.split("=", 2)[0]))
                .containsOnly("_getpages", "_pageId", "_bundletype");
        assertThat(next).doesNotContain("name=").doesNotContain("birthdate=").doesNotContain("%C3%AB");
        List<List<String>> byPost = walk(first);

        assertThat(byPost).isEqualTo(byGet);
        assertThat(byPost).hasSize(3).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(7));
        assertThat(byPost.stream().flatMap(List::stream).toList()).hasSize(18).doesNotHaveDuplicates();
    }

    /** The ids of every page, following next links from {@code page}. */
    private static List<List<String>> walk(Bundle page) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        while (true) {
            pages.add(ids(page));
            if (page.getLink("next") == null) {
                return pages;
            }
            page = searchUrl(page.getLink("next").getUrl(), PRACTICE_A);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> 405 ({2})")
    @CsvSource({
        "POST,/Patient,create",
        "POST,'',transaction/batch",
        "PUT,/Patient/a1,update",
        "PUT,/Patient?identifier=MRN1001,conditional update",
        "PATCH,/Patient/a1,patch",
        "DELETE,/Patient/a1,delete",
        "DELETE,/Patient?identifier=MRN1001,conditional delete",
        "POST,/Patient/$validate,operation $validate",
        "POST,/DocumentReference/$docref,operation $docref",
        "PUT,/Observation/1,update"})
    @DisplayName("refuses every write with 405, an Allow header and a not-supported OperationOutcome, even without a practice")
    void writesAreRefused(String method, String path, String interaction) throws Exception {
        for (String practice : new String[] {PRACTICE_A, null}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.fhirBase() + path))
                    .header("Content-Type", "application/fhir+json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}"));
            if (practice != null) {
                b.header("X-Practice-Pin", practice);
            }
            HttpResponse<String> r = send(b.build());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET"));
            assertThat(issueCode(r)).isEqualTo("not-supported");
            assertThat(issueDiagnostics(r)).contains(interaction);
        }
    }

    @Test
    @DisplayName("keeps the connection usable after refusing a write whose body arrives after its headers")
    void refusedWriteWithLateBodyKeepsConnection() throws Exception {
        String body = "{\"resourceType\":\"Patient\"}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + URI.create(server.fhirBase()).getPath() + "/Patient HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Practice-Pin: A\r\nContent-Type: application/fhir+json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Clients (the JDK's among them) write headers and body separately: the answer must not race the body.
            Thread.sleep(300);
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String refused = readResponse(in);
            assertThat(refused).startsWith("HTTP/1.1 405").doesNotContainIgnoringCase("Connection: close");

            out.write(("GET " + URI.create(server.fhirBase()).getPath() + "/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: application/fhir+json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("a second request on the same connection").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    @DisplayName("refuses a write with a large chunked body without reading all of it, and says the connection closes")
    void refusedWriteWithLargeChunkedBodyClosesConnection() throws Exception {
        byte[] chunk = new byte[BODY_LIMIT / 2];
        Arrays.fill(chunk, (byte) ' ');
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + URI.create(server.fhirBase()).getPath() + "/Patient HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 405").containsIgnoringCase("Connection: close");
        }
    }

    /** Reads one HTTP/1.1 response (head and a Content-Length or chunked body) from a kept-alive connection. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        } else if (text.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            while (true) {
                String size = readLine(in).trim();
                int n = Integer.parseInt(size.isEmpty() ? "0" : size, 16);
                in.readNBytes(n);
                readLine(in);
                if (n == 0) {
                    break;
                }
            }
        }
        return text;
    }

    private static String readLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("answers CDS Hooks discovery and calls with 501 and a JSON explanation")
    void cdsHooks() throws Exception {
        HttpResponse<String> discovery = send(HttpRequest.newBuilder(server.contextUri().resolve(
                server.contextUri().getPath() + "/cds-services")).GET().build());
        HttpResponse<String> call = send(HttpRequest.newBuilder(server.contextUri().resolve(
                server.contextUri().getPath() + "/cds-services/patient-view"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        for (HttpResponse<String> r : List.of(discovery, call)) {
            assertThat(r.statusCode()).isEqualTo(501);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(r.body()).contains("does not support CDS Hooks");
        }
    }

    @Test
    @DisplayName("reports ready on /health when the adapter is healthy")
    void health() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.contextUri() + "/health")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"").contains("in-memory-test");
        assertThat(send(HttpRequest.newBuilder(URI.create(server.contextUri() + "/health/live")).GET().build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("answers 504 with an OperationOutcome when the adapter does not answer in time")
    void adapterTimeout() throws Exception {
        HttpResponse<String> r = get("/Patient?family=" + InMemoryPatientAdapterProvider.SLOW_FAMILY, PRACTICE_B);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(issueCode(r)).isEqualTo("timeout");
    }

    @Test
    @DisplayName("sends a Patient and a search Bundle in one piece with a Content-Length, not as many chunks")
    void responsesAreNotChunkedPerValue() throws Exception {
        for (String path : List.of("/Patient/a1", "/Patient?_count=20")) {
            String head = rawGetHead(server.contextUri().getPath() + "/fhir" + path);
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.toLowerCase()).contains("content-length:").doesNotContain("transfer-encoding: chunked");
        }
    }

    // --- helpers ---

    private static IGenericClient client(String practice) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient(server.fhirBase());
        AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("X-Practice-Pin", practice);
        client.registerInterceptor(headers);
        return client;
    }

    private static String rawGetHead(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Practice-Pin: A\r\nAccept: application/fhir+json\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n\r\n"));
        }
    }

    static HttpResponse<String> get(String path, String practice) throws Exception {
        return getUrl(server.fhirBase() + path, practice);
    }

    static HttpResponse<String> getUrl(String url, String practice) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").GET();
        if (practice != null) {
            b.header("X-Practice-Pin", practice);
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Bundle search(String path, String practice) throws Exception {
        return searchUrl(server.fhirBase() + path, practice);
    }

    private static Bundle searchUrl(String url, String practice) throws Exception {
        HttpResponse<String> r = getUrl(url, practice);
        assertThat(r.statusCode()).as("status of %s: %s", url, r.body()).isEqualTo(200);
        return parse(r, Bundle.class);
    }

    private static <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, r.body());
    }

    private static List<String> ids(Bundle b) {
        return b.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static String issueCode(HttpResponse<String> r) {
        return parse(r, OperationOutcome.class).getIssueFirstRep().getCode().toCode();
    }

    private static String issueDiagnostics(HttpResponse<String> r) {
        return parse(r, OperationOutcome.class).getIssue().stream().map(i -> i.getDiagnostics())
                .reduce("", (x, y) -> x + " " + y).trim();
    }
}
