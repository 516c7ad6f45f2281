package dev.fhirgateway.gateway.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Access narrowing: patient compartment and granular scopes as search criteria")
class AccessPolicyTest {

    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final ResourceSupport OBSERVATION = new ResourceSupport("Observation", List.of(), List.of(
            SearchParameterSupport.token("_id"), SearchParameterSupport.reference("patient"),
            SearchParameterSupport.token("category"), SearchParameterSupport.token("code")));
    private static final ResourceSupport PATIENT = new ResourceSupport("Patient", List.of(), List.of(
            SearchParameterSupport.token("_id"), SearchParameterSupport.token("identifier")));
    private static final ResourceSupport NO_PATIENT_PARAM = new ResourceSupport("Organization", List.of(), List.of(
            SearchParameterSupport.token("_id")));

    private final AccessPolicy policy = new AccessPolicy(new SearchCriteriaParser(20, 100));

    private static AccessContext token(Optional<String> patient, String... scopes) {
        return new AccessContext("A", "client", GrantedScopes.parse(List.of(scopes)), patient, Optional.empty());
    }

    @Test
    @DisplayName("a system token for everything adds nothing")
    void unrestricted() {
        assertThat(policy.narrowing(token(Optional.empty(), "system/*.rs"), Permission.SEARCH, OBSERVATION)).isEmpty();
    }

    @Test
    @DisplayName("a patient-context token is limited to the patient: _id for Patient, patient for other types")
    void compartment() {
        AccessContext p7 = token(Optional.of("p7"), "patient/*.rs");
        SearchCriterion patient = policy.narrowing(p7, Permission.SEARCH, PATIENT).get(0);
        assertThat(patient.parameter()).isEqualTo("_id");
        assertThat(patient.values(SearchValue.Token.class)).singleElement()
                .satisfies(t -> assertThat(t.matches(null, "p7")).isTrue())
                .satisfies(t -> assertThat(t.matches(null, "p8")).isFalse());
        SearchCriterion observation = policy.narrowing(p7, Permission.READ, OBSERVATION).get(0);
        assertThat(observation.parameter()).isEqualTo("patient");
        assertThat(observation.values(SearchValue.Reference.class)).singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo("p7"));
    }

    @Test
    @DisplayName("refuses (403) a patient-context token for a type it cannot limit to one patient")
    void compartmentNotExpressible() {
        assertThatThrownBy(() -> policy.narrowing(token(Optional.of("p7"), "patient/*.rs"), Permission.SEARCH,
                NO_PATIENT_PARAM)).isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    @DisplayName("a granular scope becomes its query; several on one parameter become alternatives")
    void granular() {
        List<SearchCriterion> one = policy.narrowing(token(Optional.empty(),
                "user/Observation.rs?category=" + CATEGORY + "|laboratory"), Permission.SEARCH, OBSERVATION);
        assertThat(one).singleElement().satisfies(c -> {
            assertThat(c.parameter()).isEqualTo("category");
            assertThat(c.values(SearchValue.Token.class)).singleElement()
                    .satisfies(t -> assertThat(t.matches(CATEGORY, "laboratory")).isTrue())
                    .satisfies(t -> assertThat(t.matches(CATEGORY, "vital-signs")).isFalse());
        });
        List<SearchCriterion> two = policy.narrowing(token(Optional.of("p7"),
                "patient/Observation.rs?category=" + CATEGORY + "|laboratory",
                "patient/Observation.rs?category=" + CATEGORY + "|vital-signs"), Permission.SEARCH, OBSERVATION);
        assertThat(two).extracting(SearchCriterion::parameter).containsExactly("patient", "category");
        assertThat(two.get(1).anyOf()).hasSize(2);
    }

    @Test
    @DisplayName("refuses (403) what the scopes do not permit or what cannot be applied, never widening")
    void refusals() {
        assertThatThrownBy(() -> policy.narrowing(token(Optional.empty(), "user/Patient.rs"), Permission.SEARCH,
                OBSERVATION)).isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("Observation");
        assertThatThrownBy(() -> policy.narrowing(token(Optional.empty(), "user/Observation.s"), Permission.READ,
                OBSERVATION)).isInstanceOf(ForbiddenOperationException.class);
        // restriction on a parameter the adapter did not declare
        assertThatThrownBy(() -> policy.narrowing(token(Optional.empty(), "user/Observation.rs?status=final"),
                Permission.SEARCH, OBSERVATION)).isInstanceOf(ForbiddenOperationException.class)
                .hasMessageContaining("status");
        // restriction through a control parameter that would otherwise be dropped
        assertThatThrownBy(() -> policy.narrowing(token(Optional.empty(), "user/Observation.rs?_count=1"),
                Permission.SEARCH, OBSERVATION)).isInstanceOf(ForbiddenOperationException.class);
        // alternatives on different parameters cannot be one AND criterion
        assertThatThrownBy(() -> policy.narrowing(token(Optional.empty(), "user/Observation.rs?category=laboratory",
                "user/Observation.rs?code=1234-5"), Permission.SEARCH, OBSERVATION))
                .isInstanceOf(ForbiddenOperationException.class);
    }
}
