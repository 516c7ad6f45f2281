package dev.fhirgateway.gateway.internal.security;

import static dev.fhirgateway.gateway.internal.security.SmartScope.Permission.CREATE;
import static dev.fhirgateway.gateway.internal.security.SmartScope.Permission.DELETE;
import static dev.fhirgateway.gateway.internal.security.SmartScope.Permission.READ;
import static dev.fhirgateway.gateway.internal.security.SmartScope.Permission.SEARCH;
import static dev.fhirgateway.gateway.internal.security.SmartScope.Permission.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.gateway.internal.security.SmartScope.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SMART scopes")
class GrantedScopesTest {

    private static final String LAB = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

    @Test
    @DisplayName("reads v1 scopes as their v2 equivalents")
    void v1() {
        assertThat(SmartScope.parse("patient/*.read")).hasValueSatisfying(s -> {
            assertThat(s.level()).isEqualTo(Level.PATIENT);
            assertThat(s.resourceType()).isEqualTo("*");
            assertThat(s.permissions()).containsExactlyInAnyOrder(READ, SEARCH);
        });
        assertThat(SmartScope.parse("user/Observation.read").orElseThrow().permissions())
                .containsExactlyInAnyOrder(READ, SEARCH);
        assertThat(SmartScope.parse("system/*.write").orElseThrow().permissions())
                .containsExactlyInAnyOrder(CREATE, UPDATE, DELETE);
        assertThat(SmartScope.parse("system/*.*").orElseThrow().permissions())
                .containsExactlyInAnyOrder(CREATE, READ, UPDATE, DELETE, SEARCH);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"patient/Observation.rs,true,true", "patient/Observation.r,true,false", "patient/Observation.s,false,true",
        "patient/Observation.cruds,true,true", "patient/Observation.cud,false,false"})
    @DisplayName("reads v2 permission letters")
    void v2(String scope, boolean read, boolean search) {
        SmartScope s = SmartScope.parse(scope).orElseThrow();
        assertThat(s.permits(READ, "Observation")).isEqualTo(read);
        assertThat(s.permits(SEARCH, "Observation")).isEqualTo(search);
        assertThat(s.permits(READ, "Condition")).isFalse();
    }

    @Test
    @DisplayName("reads granular scopes' queries, percent-encoded or not")
    void granular() {
        SmartScope plain = SmartScope.parse("patient/Observation.rs?category=" + LAB).orElseThrow();
        assertThat(plain.query()).isEqualTo(Map.of("category", List.of(LAB)));
        SmartScope encoded = SmartScope.parse("patient/Observation.rs?category="
                + "http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory").orElseThrow();
        assertThat(encoded.query()).isEqualTo(plain.query());
        assertThat(SmartScope.parse("patient/Condition.rs?category=problem-list-item&clinical-status=active")
                .orElseThrow().query()).containsOnlyKeys("category", "clinical-status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openid", "fhirUser", "launch/patient", "offline_access", "patient/Observation.sr",
        "patient/Observation.rr", "patient/observation.rs", "admin/*.read", "patient/*.", "patient/Observation.rs?",
        "patient/Observation.rs?category", "patient/Observation.rs?=x", ""})
    @DisplayName("drops non-resource and malformed scopes: they grant nothing")
    void ignored(String scope) {
        assertThat(SmartScope.parse(scope)).isEmpty();
        assertThat(GrantedScopes.parse(List.of(scope)).decide(READ, "Observation", true).allowed()).isFalse();
    }

    @Test
    @DisplayName("reads need r and searches need s; write scopes grant nothing")
    void decisions() {
        GrantedScopes readOnly = GrantedScopes.parse(List.of("user/Patient.r", "user/Observation.s",
                "system/Condition.cud"));
        assertThat(readOnly.decide(READ, "Patient", false).allowed()).isTrue();
        assertThat(readOnly.decide(SEARCH, "Patient", false).allowed()).isFalse();
        assertThat(readOnly.decide(SEARCH, "Observation", false).allowed()).isTrue();
        assertThat(readOnly.decide(READ, "Observation", false).allowed()).isFalse();
        assertThat(readOnly.decide(READ, "Condition", false).allowed()).isFalse();
        assertThat(readOnly.decide(SEARCH, "Condition", false).allowed()).isFalse();
    }

    @Test
    @DisplayName("patient scopes count only with a patient context")
    void patientScopesNeedAPatient() {
        GrantedScopes scopes = GrantedScopes.parse(List.of("patient/*.rs"));
        assertThat(scopes.decide(READ, "Patient", true).allowed()).isTrue();
        assertThat(scopes.decide(READ, "Patient", false).allowed()).isFalse();
        assertThat(GrantedScopes.parse(List.of("system/*.read")).decide(SEARCH, "Patient", false).allowed()).isTrue();
    }

    @Test
    @DisplayName("an unrestricted scope wins over granular ones; several granular ones are alternatives")
    void restrictions() {
        GrantedScopes granular = GrantedScopes.parse(List.of("patient/Observation.rs?category=" + LAB,
                "patient/Observation.rs?category=vital-signs"));
        ScopeDecision decision = granular.decide(SEARCH, "Observation", true);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.restrictions()).containsExactly(Map.of("category", List.of(LAB)),
                Map.of("category", List.of("vital-signs")));

        GrantedScopes mixed = GrantedScopes.parse(List.of("patient/Observation.rs?category=" + LAB,
                "patient/*.rs"));
        assertThat(mixed.decide(SEARCH, "Observation", true).restrictions()).isEmpty();
        assertThat(mixed.decide(SEARCH, "Observation", true).allowed()).isTrue();
    }
}
