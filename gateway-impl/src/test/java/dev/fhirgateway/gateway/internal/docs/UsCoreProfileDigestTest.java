package dev.fhirgateway.gateway.internal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.spi.kit.RequiredInCi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The committed digest {@code us-core-6.1.0-profiles.tsv} is what the US Core 6.1.0 package yields
 * ({@link UsCoreProfileDigest}), like {@code docs/settings.md} is what {@code GatewaySetting} yields. The package is
 * read from the FHIR package cache ({@code ~/.fhir/packages/hl7.fhir.us.core#6.1.0}, which {@code .ci/run} seeds),
 * else from {@code ../../shared/us-core/us_core_610.tgz}; without either the test is skipped loudly, and fails in CI.
 */
@DisplayName("The US Core profile digest behind the developer pages")
class UsCoreProfileDigestTest {

    static final Path COMMITTED = Path.of("src/main/resources/dev/fhirgateway/gateway/internal/docs",
            UsCoreProfiles.RESOURCE);
    private static final String REGENERATE = "regenerate: mvn -pl gateway-impl -am test -Dtest=UsCoreProfileDigestTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dus-core-digest.write=true";

    @Test
    @DisplayName("is current: generated from the US Core 6.1.0 package (regenerate with -Dus-core-digest.write=true)")
    void digestIsCurrent() throws Exception {
        String expected = UsCoreProfileDigest.digest(structureDefinitions());
        if (Boolean.getBoolean("us-core-digest.write")) {
            Files.writeString(COMMITTED, expected, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as(REGENERATE).isRegularFile();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8)).as("the digest is stale; " + REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("reads back: US Core Patient's must-support and USCDI elements, additional USCDI requirements apart")
    void patientProfile() {
        UsCoreProfiles.Profile patient = UsCoreProfiles.bundled()
                .profile("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient|6.1.0").orElseThrow();
        assertThat(patient.type()).isEqualTo("Patient");
        assertThat(patient.title()).isEqualTo("US Core Patient Profile");
        assertThat(patient.page()).isEqualTo("https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-patient.html");
        UsCoreProfiles.Element race = element(patient, "Patient.extension:race");
        assertThat(race.uscdi()).isTrue();
        assertThat(race.additionalUscdi()).as("race is an Additional USCDI Requirement, not must support").isTrue();
        UsCoreProfiles.Element name = element(patient, "Patient.name");
        assertThat(name.mustSupport()).isTrue();
        assertThat(name.cardinality()).isEqualTo("1..*");
        assertThat(patient.uscdiDataElements()).extracting(UsCoreProfiles.Element::id)
                .contains("Patient.name", "Patient.birthDate", "Patient.extension:race")
                .doesNotContain("Patient.name.family");
        assertThat(UsCoreProfiles.bundled().profiles()).hasSize(49);
    }

    private static UsCoreProfiles.Element element(UsCoreProfiles.Profile p, String id) {
        return p.elements().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static Map<String, String> structureDefinitions() throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".fhir", "packages", "hl7.fhir.us.core#6.1.0", "package");
        if (Files.isRegularFile(cache.resolve("package.json"))) {
            return UsCoreProfileDigest.fromFolder(cache);
        }
        Path tgz = Path.of("..", "..", "shared", "us-core", "us_core_610.tgz");
        if (Files.isRegularFile(tgz)) {
            return UsCoreProfileDigest.fromTgz(tgz);
        }
        RequiredInCi.missing("The US Core 6.1.0 package is neither in " + cache + " nor at " + tgz.toAbsolutePath()
                + ".", "the profile digest check", "mkdir -p ~/.fhir/packages/hl7.fhir.us.core#6.1.0"
                + " && tar -xzf us_core_610.tgz -C ~/.fhir/packages/hl7.fhir.us.core#6.1.0", null, null);
        return Map.of();
    }
}
