package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's generated US Core files match the shared digests they come from
 * ({@code shared/us-core/us-core-6.1.0-server.json} and {@code -must-support.json}). When a digest changes, rerun
 * {@code python3 src/build/generate-us-core-digests.py} in the kit's directory.
 */
class UsCoreDigestFilesTest {

    private static JsonNode digest(String name) throws IOException {
        String folder = System.getProperty("fhirgateway.kit.shared-us-core", "../../../shared/us-core");
        Path file = Path.of(folder, name);
        if (!Files.isRegularFile(file)) {
            fail("The US Core digest " + file.toAbsolutePath().normalize() + " is missing; the kit's resource files are"
                    + " generated from it and checked against it (see shared/us-core/README.md).");
        }
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    @DisplayName("every search parameter of the server digest has its FHIRPath expression in the kit, and no other")
    void searchParameterExpressions() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (JsonNode resource : digest("us-core-6.1.0-server.json").path("resources")) {
            for (JsonNode p : resource.path("searchParams")) {
                expected.put(resource.path("type").asText() + "." + p.path("name").asText(), p.path("expression").asText());
            }
        }
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(UsCoreSearchParameters.get().rawExpressions()).isEqualTo(expected);
        assertThat(UsCoreSearchParameters.get().expression("Patient", "birthdate")).contains("Patient.birthDate");
    }

    @Test
    @DisplayName("every combined search of the server digest is in the kit")
    void combinedSearches() throws IOException {
        for (JsonNode resource : digest("us-core-6.1.0-server.json").path("resources")) {
            List<List<String>> expected = new ArrayList<>();
            resource.path("combinedSearches").forEach(c -> {
                List<String> names = new ArrayList<>();
                c.path("params").forEach(n -> names.add(n.asText()));
                expected.add(names);
            });
            assertThat(UsCoreSearchParameters.get().combinedSearches(resource.path("type").asText()))
                    .as(resource.path("type").asText()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("every must-support element of every profile of the must-support digest is in the kit, in order")
    void mustSupportElements() throws IOException {
        JsonNode profiles = digest("us-core-6.1.0-must-support.json").path("profiles");
        assertThat(profiles.size()).isEqualTo(MustSupportCatalog.get().all().size());
        for (JsonNode profile : profiles) {
            List<String> expected = new ArrayList<>();
            profile.path("mustSupport").forEach(m -> expected.add(m.path("path").asText()
                    + (m.path("uscdiOnly").asBoolean() ? " (USCDI)" : "")));
            List<String> actual = MustSupportCatalog.get().elements(profile.path("url").asText()).stream()
                    .map(e -> e.path() + (e.uscdiOnly() ? " (USCDI)" : "")).toList();
            assertThat(actual).as(profile.path("url").asText()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the must-support FHIRPath of an extension slice selects the extension by its URL")
    void extensionSliceExpression() {
        assertThat(MustSupportCatalog.get().elements("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"))
                .filteredOn(e -> e.path().equals("Patient.extension:race"))
                .singleElement()
                .extracting(MustSupportCatalog.Element::fhirPath)
                .isEqualTo("Patient.extension.where(url='http://hl7.org/fhir/us/core/StructureDefinition/us-core-race')");
    }
}
