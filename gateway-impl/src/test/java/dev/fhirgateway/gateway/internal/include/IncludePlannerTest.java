package dev.fhirgateway.gateway.internal.include;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.adapter.DiscoveredProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.fhirgateway.gateway.http.InMemoryClinicalAdapterProvider;
import dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider;

class IncludePlannerTest {

    private static AdapterRegistry registry;
    private static IncludePlanner planner;

    @BeforeAll
    static void open() {
        registry = AdapterRegistry.open(List.of(
                new DiscoveredProvider(new InMemoryPatientAdapterProvider(), "test"),
                new DiscoveredProvider(new InMemoryClinicalAdapterProvider(), "test")),
                GatewaySettings.of(Map.of(InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true")));
        planner = new IncludePlanner(registry, FhirContext.forR4Cached());
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    private static IncludePlan plan(String type, boolean lenient, String... namesAndValues) {
        Map<String, String[]> parameters = new java.util.TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.merge(namesAndValues[i], new String[] {namesAndValues[i + 1]}, (a, b) -> {
                String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                return both;
            });
        }
        return planner.plan(registry.route(type).orElseThrow().support(), parameters, lenient);
    }

    @Test
    @DisplayName("a supported include and revinclude are planned with their served targets and kept for paging links")
    void supported() {
        IncludePlan plan = plan("MedicationRequest", false, "_include", "MedicationRequest:medication",
                "_revinclude", "Provenance:target", "patient", "a1");

        assertThat(plan.includes()).singleElement().satisfies(s -> {
            assertThat(s.parameter()).isEqualTo("medication");
            assertThat(s.targetTypes()).containsExactly("Medication");
        });
        assertThat(plan.revincludes()).singleElement().satisfies(s -> {
            assertThat(s.sourceType()).isEqualTo("Provenance");
            assertThat(s.targetTypes()).containsExactly("MedicationRequest");
        });
        assertThat(plan.applied()).containsOnlyKeys("_include", "_revinclude");
    }

    @Test
    @DisplayName("strict: every unsupported include is one issue of one 400, naming the parameter but never the value sent; lenient: they are ignored and not applied")
    void unsupported() {
        assertThatThrownBy(() -> plan("MedicationRequest", false, "_include", "MedicationRequest:intent",
                "_include:iterate", "MedicationRequest:medication", "_revinclude", "Observation:subject"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'_include'")
                .hasMessageContaining("':iterate' is not supported")
                .hasMessageContaining("'_revinclude'")
                .hasMessageNotContaining("MedicationRequest:intent")
                .hasMessageNotContaining("Observation:subject")
                .satisfies(e -> assertThat(((org.hl7.fhir.r4.model.OperationOutcome)
                        ((InvalidRequestException) e).getOperationOutcome()).getIssue()).hasSize(3));

        IncludePlan lenient = plan("MedicationRequest", true, "_include", "MedicationRequest:intent",
                "_include", "MedicationRequest:medication");
        assertThat(lenient.applied()).containsExactly(Map.entry("_include", List.of("MedicationRequest:medication")));
    }
}
