package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.Scope;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.TokenClient;
import dev.fhirgateway.spi.SearchValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built gateway WAR, deployed by the sample EHR's launcher into Jetty 12 with the sample adapter in the
 * plugin directory (outside the WAR), driven over HTTP with HAPI's generic client and raw requests.
 *
 * <p>Search results are checked against an oracle: every patient of the practice is fetched once, and the
 * expected answer of each search is computed from those resources with the SPI's own FHIR matching rules,
 * so a missing match and an extra match both fail. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayWarContractIT {

    static final String MRN_SYSTEM = "https://sample-ehr.fhirgateway.dev/mrn";
    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SampleEhrServer ehr;
    private Path dataDir;
    private String practice;
    private String otherPractice;
    /** Every patient of {@link #practice}, fetched once through the gateway. */
    private List<Patient> all;
    private List<Patient> allOfOther;
    /** Access tokens of each practice's demo client, from the development authorization server. */
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** The options for the database under test (the WAR, plugin directory and loopback port are set after). */
    abstract SampleEhrOptions databaseOptions(Path dataDir);

    @BeforeAll
    void startEhr() throws Exception {
        Path war = Path.of("target/fhir-gateway.war");
        Path plugins = Path.of("target/adapter-plugin");
        assertThat(war).as("the gateway WAR, built by 'mvn package'").isRegularFile();
        assertThat(plugins).as("the adapter plugin directory, built by 'mvn package'").isDirectory();
        dataDir = Files.createTempDirectory("sample-ehr-it");
        ehr = SampleEhrServer.start(databaseOptions(dataDir).withHost("127.0.0.1").withPort(0)
                .withWar(war.toAbsolutePath()).withPluginDir(plugins.toAbsolutePath()));
        List<String> pins = ehr.practices(0).stream().map(p -> p.pin()).sorted().toList();
        assertThat(pins).hasSizeGreaterThanOrEqualTo(3);
        practice = pins.get(0);
        otherPractice = pins.get(1);
        all = walk("Patient?_count=50", practice);
        allOfOther = walk("Patient?_count=50", otherPractice);
    }

    @AfterAll
    void stopEhr() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
    }

    // ---------------------------------------------------------------- reads, paging, isolation

    @Test
    @DisplayName("serves every patient of a practice exactly once through paging, and only that practice's")
    void pagingWalkCoversThePractice() {
        long expected = ehr.practices(0).stream().filter(p -> p.pin().equals(practice)).findFirst().orElseThrow()
                .patientCount();
        assertThat(all).hasSize((int) expected);
        assertThat(ids(all)).doesNotHaveDuplicates();
        assertThat(ids(all)).doesNotContainAnyElementsOf(ids(allOfOther));
        List<Patient> smallPages = walk("Patient?_count=7", practice);
        assertThat(ids(smallPages)).containsExactlyInAnyOrderElementsOf(ids(all));
    }

    @Test
    @DisplayName("pages with HAPI's generic client and serves US Core profiles")
    void genericClientPaging() {
        IGenericClient client = client(practice);
        Bundle page = client.search().forResource(Patient.class)
                .where(new TokenClientParam("gender").exactly().code("female")).count(9)
                .returnBundle(Bundle.class).execute();
        Set<String> seen = new HashSet<>();
        while (true) {
            page.getEntry().forEach(e -> {
                assertThat(seen.add(e.getResource().getIdElement().getIdPart())).isTrue();
                assertThat(e.getResource().getMeta().getProfile()).extracting(PrimitiveType::getValue).contains(PROFILE);
            });
            if (page.getLink("next") == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }
        assertThat(seen).isEqualTo(ids(filter(all, p -> p.getGender().toCode().equals("female"))));
    }

    @Test
    @DisplayName("reads a patient by id; another practice's patient and an unknown id are both 404")
    void readsAndIsolation() throws Exception {
        Patient one = all.get(3);
        Patient read = client(practice).read().resource(Patient.class).withId(one.getIdElement().getIdPart()).execute();
        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(one.getIdentifierFirstRep().getValue());

        HttpResponse<String> foreign = get("Patient/" + allOfOther.get(0).getIdElement().getIdPart(), practice);
        HttpResponse<String> unknown = get("Patient/does-not-exist", practice);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(unknown.body());
    }

    @Test
    @DisplayName("an MRN used by two practices finds only the asking practice's patient")
    void sharedMrnStaysInItsPractice() {
        Set<String> mrnsHere = all.stream().map(p -> p.getIdentifierFirstRep().getValue()).collect(Collectors.toSet());
        List<String> shared = allOfOther.stream().map(p -> p.getIdentifierFirstRep().getValue())
                .filter(mrnsHere::contains).toList();
        assertThat(shared).as("the seed data has an MRN used in two practices").isNotEmpty();
        for (String mrn : shared) {
            Set<String> here = ids(walk("Patient?identifier=" + enc(mrn), practice));
            Set<String> there = ids(walk("Patient?identifier=" + enc(MRN_SYSTEM + "|" + mrn), otherPractice));
            assertThat(here).hasSize(1).isSubsetOf(ids(all));
            assertThat(there).hasSize(1).isSubsetOf(ids(allOfOther));
        }
    }

    // ---------------------------------------------------------------- searches against the oracle

    @TestFactory
    @DisplayName("every Patient search and combination returns exactly the matching patients")
    Stream<DynamicTest> searchesMatchTheOracle() {
        Map<String, Predicate<Patient>> cases = new LinkedHashMap<>();
        Patient accented = all.stream().filter(p -> !SearchValue.Text.normalize(p.getNameFirstRep().getFamily())
                .equals(p.getNameFirstRep().getFamily().toLowerCase())).findFirst()
                .orElseThrow(() -> new AssertionError("the seed data has a patient with an accented family name"));
        Patient sample = all.get(all.size() / 2);
        String id = sample.getIdElement().getIdPart();
        String mrn = sample.getIdentifierFirstRep().getValue();
        String family = accented.getNameFirstRep().getFamily();
        String familyPrefix = SearchValue.Text.normalize(family).substring(0, 3).toUpperCase();
        String given = sample.getNameFirstRep().getGiven().get(0).getValue();
        String givenPrefix = given.substring(0, 2).toLowerCase();
        LocalDate birth = birthDate(sample);
        Patient deceased = all.stream().filter(Patient::hasDeceasedDateTimeType).findFirst()
                .orElseThrow(() -> new AssertionError("the seed data has a deceased patient in practice " + practice));
        LocalDate death = LocalDate.parse(deceased.getDeceasedDateTimeType().getValueAsString().substring(0, 10));

        cases.put("_id=" + id, p -> id(p).equals(id));
        cases.put("_id=" + id + "," + all.get(0).getIdElement().getIdPart(),
                p -> id(p).equals(id) || id(p).equals(id(all.get(0))));
        cases.put("identifier=" + mrn, p -> token(p, new SearchValue.Token(null, mrn)));
        cases.put("identifier=" + MRN_SYSTEM + "|" + mrn, p -> token(p, new SearchValue.Token(MRN_SYSTEM, mrn)));
        cases.put("identifier=|" + mrn, p -> token(p, new SearchValue.Token("", mrn)));
        cases.put("identifier=" + MRN_SYSTEM + "|", p -> token(p, new SearchValue.Token(MRN_SYSTEM, null)));
        cases.put("name=" + familyPrefix, p -> name(p, text(familyPrefix)));
        cases.put("name=" + givenPrefix, p -> name(p, text(givenPrefix)));
        cases.put("name:exact=" + family, p -> name(p, new SearchValue.Text(family, SearchValue.Text.Mode.EXACT)));
        cases.put("name:exact=" + family.toLowerCase(),
                p -> name(p, new SearchValue.Text(family.toLowerCase(), SearchValue.Text.Mode.EXACT)));
        cases.put("name:contains=" + family.substring(1, 4),
                p -> name(p, new SearchValue.Text(family.substring(1, 4), SearchValue.Text.Mode.CONTAINS)));
        cases.put("family=" + familyPrefix, p -> text(familyPrefix).matches(p.getNameFirstRep().getFamily()));
        cases.put("given=" + givenPrefix, p -> p.getNameFirstRep().getGiven().stream()
                .anyMatch(g -> text(givenPrefix).matches(g.getValue())));
        cases.put("family=smi,nu", p -> text("smi").matches(family(p)) || text("nu").matches(family(p)));
        cases.put("gender=female", p -> p.getGender().toCode().equals("female"));
        cases.put("gender=http://hl7.org/fhir/administrative-gender|male", p -> p.getGender().toCode().equals("male"));
        cases.put("gender=male,other", p -> Set.of("male", "other").contains(p.getGender().toCode()));
        for (String prefix : List.of("", "eq", "ne", "gt", "lt", "ge", "le", "sa", "eb")) {
            cases.put("birthdate=" + prefix + birth, birthdate(prefix + birth));
        }
        String year = Integer.toString(birth.getYear());
        String month = birth.toString().substring(0, 7);
        cases.put("birthdate=" + year, birthdate(year));
        cases.put("birthdate=ge" + year, birthdate("ge" + year));
        cases.put("birthdate=lt" + month, birthdate("lt" + month));
        cases.put("birthdate=" + month, birthdate(month));
        cases.put("birthdate=ge1960&birthdate=lt1970", p -> birthdate("ge1960").test(p) && birthdate("lt1970").test(p));
        cases.put("birthdate=" + birth + "&name=" + givenPrefix, p -> birthdate(birth.toString()).test(p)
                && name(p, text(givenPrefix)));
        cases.put("gender=female&name=" + familyPrefix, p -> p.getGender().toCode().equals("female")
                && name(p, text(familyPrefix)));
        cases.put("birthdate=le" + birth + "&family=" + familyPrefix, p -> birthdate("le" + birth).test(p)
                && text(familyPrefix).matches(family(p)));
        cases.put("family=" + familyPrefix + "&gender=male", p -> text(familyPrefix).matches(family(p))
                && p.getGender().toCode().equals("male"));
        cases.put("death-date=" + death + "&family=" + family(deceased), p -> p.hasDeceasedDateTimeType()
                && LocalDate.parse(p.getDeceasedDateTimeType().getValueAsString().substring(0, 10)).equals(death)
                && text(family(deceased)).matches(family(p)));
        cases.put("death-date=ge1900", p -> p.hasDeceasedDateTimeType());

        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
            Set<String> expected = ids(filter(all, c.getValue()));
            Set<String> actual = ids(walk("Patient?_count=7&" + encodeQuery(c.getKey()), practice));
            assertThat(actual).as("Patient?%s in practice %s", c.getKey(), practice).isEqualTo(expected);
        }));
    }

    @Test
    @DisplayName("searches that must find something do: name prefixes ignore case and accents")
    void oracleSanity() {
        Patient accented = all.stream().filter(p -> !SearchValue.Text.normalize(family(p)).equals(family(p).toLowerCase()))
                .findFirst().orElseThrow();
        String plain = SearchValue.Text.normalize(family(accented)).toUpperCase();
        assertThat(ids(walk("Patient?name=" + enc(plain), practice))).contains(id(accented));
    }

    @Test
    @DisplayName("POST Patient/_search answers like GET")
    void postSearch() throws Exception {
        String mrn = all.get(0).getIdentifierFirstRep().getValue();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ehr.gatewayBaseUri().resolve("Patient/_search"))
                .header("Authorization", bearer(practice)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("identifier=" + enc(mrn))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ids(entries(parse(r.body(), Bundle.class)))).containsExactly(id(all.get(0)));
    }

    // ---------------------------------------------------------------- errors and refusals

    @Test
    @DisplayName("the CapabilityStatement declares US Core 6.1.0 Patient with read, search-type and its parameters")
    void capabilityStatement() throws Exception {
        HttpResponse<String> r = get("metadata", null);
        assertThat(r.statusCode()).isEqualTo(200);
        CapabilityStatement cs = parse(r.body(), CapabilityStatement.class);
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getInstantiates()).extracting(PrimitiveType::getValue)
                .contains("http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0");
        CapabilityStatement.CapabilityStatementRestResourceComponent patient = cs.getRestFirstRep().getResource().stream()
                .filter(x -> x.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getSupportedProfile()).extracting(PrimitiveType::getValue).containsExactly(PROFILE);
        assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type");
        assertThat(patient.getSearchParam()).extracting(p -> p.getName()).contains("_id", "identifier", "name",
                "birthdate", "gender", "family", "given");
        assertThat(patient.getSearchParam()).filteredOn(p -> !p.getName().equals("_lastUpdated"))
                .allSatisfy(p -> assertThat(p.getDefinition())
                        .startsWith("http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-"));
        assertThat(patient.getSearchParam()).filteredOn(p -> p.getName().equals("_lastUpdated")).singleElement()
                .satisfies(p -> assertThat(p.getDefinition())
                        .isEqualTo("http://hl7.org/fhir/SearchParameter/Resource-lastUpdated"));
    }

    @Test
    @DisplayName("the developer pages at /docs/ (no token) list every type and search parameter of the CapabilityStatement")
    void developerPagesAgreeWithTheCapabilityStatement() throws Exception {
        CapabilityStatement cs = parse(get("metadata", null).body(), CapabilityStatement.class);
        URI docs = ehr.gatewayBaseUri().resolve("../docs/");
        String index = HTTP.send(HttpRequest.newBuilder(docs).build(), HttpResponse.BodyHandlers.ofString()).body();
        Set<String> typesOnIndex = matches("<tr id=\"type-([A-Za-z]+)\">", index);
        assertThat(typesOnIndex).as("types on the index").isEqualTo(cs.getRestFirstRep().getResource().stream()
                .map(r -> r.getType()).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(typesOnIndex).hasSizeGreaterThan(20);
        for (CapabilityStatement.CapabilityStatementRestResourceComponent r : cs.getRestFirstRep().getResource()) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(docs.resolve(r.getType() + ".html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(r.getType()).isEqualTo(200);
            assertThat(matches("<tr id=\"param-([A-Za-z0-9_-]+)\">", page.body())).as("parameters of " + r.getType())
                    .isEqualTo(r.getSearchParam().stream().map(p -> p.getName()).collect(Collectors.toCollection(TreeSet::new)));
            r.getSupportedProfile().forEach(p -> assertThat(page.body()).as(r.getType()).contains(p.getValue()));
        }
    }

    private static Set<String> matches(String regex, String text) {
        Set<String> out = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POST,Patient", "POST,''", "PUT,Patient/x", "PATCH,Patient/x", "DELETE,Patient/x",
        "DELETE,Patient?identifier=1", "POST,Patient/$meta-add"})
    @DisplayName("every write is 405 with an Allow header and a not-supported OperationOutcome")
    void writesAreRefused(String method, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ehr.gatewayBaseUri().resolve(path))
                .header("Authorization", bearer(practice)).header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).isPresent();
        OperationOutcome oo = parse(r.body(), OperationOutcome.class);
        assertThat(oo.getIssueFirstRep().getCode().toCode()).isEqualTo("not-supported");
        assertThat(oo.getIssueFirstRep().getSeverity().toCode()).isEqualTo("error");
    }

    @Test
    @DisplayName("CDS Hooks discovery and calls are 501 with a JSON explanation")
    void cdsHooks() throws Exception {
        URI discovery = ehr.baseUri().resolve("fhir-gateway/cds-services");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(discovery).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(ehr.baseUri().resolve("fhir-gateway/cds-services/x"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(List.of(get.statusCode(), post.statusCode())).containsOnly(501);
        assertThat(get.body()).contains("does not support CDS Hooks");
    }

    @Test
    @DisplayName("an unknown parameter is 400 naming it; no practice is 401; health is ready")
    void errorsAndHealth() throws Exception {
        HttpResponse<String> unknown = get("Patient?favourite-colour=blue", practice);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(parse(unknown.body(), OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .contains("favourite-colour");
        assertThat(get("Patient", null).statusCode()).isEqualTo(401);
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(ehr.baseUri().resolve("fhir-gateway/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("sample-ehr");
    }

    // ---------------------------------------------------------------- access tokens

    @Test
    @DisplayName("an app registered with its own key (private_key_jwt, RS384) reads its practice only")
    void privateKeyJwtApp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("it-app-key").generate();
        // The code path of 'java -jar sample-ehr.jar client add --practice PIN --scopes ... --jwks FILE'.
        ClientRegistry.Registration registration = ehr.clients().register(practice, Scope.parse("system/Patient.rs"),
                "IT backend service", new JWKSet(key.toPublicJWK()));
        assertThat(registration.secret()).as("a key client gets no secret").isNull();
        String token = TokenClient.accessToken(TokenClient.requestWithKey(ehr.tokenEndpoint(),
                registration.client().clientId(), key, JWSAlgorithm.RS384, "system/Patient.rs"));

        HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(ehr.gatewayBaseUri().resolve("Patient/" + id(all.get(1))))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(ehr.gatewayBaseUri()
                        .resolve("Patient/" + id(allOfOther.get(1))))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(parse(own.body(), Patient.class).getIdElement().getIdPart()).isEqualTo(id(all.get(1)));
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a missing, forged or foreign-audience token is 401 with WWW-Authenticate; discovery names the token endpoint")
    void tokensAreChecked() throws Exception {
        String valid = bearer(practice).substring("Bearer ".length());
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        for (String header : new String[] {null, "Bearer " + forged, "Bearer not-a-jwt", "Basic abc"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(ehr.gatewayBaseUri().resolve("Patient/" + id(all.get(0))));
            if (header != null) {
                b.header("Authorization", header);
            }
            HttpResponse<String> r = HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("Authorization: %s", header == null ? "none" : header.split(" ")[0])
                    .isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(parse(r.body(), OperationOutcome.class).getIssue()).isNotEmpty();
        }
        HttpResponse<String> discovery = get(".well-known/smart-configuration", null);
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"token_endpoint\"").contains(ehr.tokenEndpoint().toString());
    }

    @Test
    @DisplayName("the EHR's own page lists its practices")
    void ehrPage() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(ehr.ehrPageUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(practice).contains(otherPractice);
    }

    // ---------------------------------------------------------------- helpers

    private Predicate<Patient> birthdate(String value) {
        String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
        String date = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(2) : value;
        SearchValue.Date.Precision precision = date.length() == 4 ? SearchValue.Date.Precision.YEAR
                : date.length() == 7 ? SearchValue.Date.Precision.MONTH : SearchValue.Date.Precision.DAY;
        LocalDate start = precision == SearchValue.Date.Precision.YEAR ? LocalDate.of(Integer.parseInt(date), 1, 1)
                : precision == SearchValue.Date.Precision.MONTH ? LocalDate.parse(date + "-01") : LocalDate.parse(date);
        SearchValue.Date v = new SearchValue.Date(SearchValue.Prefix.valueOf(prefix.toUpperCase()),
                start.atStartOfDay(), precision, null);
        return p -> v.matches(birthDate(p), ZoneOffset.UTC);
    }

    private static SearchValue.Text text(String value) {
        return new SearchValue.Text(value, SearchValue.Text.Mode.STARTS_WITH);
    }

    private static boolean name(Patient p, SearchValue.Text v) {
        for (HumanName n : p.getName()) {
            List<String> parts = new ArrayList<>();
            parts.add(n.getFamily());
            n.getGiven().forEach(g -> parts.add(g.getValue()));
            n.getPrefix().forEach(g -> parts.add(g.getValue()));
            n.getSuffix().forEach(g -> parts.add(g.getValue()));
            parts.add(n.getGiven().stream().map(PrimitiveType::getValue).collect(Collectors.joining(" ")) + " " + n.getFamily());
            if (parts.stream().anyMatch(v::matches)) {
                return true;
            }
        }
        return false;
    }

    private static boolean token(Patient p, SearchValue.Token v) {
        return p.getIdentifier().stream().anyMatch(i -> v.matches(i.getSystem(), i.getValue()));
    }

    private static String family(Patient p) {
        return p.getNameFirstRep().getFamily();
    }

    private static String id(Patient p) {
        return p.getIdElement().getIdPart();
    }

    private static LocalDate birthDate(Patient p) {
        return LocalDate.parse(p.getBirthDateElement().getValueAsString());
    }

    private static List<Patient> filter(List<Patient> patients, Predicate<Patient> predicate) {
        return patients.stream().filter(predicate).toList();
    }

    private static Set<String> ids(List<Patient> patients) {
        return patients.stream().map(GatewayWarContractIT::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** All results of a search, following next links; fails on duplicates across pages. */
    private List<Patient> walk(String pathAndQuery, String pin) {
        List<Patient> out = new ArrayList<>();
        String url = ehr.gatewayBaseUri() + pathAndQuery;
        int pages = 0;
        while (url != null) {
            try {
                HttpResponse<String> r = getUrl(url, pin);
                assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
                Bundle b = parse(r.body(), Bundle.class);
                out.addAll(entries(b));
                url = b.getLink("next") == null ? null : b.getLink("next").getUrl();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(++pages).as("page count of %s", pathAndQuery).isLessThan(500);
        }
        assertThat(out.stream().map(GatewayWarContractIT::id).toList()).as("results of %s", pathAndQuery)
                .doesNotHaveDuplicates();
        out.sort(Comparator.comparing(GatewayWarContractIT::id));
        return out;
    }

    private static List<Patient> entries(Bundle b) {
        return b.getEntry().stream().map(e -> (Patient) e.getResource()).toList();
    }

    private HttpResponse<String> get(String path, String pin) throws Exception {
        return getUrl(ehr.gatewayBaseUri() + path, pin);
    }

    private HttpResponse<String> getUrl(String url, String pin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
        if (pin != null) {
            b.header("Authorization", bearer(pin));
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code Bearer <token>} of the practice's demo client (client_secret_basic). A fresh token per test method
     * keeps each well inside the tokens' 5 minutes.
     */
    private String bearer(String pin) {
        return "Bearer " + tokens.computeIfAbsent(pin, p -> {
            try {
                return TokenClient.demoToken(ehr.tokenEndpoint(), p);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @org.junit.jupiter.api.BeforeEach
    void freshTokens() {
        tokens.clear();
    }

    private IGenericClient client(String pin) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient(ehr.gatewayBaseUri().toString().replaceAll("/$", ""));
        AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("Authorization", bearer(pin));
        client.registerInterceptor(headers);
        return client;
    }

    private static <T extends IBaseResource> T parse(String body, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Encodes each value of "a=b&c=d", keeping the separators and the ':' of modifiers in names. */
    private static String encodeQuery(String query) {
        return Stream.of(query.split("&")).map(kv -> {
            int eq = kv.indexOf('=');
            return kv.substring(0, eq + 1) + enc(kv.substring(eq + 1)).replace("%2C", ",");
        }).collect(Collectors.joining("&"));
    }
}
