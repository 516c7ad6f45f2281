package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchParameterSupport;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which declared search parameters the kit accepts: US Core 6.1.0's, and FHIR R4's quantity parameters. */
class KitChecksDeclarationsTest {

    private static KitChecks checks(List<SearchParameterSupport> parameters) {
        FixtureObservationAdapter adapter = new FixtureObservationAdapter() {
            @Override
            public List<ResourceSupport> supportedResources() {
                return List.of(new ResourceSupport("Observation", List.of(KitFixtures.LAB_PROFILE), parameters));
            }
        };
        return new KitChecks(new AdapterProbe(adapter, Duration.ofSeconds(30)), KitFixtures.PRACTICE,
                KitFixtures.OTHER_PRACTICE, ZoneOffset.UTC, 4);
    }

    @Test
    @DisplayName("FHIR R4 quantity parameters declared as quantity are accepted next to US Core's")
    void quantityParametersAccepted() {
        assertThatCode(() -> checks(List.of(SearchParameterSupport.token("code"),
                SearchParameterSupport.quantity("value-quantity"),
                SearchParameterSupport.quantity("component-value-quantity"))).declaresResources())
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a quantity parameter declared with another type is refused, naming its type")
    void quantityParameterWithWrongType() {
        assertThatThrownBy(() -> checks(List.of(SearchParameterSupport.token("value-quantity"))).declaresResources())
                .isInstanceOf(AssertionError.class)
                .hasMessage("Observation declares search parameter 'value-quantity' as token; FHIR R4 defines it as a"
                        + " quantity parameter");
    }

    @Test
    @DisplayName("other parameters US Core does not define are still refused")
    void otherCoreParametersRefused() {
        assertThatThrownBy(() -> checks(List.of(SearchParameterSupport.token("value-concept"))).declaresResources())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'value-concept', which US Core 6.1.0 does not define for it");
    }

    @Test
    @DisplayName("types US Core lists without a profile (Endpoint, Media) declare the base FHIR profile; others may not")
    void baseProfileOnlyForProfilelessUsCoreTypes() {
        ResourceSupport endpoint = new ResourceSupport("Endpoint",
                List.of("http://hl7.org/fhir/StructureDefinition/Endpoint"), List.of());
        ResourceSupport observation = new ResourceSupport("Observation",
                List.of("http://hl7.org/fhir/StructureDefinition/Observation"), List.of());
        org.assertj.core.api.Assertions.assertThat(KitChecks.isBaseProfileOfProfilelessType(endpoint,
                "http://hl7.org/fhir/StructureDefinition/Endpoint")).isTrue();
        org.assertj.core.api.Assertions.assertThat(KitChecks.isBaseProfileOfProfilelessType(observation,
                "http://hl7.org/fhir/StructureDefinition/Observation")).isFalse();
    }
}
