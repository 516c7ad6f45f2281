package dev.fhirgateway.gateway.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UsCoreSearchParameterDefinitionsTest {

    /** The US Core 6.1.0 server digest, relative to the gateway-impl module directory (Maven's working directory). */
    private static final Path SERVER_DIGEST = Path.of("../../shared/us-core/us-core-6.1.0-server.json");

    private final UsCoreSearchParameterDefinitions definitions = new UsCoreSearchParameterDefinitions();

    /** Every "ResourceType.code" of the digest with its definition URL. */
    private static Map<String, String> digestDefinitions() throws IOException {
        if (!Files.isRegularFile(SERVER_DIGEST)) {
            fail("The US Core digest " + SERVER_DIGEST.toAbsolutePath().normalize() + " is missing; it is the"
                    + " reference the gateway's search parameter definitions are checked against (see"
                    + " shared/us-core/README.md). Run the tests from the gateway-impl module directory.");
        }
        JsonNode root = new ObjectMapper().readTree(SERVER_DIGEST.toFile());
        JsonNode resources = root.path("resources");
        assertThat(resources.isArray()).as("'resources' array in " + SERVER_DIGEST).isTrue();
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode resource : resources) {
            String type = resource.path("type").asText();
            for (JsonNode param : resource.path("searchParams")) {
                String key = type + "." + param.path("name").asText();
                assertThat(param.hasNonNull("definition")).as("definition of " + key + " in the digest").isTrue();
                assertThat(out.put(key, param.path("definition").asText())).as("duplicate " + key).isNull();
            }
        }
        return out;
    }

    @Test
    @DisplayName("every search parameter of the US Core 6.1.0 server digest has the same definition URL")
    void everyDigestEntryHasTheSameDefinition() throws IOException {
        Map<String, String> expected = digestDefinitions();
        assertThat(expected).as("search parameters in the digest").hasSizeGreaterThan(100);

        SoftAssertions softly = new SoftAssertions();
        expected.forEach((key, url) -> {
            int dot = key.indexOf('.');
            softly.assertThat(definitions.definition(key.substring(0, dot), key.substring(dot + 1)))
                    .as(key).contains(url);
        });
        softly.assertAll();
    }

    @Test
    @DisplayName("the definitions file holds nothing beyond the digest's search parameters")
    void noStaleEntries() throws IOException {
        Map<String, String> expected = digestDefinitions();
        Properties file = new Properties();
        try (InputStream in = UsCoreSearchParameterDefinitions.class
                .getResourceAsStream("us-core-search-parameters.properties")) {
            assertThat(in).as("us-core-search-parameters.properties on the class path").isNotNull();
            file.load(in);
        }

        assertThat(file.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    @DisplayName("Patient.name maps to US Core's us-core-patient-name")
    void patientName() {
        assertThat(definitions.definition("Patient", "name"))
                .contains("http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-name");
    }

    @Test
    @DisplayName("parameters US Core does not define, and wrong-case types, have no definition")
    void undefinedParameters() {
        assertThat(definitions.definition("Patient", "favorite-color")).isEmpty();
        assertThat(definitions.definition("patient", "name")).isEmpty();
        assertThat(definitions.definition("Basic", "code")).isEmpty();
    }
}
