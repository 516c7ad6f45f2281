package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.auth.TokenClient;
import dev.fhirgateway.spi.kit.UsCoreValidation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * US Core 6.1.0 server conformance of the built WAR over the sample EHR, the way a certification test kit checks
 * it: the CapabilityStatement declares every SHALL type, search, revinclude and operation of
 * {@code shared/us-core/us-core-6.1.0-server.json}; every SHALL and SHOULD search the server declares finds a
 * resource when searched by that resource's own values (every value form: {@code code} and {@code system|code},
 * {@code id} and {@code Type/id}, dates by day in the recorded time zone and by comparator window, OR lists),
 * after paging, with every result satisfying the token and reference criteria; {@code _revinclude=Provenance:target}
 * brings the Provenance of a record; and every resource served validates against US Core with 0 errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsCoreServerConformanceIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final IFhirPath FHIR_PATH = FHIR.newFhirPath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> PRACTICES = List.of("1001", "2002");

    private final UsCoreDigest digest = UsCoreDigest.load();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<Resource>> data = new ConcurrentHashMap<>();
    private SampleEhrServer ehr;
    private CapabilityStatement capabilities;

    abstract SampleEhrOptions databaseOptions(Path dataDir);

    /** Whether this run also validates every served resource (done once, on the default database). */
    abstract boolean validatesEverything();

    @BeforeAll
    void start() throws Exception {
        Path war = Path.of("target/fhir-gateway.war");
        Path plugins = Path.of("target/adapter-plugin");
        assertThat(war).as("the gateway WAR, built by 'mvn package'").isRegularFile();
        ehr = SampleEhrServer.start(databaseOptions(Files.createTempDirectory("us-core-it")).withHost("127.0.0.1")
                .withPort(0).withWar(war.toAbsolutePath()).withPluginDir(plugins.toAbsolutePath()));
        capabilities = FHIR.newJsonParser().parseResource(CapabilityStatement.class, ok(get("metadata", "1001")));
    }

    @AfterAll
    void stop() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
    }

    // ------------------------------------------------------------------ the CapabilityStatement

    @Test
    void declaresEveryShallTypeSearchRevincludeAndOperation() {
        List<String> missing = new ArrayList<>();
        for (String type : digest.shallTypes()) {
            Optional<CapabilityStatement.CapabilityStatementRestResourceComponent> resource = served(type);
            if (resource.isEmpty()) {
                missing.add(type + " (type)");
                continue;
            }
            Set<String> declared = resource.get().getSearchParam().stream().map(p -> p.getName())
                    .collect(Collectors.toSet());
            for (UsCoreDigest.Search search : digest.searches(type, List.of("SHALL"))) {
                search.params().stream().filter(p -> !declared.contains(p))
                        .forEach(p -> missing.add(search.name() + " (search parameter " + p + ")"));
            }
            if (digest.provenanceRevincludeTypes().contains(type) && resource.get().getSearchRevInclude().stream()
                    .noneMatch(r -> r.getValue().equals("Provenance:target"))) {
                missing.add(type + " (_revinclude=Provenance:target)");
            }
            JsonNode profiles = digest.resource(type).orElseThrow().get("profiles");
            for (JsonNode profile : profiles) {
                if (profile.get("expectation").asText().equals("SHALL") && resource.get().getSupportedProfile()
                        .stream().noneMatch(p -> p.getValue().equals(profile.get("url").asText()))) {
                    missing.add(type + " (profile " + profile.get("url").asText() + ")");
                }
            }
        }
        if (served("DocumentReference").map(r -> r.getOperation().stream().noneMatch(o -> o.getName().equals("docref")))
                .orElse(true)) {
            missing.add("DocumentReference/$docref (operation)");
        }
        assertThat(missing).as("US Core 6.1.0 SHALL items missing from the CapabilityStatement").isEmpty();
    }

    // ------------------------------------------------------------------ searches, derived from the data

    @TestFactory
    Stream<DynamicTest> everyDeclaredShallAndShouldSearchFindsTheResourceItWasTakenFrom() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : digest.shallTypes()) {
            Optional<CapabilityStatement.CapabilityStatementRestResourceComponent> resource = served(type);
            if (resource.isEmpty()) {
                continue;
            }
            Set<String> declared = resource.get().getSearchParam().stream().map(p -> p.getName())
                    .collect(Collectors.toSet());
            for (UsCoreDigest.Search search : digest.searches(type, List.of("SHALL", "SHOULD"))) {
                if (declared.containsAll(search.params())) {
                    tests.add(dynamicTest(search.expectation() + " " + search.name(), () -> checkSearch(search)));
                }
            }
        }
        return tests.stream();
    }

    private void checkSearch(UsCoreDigest.Search search) throws Exception {
        for (String practice : PRACTICES) {
            for (Resource resource : all(search.type(), practice)) {
                Map<String, List<String>> forms = new LinkedHashMap<>();
                for (String param : search.params()) {
                    List<String> values = valueForms(search.type(), param, resource);
                    if (values.isEmpty()) {
                        break;
                    }
                    forms.put(param, values);
                }
                if (forms.size() < search.params().size()) {
                    continue;
                }
                // Each value form of each parameter, the other parameters with their first form.
                for (String param : search.params()) {
                    for (String form : forms.get(param)) {
                        StringBuilder query = new StringBuilder(search.type()).append("?_count=5");
                        forms.forEach((p, values) -> query.append('&').append(p.equals(param) ? form
                                : values.get(0)));
                        List<Resource> found = walk(query.toString(), practice);
                        assertThat(found).as("%s finds %s/%s", query, search.type(), id(resource))
                                .anyMatch(r -> id(r).equals(id(resource)));
                        for (Resource r : found) {
                            for (String p : search.params()) {
                                assertThat(satisfies(search.type(), p, forms.get(p).get(0), r))
                                        .as("%s/%s returned by %s satisfies %s", search.type(), id(r), query,
                                                forms.get(p).get(0))
                                        .isTrue();
                            }
                        }
                    }
                }
                return;
            }
        }
        throw new AssertionError("no " + search.type() + " in practices " + PRACTICES + " has values for all of "
                + search.params() + ": the seed data must let apps exercise every search");
    }

    /** {@code param=value} query parts built from the resource's own values, one per value form worth testing. */
    private List<String> valueForms(String type, String param, Resource resource) {
        JsonNode definition = digest.param(type, param).orElseThrow();
        String kind = definition.get("type").asText();
        List<IBase> values = evaluate(resource, definition.get("expression").asText());
        List<String> forms = new ArrayList<>();
        for (IBase v : values) {
            switch (kind) {
                case "token" -> token(v).ifPresent(t -> {
                    forms.add(param + "=" + enc(t[1]));
                    if (t[0] != null) {
                        forms.add(param + "=" + enc(t[0] + "|" + t[1]));
                    }
                    if ("SHALL".equals(definition.path("multipleOr").asText())) {
                        forms.add(param + "=" + enc(t[1] + ",not-a-code-of-the-data"));
                    }
                });
                case "reference" -> {
                    if (v instanceof Reference ref && ref.hasReference()) {
                        String[] parts = ref.getReference().split("/");
                        forms.add(param + "=" + enc(parts[parts.length - 1]));
                        forms.add(param + "=" + enc(parts[parts.length - 2] + "/" + parts[parts.length - 1]));
                    }
                }
                case "date" -> {
                    BaseDateTimeType start = v instanceof Period p ? p.getStartElement()
                            : v instanceof BaseDateTimeType d ? d : null;
                    if (start != null && start.getValue() != null && start.getValueAsString().length() >= 10) {
                        LocalDate day = LocalDate.parse(start.getValueAsString().substring(0, 10));
                        // A window around the day as recorded, then the day itself (in its own time zone).
                        forms.add(param + "=gt" + day.minusDays(1) + "&" + param + "=lt" + day.plusDays(1));
                        if (!(v instanceof Period)) {
                            forms.add(param + "=" + day);
                        }
                    }
                }
                case "string" -> {
                    String text = v instanceof HumanName n ? n.getFamily()
                            : v instanceof org.hl7.fhir.r4.model.Address a ? a.getCity()
                            : v instanceof PrimitiveType<?> p ? p.getValueAsString() : null;
                    if (text != null && !text.isBlank()) {
                        forms.add(param + "=" + enc(text));
                    }
                }
                default -> {
                }
            }
            if (!forms.isEmpty()) {
                return forms;
            }
        }
        return forms;
    }

    /** Whether a result satisfies {@code part} ("param=value"); dates and strings are left to the kit's oracle. */
    private boolean satisfies(String type, String param, String part, Resource result) {
        JsonNode definition = digest.param(type, param).orElseThrow();
        String value = java.net.URLDecoder.decode(part.substring(part.indexOf('=') + 1), StandardCharsets.UTF_8);
        List<IBase> values = evaluate(result, definition.get("expression").asText());
        return switch (definition.get("type").asText()) {
            case "token" -> values.stream().map(this::token).flatMap(Optional::stream)
                    .anyMatch(t -> value.equals(t[1]) || value.equals(t[0] + "|" + t[1]));
            case "reference" -> values.stream().filter(v -> v instanceof Reference).map(v -> ((Reference) v)
                    .getReference()).anyMatch(r -> r.equals(value) || r.endsWith("/" + value));
            default -> true;
        };
    }

    private Optional<String[]> token(IBase v) {
        if (v instanceof CodeableConcept cc && cc.hasCoding()) {
            Coding c = cc.getCodingFirstRep();
            return Optional.of(new String[] {c.getSystem(), c.getCode()});
        }
        if (v instanceof Coding c && c.hasCode()) {
            return Optional.of(new String[] {c.getSystem(), c.getCode()});
        }
        if (v instanceof Identifier i && i.hasValue()) {
            return Optional.of(new String[] {i.getSystem(), i.getValue()});
        }
        if (v instanceof Enumeration<?> e && e.hasValue()) {
            return Optional.of(new String[] {e.getSystem(), e.getValueAsString()});
        }
        if (v instanceof PrimitiveType<?> p && p.hasValue()) {
            return Optional.of(new String[] {null, p.getValueAsString()});
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ _revinclude=Provenance:target

    @TestFactory
    Stream<DynamicTest> provenanceRevincludeBringsTheProvenanceOfARecord() {
        return digest.provenanceRevincludeTypes().stream().map(type -> dynamicTest(type, () -> {
            for (String practice : PRACTICES) {
                for (Resource provenance : all("Provenance", practice)) {
                    Optional<String> target = ((Provenance) provenance).getTarget().stream()
                            .map(Reference::getReference).filter(r -> r.startsWith(type + "/")).findFirst();
                    if (target.isPresent()) {
                        String id = target.get().substring(type.length() + 1);
                        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class,
                                ok(get(type + "?_id=" + enc(id) + "&_revinclude=Provenance:target", practice)));
                        assertThat(bundle.getEntry()).as("%s?_id=%s&_revinclude=Provenance:target", type, id)
                                .anyMatch(e -> e.getResource().getIdElement().getIdPart().equals(id)
                                        && e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                                .anyMatch(e -> e.getResource() instanceof Provenance p
                                        && p.getIdElement().getIdPart().equals(provenance.getIdElement().getIdPart())
                                        && e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE);
                        return;
                    }
                }
            }
            throw new AssertionError("no Provenance in practices " + PRACTICES + " targets a " + type
                    + ": the seed data must let apps exercise _revinclude=Provenance:target on it");
        }));
    }

    // ------------------------------------------------------------------ $docref and chained searches

    @Test
    void docrefReturnsThePatientsDocumentsForAPeriodAndTheCurrentOnesWithout() throws Exception {
        org.hl7.fhir.r4.model.DocumentReference document = (org.hl7.fhir.r4.model.DocumentReference) all(
                "DocumentReference", "1001").stream()
                .filter(d -> ((org.hl7.fhir.r4.model.DocumentReference) d).getContext().getPeriod().hasStart())
                .findFirst().orElseThrow(() -> new AssertionError("no DocumentReference of 1001 has a care period"));
        String patient = document.getSubject().getReferenceElement().getIdPart();
        String day = document.getContext().getPeriod().getStartElement().getValueAsString().substring(0, 10);

        Bundle period = FHIR.newJsonParser().parseResource(Bundle.class, ok(get("DocumentReference/$docref?patient="
                + enc(patient) + "&start=" + day + "&end=" + day, "1001")));
        Bundle current = FHIR.newJsonParser().parseResource(Bundle.class, ok(get("DocumentReference/$docref?patient="
                + enc(patient), "1001")));

        assertThat(period.getEntry()).as("$docref for the day of %s", id(document))
                .anyMatch(e -> id(e.getResource()).equals(id(document)))
                .allMatch(e -> ((org.hl7.fhir.r4.model.DocumentReference) e.getResource()).getSubject()
                        .getReferenceElement().getIdPart().equals(patient));
        assertThat(current.getEntry()).as("$docref without dates: the current documents").isNotEmpty();
        HttpResponse<String> missing = get("DocumentReference/$docref", "1001");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("OperationOutcome").contains("patient");
    }

    @Test
    void practitionerRoleChainsFindTheRoleOfAPractitionerByIdentifierAndName() throws Exception {
        for (Resource r : all("PractitionerRole", "1001")) {
            org.hl7.fhir.r4.model.PractitionerRole role = (org.hl7.fhir.r4.model.PractitionerRole) r;
            String practitionerId = role.getPractitioner().getReferenceElement().getIdPart();
            Optional<org.hl7.fhir.r4.model.Practitioner> practitioner = all("Practitioner", "1001").stream()
                    .filter(p -> id(p).equals(practitionerId)).map(p -> (org.hl7.fhir.r4.model.Practitioner) p)
                    .filter(p -> p.hasIdentifier() && p.hasName()).findFirst();
            if (practitioner.isEmpty()) {
                continue;
            }
            Identifier identifier = practitioner.get().getIdentifierFirstRep();
            List<Resource> byIdentifier = walk("PractitionerRole?practitioner.identifier="
                    + enc(identifier.getSystem() + "|" + identifier.getValue()), "1001");
            List<Resource> byName = walk("PractitionerRole?practitioner.name="
                    + enc(practitioner.get().getNameFirstRep().getFamily()), "1001");
            assertThat(byIdentifier).anyMatch(x -> id(x).equals(id(role)))
                    .allMatch(x -> ((org.hl7.fhir.r4.model.PractitionerRole) x).getPractitioner()
                            .getReferenceElement().getIdPart().equals(practitionerId));
            assertThat(byName).anyMatch(x -> id(x).equals(id(role)));
            assertThat(walk("PractitionerRole?practitioner.identifier=" + enc("urn:no-such-system|0"), "1001"))
                    .isEmpty();
            return;
        }
        throw new AssertionError("no PractitionerRole of 1001 points at a Practitioner with an identifier and name");
    }

    // ------------------------------------------------------------------ _include

    @TestFactory
    Stream<DynamicTest> everyUsCoreIncludeBringsTheReferencedResource() {
        return digest.includes().stream().map(include -> dynamicTest(include[2] + " " + include[0] + "?_include="
                + include[1], () -> {
            String type = include[0];
            String[] parts = include[1].split(":");
            String targetType = parts.length > 2 ? parts[2] : null;
            // Include parameters are FHIR R4's own (US Core does not redefine them).
            String expression = FHIR.getResourceDefinition(type).getSearchParam(parts[1]).getPath();
            for (String practice : PRACTICES) {
                for (Resource resource : all(type, practice)) {
                    Optional<String> target = evaluate(resource, expression).stream()
                            .filter(v -> v instanceof Reference r && r.hasReference()
                                    && r.getReference().contains("/")
                                    && (targetType == null || r.getReference().startsWith(targetType + "/")))
                            .map(v -> ((Reference) v).getReference()).findFirst();
                    if (target.isPresent()) {
                        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, ok(get(type + "?_id="
                                + enc(id(resource)) + "&_include=" + enc(include[1]), practice)));
                        String[] ref = target.get().split("/");
                        assertThat(bundle.getEntry()).as("%s?_id=%s&_include=%s", type, id(resource), include[1])
                                .anyMatch(e -> e.getResource().fhirType().equals(ref[ref.length - 2])
                                        && id(e.getResource()).equals(ref[ref.length - 1])
                                        && e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE);
                        return;
                    }
                }
            }
            throw new AssertionError("no " + type + " in practices " + PRACTICES + " refers to a resource through "
                    + include[1] + ": the seed data must let apps exercise this _include");
        }));
    }

    // ------------------------------------------------------------------ formats and every resource validates

    @TestFactory
    Stream<DynamicTest> everyServedTypeAnswersSummaryElementsAndXml() {
        return capabilities.getRestFirstRep().getResource().stream().map(r -> r.getType())
                .map(type -> dynamicTest(type, () -> {
                    Bundle summary = FHIR.newJsonParser().parseResource(Bundle.class,
                            ok(get(type + "?_count=2&_summary=true", "1001")));
                    assertThat(summary.getEntry()).as("%s?_summary=true", type).isNotEmpty()
                            .allSatisfy(e -> assertThat(e.getResource().getMeta().getTag()).as("SUBSETTED tag")
                                    .anyMatch(t -> "SUBSETTED".equals(t.getCode())));
                    Bundle elements = FHIR.newJsonParser().parseResource(Bundle.class,
                            ok(get(type + "?_count=2&_elements=id", "1001")));
                    assertThat(elements.getEntry()).isNotEmpty();
                    HttpResponse<String> xml = get(type + "?_count=2&_format=xml", "1001");
                    assertThat(xml.statusCode()).isEqualTo(200);
                    assertThat(FHIR.newXmlParser().parseResource(Bundle.class, xml.body()).getEntry()).isNotEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyServedResourceValidatesAgainstUsCore() {
        if (!validatesEverything()) {
            return Stream.empty();
        }
        return capabilities.getRestFirstRep().getResource().stream().map(r -> r.getType())
                .map(type -> dynamicTest(type, () -> {
                    List<String> errors = new ArrayList<>();
                    int count = 0;
                    for (String practice : PRACTICES) {
                        for (Resource resource : all(type, practice)) {
                            count++;
                            UsCoreValidation.errors(resource).forEach(e -> errors.add(type + "/" + id(resource) + " "
                                    + e));
                        }
                    }
                    assertThat(count).as("%s resources served", type).isPositive();
                    assertThat(errors).as("validation errors of %d %s resources", count, type).isEmpty();
                }));
    }

    // ------------------------------------------------------------------ HTTP

    private Optional<CapabilityStatement.CapabilityStatementRestResourceComponent> served(String type) {
        return capabilities.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst();
    }

    private List<Resource> all(String type, String practice) {
        return data.computeIfAbsent(practice + "/" + type, k -> walk(type + "?_count=100", practice));
    }

    private List<Resource> walk(String pathAndQuery, String practice) {
        List<Resource> out = new ArrayList<>();
        String url = ehr.gatewayBaseUri() + pathAndQuery;
        for (int pages = 0; url != null; pages++) {
            assertThat(pages).as("pages of %s", pathAndQuery).isLessThan(200);
            Bundle bundle;
            try {
                bundle = FHIR.newJsonParser().parseResource(Bundle.class, ok(getUrl(url, practice)));
            } catch (Exception e) {
                throw new AssertionError("GET " + url + ": " + e.getMessage(), e);
            }
            bundle.getEntry().stream().filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
                    .forEach(e -> out.add(e.getResource()));
            url = bundle.getLink("next") == null ? null : bundle.getLink("next").getUrl();
        }
        return out;
    }

    private HttpResponse<String> get(String pathAndQuery, String practice) throws Exception {
        return getUrl(ehr.gatewayBaseUri() + pathAndQuery, practice);
    }

    private HttpResponse<String> getUrl(String url, String practice) throws Exception {
        String token = tokens.computeIfAbsent(practice, p -> {
            try {
                return TokenClient.demoToken(ehr.tokenEndpoint(), p);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            // Demo tokens live 5 minutes; this class runs longer.
            tokens.remove(practice);
            return getUrl(url, practice);
        }
        return response;
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(),
                response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<IBase> evaluate(Resource resource, String expression) {
        // Without a resolver, "X.where(resolve() is Patient)" is read as "a reference to a Patient".
        String rewritten = expression.replaceAll("\\.where\\(resolve\\(\\) is (\\w+)\\)",
                ".where(reference.startsWith('$1/'))").replace(".valueDateTime", ".value.ofType(dateTime)");
        List<IBase> out = new ArrayList<>();
        for (String alternative : rewritten.split(" \\| ")) {
            String path = alternative.trim();
            if (path.startsWith("(") && path.endsWith(")")) {
                path = path.substring(1, path.length() - 1);
            }
            if (path.startsWith(resource.fhirType() + ".") || path.startsWith(resource.fhirType() + " ")) {
                out.addAll(FHIR_PATH.evaluate(resource, path, IBase.class));
            }
        }
        return out;
    }

    private static String id(Resource r) {
        return r.getIdElement().getIdPart();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
