package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.Scope;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.TokenClient;
import dev.fhirgateway.sample.fhirimport.BundleImporter;
import dev.fhirgateway.sample.fhirimport.ImportException;
import dev.fhirgateway.sample.fhirimport.ImportReport;
import dev.fhirgateway.spi.kit.UsCoreValidation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13's round trip: every example of the US Core 6.1.0 package, every Inferno fixture Bundle and the Bundles in
 * {@code src/test/resources/roundtrip} (repeats the others lack: several languages, contact points) are imported
 * with the EHR's importer, then read back through the gateway WAR in Jetty over HTTP with access tokens, and
 * compared must-support element by must-support element ({@code shared/us-core/us-core-6.1.0-must-support.json},
 * for the profiles the input claims, else those the output claims). Every read-back resource must validate with
 * 0 errors.
 *
 * <p>The comparison flattens each must-support element of input and output into its primitive leaves
 * ({@code coding.code=...}) and requires every leaf of the input in the output. Normalizations (documented in the
 * README's mapping notes): references compare as {@code Type/id} ({@code urn:uuid:} full URLs resolved, absolute
 * URLs cut to their last two segments) and without {@code display}; element ids are ignored. Losses still left
 * are listed, each with its reason, in {@code src/test/resources/roundtrip/known-losses.txt}: the test fails on
 * a loss not listed there, and on a listed loss that no longer occurs (so the list only shrinks). Validation
 * errors are handled alike with {@code known-invalid.txt} (empty: 0 errors).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsCoreRoundTripIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final IFhirPath FHIR_PATH = FHIR.newFhirPath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EXAMPLES_PRACTICE = "6100";
    /**
     * Patient/example-targeted-provenance carries Patient/example's MRN (1032702 of the same hospital): one
     * practice cannot hold two patients under one MRN, so it and its Provenance go to a practice of their own.
     */
    private static final String SECOND_EXAMPLES_PRACTICE = "6101";
    private static final Set<String> SECOND_PRACTICE_FILES =
            Set.of("Patient-example-targeted-provenance.json", "Provenance-example-targeted-provenance.json");
    private static final String INFERNO_PRACTICE = "6200";
    /**
     * Bundles of this test's own (src/test/resources/roundtrip/*.json) for must-support repeats neither the package's
     * examples nor the Inferno patients have: several languages of a patient, several contact points of a site and
     * of a clinician's role.
     */
    private static final String FIXTURES_PRACTICE = "6300";

    /** One imported file: its resources (ids as imported), where they went, and what the import reported. */
    private record Imported(String practice, String source, List<Resource> resources, Map<String, String> fullUrls,
            ImportReport report) {
    }

    private final List<Imported> imported = new ArrayList<>();
    private final List<String> refusedFiles = new ArrayList<>();
    private final Map<String, String> tokens = new HashMap<>();
    private SampleEhrServer ehr;

    @BeforeAll
    void importAndStart() throws Exception {
        Path war = Path.of("target/fhir-gateway.war");
        assertThat(war).as("the gateway WAR, built by 'mvn package'").isRegularFile();
        SampleEhrOptions options = SampleEhrOptions.defaults().withDataDir(Files.createTempDirectory("round-trip"))
                .withHost("127.0.0.1").withPort(0).withWar(war.toAbsolutePath())
                .withPluginDir(Path.of("target/adapter-plugin").toAbsolutePath());
        try (EhrDatabase database = EhrDatabase.open(options.effectiveJdbcUrl(), options.dbUser(),
                options.dbPassword())) {
            SeedData.seedIfEmpty(database.jdbi());
            BundleImporter importer = new BundleImporter(database.jdbi());
            importExamples(importer);
            for (Path file : infernoFiles()) {
                importFile(importer, INFERNO_PRACTICE, file, (Bundle) parse(file, Bundle.class));
            }
            for (Path file : ownFixtures()) {
                importFile(importer, FIXTURES_PRACTICE, file, (Bundle) parse(file, Bundle.class));
            }
        }
        ehr = SampleEhrServer.start(options);
        ClientRegistry clients = ehr.clients();
        for (String practice : List.of(EXAMPLES_PRACTICE, SECOND_EXAMPLES_PRACTICE, INFERNO_PRACTICE,
                FIXTURES_PRACTICE)) {
            ClientRegistry.Registration app = clients.register(practice, Scope.parse("system/*.rs"), "round trip",
                    null);
            tokens.put(practice, TokenClient.accessToken(TokenClient.requestWithSecret(ehr.tokenEndpoint(),
                    app.client().clientId(), app.secret(), "system/*.rs")));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
    }

    @Test
    void everyMustSupportElementComesBackEqualAndEveryResourceIsConformant() throws Exception {
        MustSupport mustSupport = MustSupport.load();
        Map<String, Integer> losses = new TreeMap<>();
        Map<String, Set<String>> lossWhere = new TreeMap<>();
        List<String> invalid = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int compared = 0;
        for (Imported file : imported) {
            Map<String, String> skipped = new HashMap<>();
            file.report().skipped().forEach(s -> skipped.put(s.substring(0, s.indexOf(": ")),
                    s.substring(s.indexOf(": ") + 2)));
            for (Resource input : file.resources()) {
                String ref = input.fhirType() + "/" + input.getIdElement().getIdPart();
                if (skipped.containsKey(ref)) {
                    String reason = skipped.get(ref);
                    if (!reason.startsWith("already in the EHR")) {
                        losses.merge(input.fhirType() + " not kept: " + reason.replaceAll("'[^']*'", "'…'"), 1,
                                Integer::sum);
                    }
                    continue;
                }
                HttpResponse<String> response = get(file.practice(), ref);
                if (response.statusCode() != 200) {
                    missing.add(ref + " from " + file.source() + ": HTTP " + response.statusCode());
                    continue;
                }
                Resource output = (Resource) FHIR.newJsonParser().parseResource(response.body());
                compared++;
                List<String> errors = UsCoreValidation.errors(output);
                errors.forEach(e -> invalid.add(ref + ": " + e));
                if (!errors.isEmpty()) {
                    // What the gateway answered, for the one who reads the failure.
                    Path dump = Path.of("target", "roundtrip-invalid", ref.replace('/', '-') + ".json");
                    Files.createDirectories(dump.getParent());
                    Files.writeString(dump, response.body());
                }
                compare(mustSupport, input, output, file.fullUrls()).forEach((loss, leaf) -> {
                    losses.merge(loss, 1, Integer::sum);
                    lossWhere.computeIfAbsent(loss, k -> new TreeSet<>()).add(ref + " (" + file.source() + "): "
                            + leaf);
                });
            }
        }
        Set<String> known = listed("known-losses.txt");
        Set<String> knownInvalid = listed("known-invalid.txt");
        Set<String> unexpectedInvalid = new TreeSet<>(invalid);
        unexpectedInvalid.removeAll(knownInvalid);
        Set<String> goneInvalid = new TreeSet<>(knownInvalid);
        invalid.forEach(goneInvalid::remove);
        Set<String> unexpected = new TreeSet<>(losses.keySet());
        unexpected.removeAll(known);
        Set<String> gone = new TreeSet<>(known);
        gone.removeAll(losses.keySet());
        Path actual = Path.of("target", "roundtrip-losses.txt");
        Files.writeString(actual, String.join("\n", losses.keySet()) + "\n");
        // Which resources lose what, for the one who works on a loss.
        StringBuilder where = new StringBuilder();
        lossWhere.forEach((loss, refs) -> where.append(loss).append('\n')
                .append(refs.stream().map(r -> "    " + r + "\n").reduce("", String::concat)));
        Files.writeString(Path.of("target", "roundtrip-losses-where.txt"), where.toString());

        assertThat(refusedFiles).as("files refused").isEmpty();
        assertThat(compared).as("resources read back and compared").isGreaterThan(500);
        assertThat(missing).as("imported resources the gateway does not serve back").isEmpty();
        assertThat(unexpectedInvalid).as("validation errors of read-back resources (0 required; answers in"
                + " target/roundtrip-invalid)").isEmpty();
        assertThat(goneInvalid).as("documented validation errors that no longer occur: remove them from"
                + " roundtrip/known-invalid.txt").isEmpty();
        assertThat(unexpected).as("must-support losses not documented in roundtrip/known-losses.txt (all found: %s)",
                actual.toAbsolutePath()).isEmpty();
        assertThat(gone).as("documented losses that no longer occur: remove them from roundtrip/known-losses.txt")
                .isEmpty();
    }

    // ------------------------------------------------------------------ importing

    private void importExamples(BundleImporter importer) throws IOException {
        Bundle main = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Bundle second = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<Path> bundles = new ArrayList<>();
        for (Path file : exampleFiles()) {
            Resource resource = (Resource) parse(file, null);
            if (resource instanceof Bundle) {
                bundles.add(file);
            } else if (resource.fhirType().equals("Questionnaire")) {
                // Questionnaires are forms, not patient data: the EHR keeps none (and serves no Questionnaire).
                continue;
            } else {
                (SECOND_PRACTICE_FILES.contains(file.getFileName().toString()) ? second : main).addEntry()
                        .setFullUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                        .setResource(resource);
            }
        }
        importFile(importer, EXAMPLES_PRACTICE, Path.of("package-examples"), main);
        importFile(importer, SECOND_EXAMPLES_PRACTICE, Path.of("package-examples-targeted-provenance"), second);
        for (Path file : bundles) {
            importFile(importer, EXAMPLES_PRACTICE, file, (Bundle) parse(file, Bundle.class));
        }
    }

    private void importFile(BundleImporter importer, String practice, Path file, Bundle bundle) {
        String source = file.getFileName().toString();
        try {
            // The importer sets ids of resources without one, so it gets its own copy. Through JSON, not copy():
            // HAPI's Base64BinaryType.copy() drops the extensions of a value-less primitive (a data-absent-reason).
            String json = FHIR.newJsonParser().encodeResourceToString(bundle);
            Bundle copy = FHIR.newJsonParser().parseResource(Bundle.class, json);
            bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);
            ImportReport report = importer.importBundle(practice, copy, source);
            List<Resource> resources = new ArrayList<>();
            Map<String, String> fullUrls = new HashMap<>();
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                Resource original = bundle.getEntry().get(i).getResource();
                Resource asImported = copy.getEntry().get(i).getResource();
                if (original == null) {
                    continue;
                }
                Resource input = original;
                input.setId(asImported.getIdElement().getIdPart());
                resources.add(input);
                if (bundle.getEntry().get(i).hasFullUrl()) {
                    fullUrls.put(bundle.getEntry().get(i).getFullUrl(),
                            input.fhirType() + "/" + input.getIdElement().getIdPart());
                }
            }
            imported.add(new Imported(practice, source, resources, fullUrls, report));
        } catch (ImportException e) {
            refusedFiles.add(e.getMessage());
        }
    }

    private static List<Path> exampleFiles() throws IOException {
        String cache = System.getProperty("fhirgateway.kit.fhir-package-cache");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".fhir", "packages");
        Path folder = root.resolve("hl7.fhir.us.core#6.1.0").resolve("package").resolve("example");
        assertThat(folder).as("the US Core 6.1.0 package's examples (seed the FHIR package cache from"
                + " shared/us-core/us_core_610.tgz, as for the compatibility kit)").isDirectory();
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(list).as("examples in %s", folder).hasSize(183);
            return list;
        }
    }

    private static List<Path> infernoFiles() throws IOException {
        Path folder = Path.of("..", "..", "shared", "fixtures", "inferno").toAbsolutePath().normalize();
        assertThat(folder).as("the Inferno fixtures (shared/fixtures/inferno beside the checkout)").isDirectory();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("uscore_bundle_")).sorted().toList();
        }
    }

    private static List<Path> ownFixtures() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "roundtrip"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(list).as("the round trip's own Bundles in src/test/resources/roundtrip").isNotEmpty();
            return list;
        }
    }

    private static Object parse(Path file, Class<Bundle> type) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return type == null ? FHIR.newJsonParser().parseResource(json) : FHIR.newJsonParser().parseResource(type, json);
    }

    // ------------------------------------------------------------------ comparing

    /**
     * Losses of one resource: {@code Type mustSupportPath leaf}, one per must-support leaf of the input missing, with
     * the first such leaf of the input ({@code path=value}).
     */
    private static Map<String, String> compare(MustSupport mustSupport, Resource input, Resource output,
            Map<String, String> fullUrls) {
        Map<String, String> losses = new TreeMap<>();
        for (MustSupport.Element element : mustSupport.elementsFor(input, output)) {
            // An element that is a reference's text (Provenance.target.reference) compares as Type/id too.
            boolean referenceText = element.path().endsWith(".reference");
            Set<String> in = leaves(FHIR_PATH.evaluate(input, element.fhirPath(), Base.class), fullUrls,
                    referenceText);
            if (in.isEmpty()) {
                continue;
            }
            Set<String> out = leaves(FHIR_PATH.evaluate(output, element.fhirPath(), Base.class), Map.of(),
                    referenceText);
            for (String leaf : in) {
                if (!out.contains(leaf)) {
                    String where = leaf.substring(0, leaf.indexOf('='));
                    losses.putIfAbsent(input.fhirType() + " " + element.path() + (where.isEmpty() ? "" : " " + where),
                            leaf);
                }
            }
        }
        return losses;
    }

    /** The primitive leaves of values as {@code relative.path=value}, references normalized. */
    private static Set<String> leaves(List<Base> values, Map<String, String> fullUrls, boolean referenceText) {
        Set<String> out = new LinkedHashSet<>();
        for (Base value : values) {
            if (referenceText && value instanceof IPrimitiveType<?> text && text.getValueAsString() != null) {
                out.add("=" + normalizeReference(text.getValueAsString(), fullUrls));
                continue;
            }
            flatten(value, "", out, fullUrls, value instanceof Extension);
        }
        return out;
    }

    /**
     * @param inExtension whether the value is (inside) a must-support extension: its nested extensions are its
     *     content. Elsewhere, extensions on an element (a data-absent-reason on a category, a geolocation on an
     *     address) are not must-support and are not compared; nor are a coding's version and userSelected.
     */
    private static void flatten(Base value, String path, Set<String> out, Map<String, String> fullUrls,
            boolean inExtension) {
        if (value instanceof Reference reference) {
            if (reference.hasReference()) {
                out.add(join(path, "reference") + "=" + normalizeReference(reference.getReference(), fullUrls));
            }
            return;
        }
        if (value instanceof IPrimitiveType<?> primitive && primitive.getValueAsString() != null) {
            out.add(path + "=" + primitive.getValueAsString());
        }
        for (Property property : value.children()) {
            String name = property.getName();
            if (name.equals("id") && !(value instanceof Resource)
                    || (name.equals("extension") || name.equals("modifierExtension")) && !inExtension
                    || value instanceof org.hl7.fhir.r4.model.Coding
                            && (name.equals("version") || name.equals("userSelected"))
                    || name.equals("url") && value instanceof Extension) {
                continue;
            }
            for (Base child : property.getValues()) {
                String childName = child instanceof Extension extension ? "extension(" + extension.getUrl() + ")"
                        : name;
                flatten(child, join(path, childName), out, fullUrls, inExtension);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String normalizeReference(String reference, Map<String, String> fullUrls) {
        if (fullUrls.containsKey(reference)) {
            return fullUrls.get(reference);
        }
        String[] parts = reference.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : reference;
    }

    private static Set<String> listed(String name) throws IOException {
        Path file = Path.of("src", "test", "resources", "roundtrip", name);
        Set<String> known = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String entry = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            if (!entry.isBlank()) {
                known.add(entry.strip());
            }
        }
        return known;
    }

    private HttpResponse<String> get(String practice, String pathAndQuery) throws Exception {
        String[] parts = pathAndQuery.split("/", 2);
        URI uri = URI.create(ehr.gatewayBaseUri() + parts[0] + "/"
                + URLEncoder.encode(parts[1], StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + tokens.get(practice)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The must-support elements of each US Core 6.1.0 profile, from the shared digest. */
    private record MustSupport(Map<String, List<Element>> byProfile) {

        /** One must-support element: its id in the profile and a FHIRPath that selects it. */
        record Element(String path, String fhirPath) {
        }

        static MustSupport load() throws IOException {
            Path file = Path.of("..", "..", "shared", "us-core", "us-core-6.1.0-must-support.json").toAbsolutePath()
                    .normalize();
            assertThat(file).as("the US Core 6.1.0 must-support digest (shared/us-core)").isRegularFile();
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            Map<String, List<Element>> byProfile = new LinkedHashMap<>();
            for (JsonNode profile : root.get("profiles")) {
                List<Element> elements = new ArrayList<>();
                for (JsonNode element : profile.get("mustSupport")) {
                    String path = element.get("path").asText();
                    String extension = element.has("extension") ? element.get("extension").asText() : null;
                    elements.add(new Element(path, fhirPath(path, extension)));
                }
                byProfile.put(profile.get("url").asText(), elements);
            }
            return new MustSupport(byProfile);
        }

        /**
         * {@code Patient.extension:race} becomes {@code Patient.extension('…us-core-race')}; other slices and
         * {@code [x]} are dropped (the element as a whole is compared).
         */
        private static String fhirPath(String path, String extensionUrl) {
            StringBuilder out = new StringBuilder();
            for (String segment : path.split("\\.")) {
                String name = segment.contains(":") ? segment.substring(0, segment.indexOf(':')) : segment;
                name = name.replace("[x]", "");
                if (!out.isEmpty()) {
                    out.append('.');
                }
                if (name.equals("extension") && segment.contains(":") && extensionUrl != null) {
                    out.append("extension('").append(extensionUrl).append("')");
                } else {
                    out.append(name);
                }
            }
            return out.toString();
        }

        /**
         * The elements of the US Core profiles the input claims, else of those the output claims. An element whose
         * must-support children are listed is compared through them (its other parts are not must-support); a
         * slice is compared as its element when the element itself is listed.
         */
        List<Element> elementsFor(Resource input, Resource output) {
            Map<String, Element> elements = new LinkedHashMap<>();
            for (Resource r : List.of(input, output)) {
                r.getMeta().getProfile().forEach(p -> {
                    String url = p.getValue().contains("|") ? p.getValue().substring(0, p.getValue().indexOf('|'))
                            : p.getValue();
                    byProfile.getOrDefault(url, List.of()).forEach(e -> elements.putIfAbsent(e.fhirPath(), e));
                });
                if (!elements.isEmpty()) {
                    break;
                }
            }
            List<Element> compared = new ArrayList<>();
            for (Element e : elements.values()) {
                boolean hasChildren = elements.keySet().stream()
                        .anyMatch(other -> other.startsWith(e.fhirPath() + "."));
                if (!hasChildren) {
                    compared.add(e);
                }
            }
            return compared;
        }
    }
}
