package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.SecuredGateway.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Authentication and authorization as a client sees them, over HTTP, with tokens of a real (test) issuer
 * verified through its JWKS: 401s, 403s, patient-context narrowing, granular scopes, public discovery.
 */
@DisplayName("The gateway's access control over HTTP")
class SecurityHttpTest {

    private static SecuredGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = SecuredGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    @DisplayName("serves the CapabilityStatement without a token, describing SMART security")
    void metadataIsPublic() throws Exception {
        HttpResponse<String> r = gw.get("/metadata", null);
        assertThat(r.statusCode()).isEqualTo(200);
        CapabilityStatement.CapabilityStatementRestSecurityComponent security =
                parse(r, CapabilityStatement.class).getRestFirstRep().getSecurity();
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        Extension uris = security.getExtensionByUrl(
                "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(uris.getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo("https://auth.test.example/token");
    }

    @Test
    @DisplayName("serves .well-known/smart-configuration without a token, from configuration")
    @SuppressWarnings("unchecked")
    void smartConfigurationIsPublic() throws Exception {
        HttpResponse<String> r = gw.get("/.well-known/smart-configuration", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        Map<String, Object> doc = JSONObjectUtils.parse(r.body());
        assertThat(doc).containsEntry("issuer", "https://auth.test.example")
                .containsEntry("token_endpoint", "https://auth.test.example/token")
                .containsEntry("jwks_uri", gw.authServer.jwksUrl());
        assertThat((List<Object>) doc.get("grant_types_supported")).contains("client_credentials");
        assertThat((List<Object>) doc.get("token_endpoint_auth_methods_supported"))
                .contains("private_key_jwt", "client_secret_basic");
        assertThat((List<Object>) doc.get("capabilities")).contains("client-confidential-asymmetric", "permission-v1",
                "permission-v2");
    }

    @Test
    @DisplayName("answers a request without a token 401 with 'WWW-Authenticate: Bearer realm', even with the development header")
    void noToken() throws Exception {
        HttpResponse<String> r = SecuredGateway.send(HttpRequest.newBuilder(URI.create(gw.gateway.fhirBase()
                + "/Patient/a1")).header("X-Practice-Pin", PRACTICE_A).GET().build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"fhir-gateway\"");
        assertThat(parse(r, OperationOutcome.class).getIssueFirstRep().getCode().toCode()).isEqualTo("login");
        assertThat(r.body()).doesNotContain("MRN1001");
    }

    @Test
    @DisplayName("answers invalid, expired, foreign and practice-less tokens 401 invalid_token, never echoing the token")
    void invalidTokens() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        Map<String, String> tokens = Map.of(
                "garbage", "abc.def.ghi",
                "expired", gw.token(PRACTICE_A, "system/*.rs", b -> b.expirationTime(Date.from(past))),
                "other audience", gw.token(PRACTICE_A, "system/*.rs", b -> b.audience("https://elsewhere/fhir")),
                "no practice", gw.token(null, "system/*.rs"),
                "malformed practice", gw.token("A B", "system/*.rs"));
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            HttpResponse<String> r = gw.get("/Patient/a1", t.getValue());
            assertThat(r.statusCode()).as(t.getKey()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(t.getKey())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"fhir-gateway\"")
                            .contains("error=\"invalid_token\"").doesNotContain(t.getValue()));
            assertThat(parse(r, OperationOutcome.class).getIssueFirstRep().getCode().toCode()).isEqualTo("login");
            assertThat(r.body()).as(t.getKey()).doesNotContain(t.getValue()).doesNotContain("MRN1001");
        }
        assertThat(gw.get("/Patient/a1", tokens.get("no practice")).body()).contains("practice");
    }

    @Test
    @DisplayName("answers 403 forbidden when no scope permits the interaction; write scopes grant nothing")
    void insufficientScope() throws Exception {
        Map<String, String> cases = Map.of(
                "/Patient/a1", "user/Observation.rs launch openid",
                "/Patient?identifier=MRN1001", "user/Patient.r",
                "/Patient/a2", "user/Patient.s",
                "/Patient/a3", "system/*.write system/Patient.cud");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = gw.get(c.getKey(), gw.token(PRACTICE_A, c.getValue()));
            assertThat(r.statusCode()).as(c.getValue()).isEqualTo(403);
            assertThat(parse(r, OperationOutcome.class).getIssueFirstRep().getCode().toCode()).isEqualTo("forbidden");
            assertThat(r.body()).doesNotContain("MRN100");
        }
        assertThat(gw.get("/Patient/a1", gw.token(PRACTICE_A, "user/Patient.read")).statusCode()).isEqualTo(200);
        assertThat(gw.get("/Patient?_id=a1", gw.token(PRACTICE_A, "user/Patient.rs")).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("limits a patient-context token to its patient: other reads 404, searches narrowed, client parameters cannot widen")
    void patientContext() throws Exception {
        String a2 = gw.token(PRACTICE_A, "patient/*.rs launch/patient", b -> b.claim("patient", "a2"));
        assertThat(gw.get("/Patient/a2", a2).statusCode()).isEqualTo(200);
        HttpResponse<String> other = gw.get("/Patient/a3", a2);
        HttpResponse<String> unknown = gw.get("/Patient/nope", a2);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(parse(other, OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .isEqualTo(parse(unknown, OperationOutcome.class).getIssueFirstRep().getDiagnostics());

        assertThat(ids(gw.get("/Patient", a2))).containsExactly("a2");
        assertThat(ids(gw.get("/Patient?_id=a2,a3,a4", a2))).containsExactly("a2");
        assertThat(ids(gw.get("/Patient?_id=a3", a2))).isEmpty();
        assertThat(ids(gw.get("/Patient?identifier=MRN1003", a2))).isEmpty();
        assertThat(ids(gw.postSearch("Patient", "_id=a3", a2))).isEmpty();
        // Patient-level scopes without a patient context grant nothing.
        assertThat(gw.get("/Patient/a2", gw.token(PRACTICE_A, "patient/*.rs")).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("binds paging links to the patient context: a link made for one patient works for no other token")
    void pagingBoundToPatientContext() throws Exception {
        String system = gw.token(PRACTICE_A, "system/*.rs");
        String next = parse(gw.get("/Patient?_count=2", system), Bundle.class).getLink("next").getUrl();
        String a2 = gw.token(PRACTICE_A, "patient/*.rs", b -> b.claim("patient", "a2"));
        assertThat(gw.getUrl(next, a2).statusCode()).isEqualTo(400);
        assertThat(gw.getUrl(next, system).statusCode()).isEqualTo(200);
        // A narrower token with the same binding cannot page through what its scopes do not permit.
        assertThat(gw.getUrl(next, gw.token(PRACTICE_A, "system/Observation.rs")).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("applies a granular scope's query to searches and reads")
    void granularScope() throws Exception {
        String femaleOnly = gw.token(PRACTICE_A, "user/Patient.rs?gender=female");
        List<String> found = ids(gw.get("/Patient?_count=50", femaleOnly));
        assertThat(found).hasSize(22).allMatch(id -> Integer.parseInt(id.substring(1)) % 2 == 0);
        assertThat(gw.get("/Patient/a2", femaleOnly).statusCode()).isEqualTo(200);
        assertThat(gw.get("/Patient/a1", femaleOnly).statusCode()).isEqualTo(404);
        assertThat(ids(gw.get("/Patient?gender=male", femaleOnly))).isEmpty();
        // A restriction on a parameter the adapter cannot search by is refused, not ignored.
        assertThat(gw.get("/Patient", gw.token(PRACTICE_A, "user/Patient.rs?category=x")).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("keeps answering _include and _revinclude with 400")
    void includesStayRefused() throws Exception {
        String system = gw.token(PRACTICE_A, "system/*.rs");
        assertThat(gw.get("/Patient?_include=Patient:general-practitioner", system).statusCode()).isEqualTo(400);
        assertThat(gw.get("/Patient?_revinclude=Observation:subject", system).statusCode()).isEqualTo(400);
    }

    static List<String> ids(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return parse(r, Bundle.class).getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart())
                .toList();
    }

    static Patient patient(HttpResponse<String> r) {
        return parse(r, Patient.class);
    }
}
