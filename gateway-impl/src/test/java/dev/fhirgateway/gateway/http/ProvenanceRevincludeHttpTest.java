package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * US Core's only revinclude, {@code _revinclude=Provenance:target}, on every type the test adapters serve
 * (Patient, clinical, document and directory types), with the CapabilityStatement advertising exactly it.
 */
@DisplayName("_revinclude=Provenance:target on every type")
class ProvenanceRevincludeHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static GatewayTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = GatewayTestServer.start(Map.of(
                "fhirgateway.auth.mode", "development-header",
                "fhirgateway.paging.secret", "test-secret-test-secret-test-secret!",
                "fhirgateway.adapter-call-timeout", "PT5S",
                InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true",
                InMemoryDocumentAdapterProvider.ENABLED_SETTING, "true",
                InMemoryDirectoryAdapterProvider.ENABLED_SETTING, "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0}/{1} <- {2}")
    @CsvSource({
        "Patient,a1,prov-a1",
        "MedicationRequest,mr1,prov-mr1",
        "Medication,med1,prov-med1",
        "Provenance,prov-a1,prov-of-prov",
        "DocumentReference,ccd-2024,prov-doc",
        "Practitioner,p1,prov-p1",
        "PractitionerRole,r1,prov-r1"})
    @DisplayName("includes the Provenances of the matches, whatever their type")
    void everyType(String type, String id, String provenance) throws Exception {
        HttpResponse<String> r = get("/" + type + "?_id=" + id + "&_revinclude=Provenance:target");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(IncludeHttpTest.modes(FHIR.newJsonParser().parseResource(Bundle.class, r.body())))
                .containsExactly(type + "/" + id + "=match", "Provenance/" + provenance + "=include");
    }

    @Test
    @DisplayName("the CapabilityStatement advertises Provenance:target, US Core's revinclude, on every served type and nothing else")
    void advertised() throws Exception {
        CapabilityStatement cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class, get("/metadata").body());
        assertThat(cs.getRestFirstRep().getResource()).extracting(r -> r.getType()).containsExactlyInAnyOrder(
                "Patient", "MedicationRequest", "Medication", "Provenance", "DocumentReference", "Practitioner",
                "PractitionerRole");
        assertThat(cs.getRestFirstRep().getResource()).allSatisfy(r -> assertThat(r.getSearchRevInclude())
                .as(r.getType()).extracting(PrimitiveType::getValue).containsExactly("Provenance:target"));
    }

    @Test
    @DisplayName("revincludes that are answered but not advertised keep working")
    void unadvertisedStillAnswered() throws Exception {
        HttpResponse<String> r = get("/Patient?_id=a2&_revinclude=MedicationRequest:patient");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(IncludeHttpTest.modes(FHIR.newJsonParser().parseResource(Bundle.class, r.body())))
                .containsExactly("Patient/a2=match", "MedicationRequest/mr-a2=include");
        List<String> roles = IncludeHttpTest.modes(FHIR.newJsonParser().parseResource(Bundle.class,
                get("/Practitioner?_id=p2&_revinclude=PractitionerRole:practitioner").body()));
        assertThat(roles).containsExactly("Practitioner/p2=match", "PractitionerRole/r4=include",
                "PractitionerRole/r5=include");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return server.get(path, PRACTICE_A, false);
    }
}
