package dev.fhirgateway.gateway.internal.include;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link IncludePlanner} follows includes with HAPI's built-in FHIR R4 search parameter definitions (the US
 * Core includes all use base parameters, which the US Core digest does not describe). This checks that every
 * include and revinclude of the US Core 6.1.0 server digest is one those definitions can follow.
 */
class UsCoreIncludeDefinitionsTest {

    /** The US Core 6.1.0 server digest, relative to the gateway-impl module directory (Maven's working directory). */
    private static final Path SERVER_DIGEST = Path.of("../../shared/us-core/us-core-6.1.0-server.json");

    @Test
    @DisplayName("every US Core 6.1.0 _include and _revinclude is a reference parameter of FHIR R4 with a path and the named target")
    void everyUsCoreIncludeIsFollowable() throws IOException {
        if (!Files.isRegularFile(SERVER_DIGEST)) {
            fail("The US Core digest " + SERVER_DIGEST.toAbsolutePath().normalize() + " is missing (see"
                    + " shared/us-core/README.md). Run the tests from the gateway-impl module directory.");
        }
        JsonNode resources = new ObjectMapper().readTree(SERVER_DIGEST.toFile()).path("resources");
        FhirContext fhir = FhirContext.forR4Cached();
        List<String> checked = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode resource : resources) {
            String searched = resource.path("type").asText();
            for (JsonNode include : resource.path("include")) {
                String[] parts = include.path("value").asText().split(":");
                check(softly, fhir, parts[0], parts[1], parts.length > 2 ? parts[2] : null);
                checked.add(include.path("value").asText());
            }
            for (JsonNode revinclude : resource.path("revinclude")) {
                String[] parts = revinclude.path("value").asText().split(":");
                check(softly, fhir, parts[0], parts[1], searched);
                checked.add(searched + " <- " + revinclude.path("value").asText());
            }
        }
        softly.assertAll();
        assertThat(checked).as("includes in the digest").contains("MedicationRequest:medication",
                "CareTeam:participant:Practitioner", "Patient <- Provenance:target").hasSizeGreaterThan(20);
    }

    @Test
    @DisplayName("the revincludes the CapabilityStatement advertises are exactly those of the US Core 6.1.0 digest")
    void advertisedRevincludesAreUsCores() throws IOException {
        if (!Files.isRegularFile(SERVER_DIGEST)) {
            fail("The US Core digest " + SERVER_DIGEST.toAbsolutePath().normalize() + " is missing (see"
                    + " shared/us-core/README.md). Run the tests from the gateway-impl module directory.");
        }
        Set<String> inDigest = new TreeSet<>();
        for (JsonNode resource : new ObjectMapper().readTree(SERVER_DIGEST.toFile()).path("resources")) {
            resource.path("revinclude").forEach(r -> inDigest.add(r.path("value").asText()));
        }
        assertThat(IncludePlanner.US_CORE_REVINCLUDES).containsExactlyInAnyOrderElementsOf(inDigest);
    }

    private static void check(SoftAssertions softly, FhirContext fhir, String source, String parameter, String target) {
        RuntimeSearchParam definition = fhir.getResourceDefinition(source).getSearchParam(parameter);
        softly.assertThat(definition).as(source + ":" + parameter).isNotNull();
        if (definition == null) {
            return;
        }
        softly.assertThat(definition.getParamType()).as(source + ":" + parameter)
                .isEqualTo(RestSearchParameterTypeEnum.REFERENCE);
        softly.assertThat(definition.getPath()).as("path of " + source + ":" + parameter).isNotBlank();
        if (target != null && !definition.getTargets().isEmpty() && !definition.getTargets().contains("Resource")) {
            softly.assertThat(definition.getTargets()).as("targets of " + source + ":" + parameter).contains(target);
        }
    }
}
