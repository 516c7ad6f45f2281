package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Includes never widen what an access token may see: with real RS256 tokens, an included resource is one the
 * same token could have read or searched for directly (practice, patient context, scopes).
 */
@DisplayName("Includes under access tokens")
class IncludeAccessHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static SecuredGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = SecuredGateway.start(Map.of(InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    @DisplayName("a patient-context token's revincludes come from its patient's compartment only")
    void patientContextRevinclude() throws Exception {
        String a1 = gw.token(PRACTICE_A, "patient/*.rs", b -> b.claim("patient", "a1"));
        String a2 = gw.token(PRACTICE_A, "patient/*.rs", b -> b.claim("patient", "a2"));

        assertThat(modes(gw.get("/Patient?_revinclude=Provenance:target", a1)))
                .containsExactly("Patient/a1=match", "Provenance/prov-a1=include");
        assertThat(modes(gw.get("/Patient?_revinclude=Provenance:target", a2)))
                .containsExactly("Patient/a2=match", "Provenance/prov-a2=include");
        // Asking for another patient's resources by id finds no match, so nothing is included either.
        assertThat(modes(gw.get("/Patient?_id=a2&_revinclude=Provenance:target", a1))).isEmpty();
    }

    @Test
    @DisplayName("a patient-context token's includes are read under the same narrowing as a read")
    void patientContextInclude() throws Exception {
        String a1 = gw.token(PRACTICE_A, "patient/*.rs", b -> b.claim("patient", "a1"));

        assertThat(modes(gw.get("/MedicationRequest?_id=mr1&_include=MedicationRequest:patient", a1)))
                .containsExactly("MedicationRequest/mr1=match", "Patient/a1=include");
        // Medications cannot be limited to one patient: included, like read, they are refused to such tokens.
        HttpResponse<String> medication = gw.get("/MedicationRequest?_id=mr1&_include=MedicationRequest:medication", a1);
        assertThat(medication.statusCode()).isEqualTo(403);
        assertThat(gw.get("/Medication/med1", a1).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("an include of a type the token's scopes do not grant is refused with 403, not answered without it")
    void scopesApplyToIncludedTypes() throws Exception {
        String patientOnly = gw.token(PRACTICE_A, "patient/Patient.rs", b -> b.claim("patient", "a1"));

        HttpResponse<String> r = gw.get("/Patient?_revinclude=Provenance:target", patientOnly);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(gw.get("/Patient", patientOnly).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a system token of one practice never gets another practice's resources included")
    void otherPracticeNeverIncluded() throws Exception {
        String systemA = gw.token(PRACTICE_A, "system/*.rs");
        String systemB = gw.token(PRACTICE_B, "system/*.rs");

        assertThat(modes(gw.get("/MedicationRequest?_id=mr5&_include=MedicationRequest:medication", systemA)))
                .containsExactly("MedicationRequest/mr5=match");
        assertThat(modes(gw.get("/Patient?_id=a1&_revinclude=Provenance:target", systemA)))
                .containsExactly("Patient/a1=match", "Provenance/prov-a1=include");
        assertThat(modes(gw.get("/Patient?_id=b1&_revinclude=Provenance:target", systemB)))
                .containsExactly("Patient/b1=match");
    }

    private static List<String> modes(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return IncludeHttpTest.modes(FHIR.newJsonParser().parseResource(Bundle.class, r.body()));
    }
}
