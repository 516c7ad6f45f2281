package dev.fhirgateway.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WriteRefusalInterceptorTest {

    private static final Set<String> READ_ONLY_OPERATIONS = Set.of("$docref", "$expand");

    private static Optional<String> refused(RequestTypeEnum method, String path, boolean conditional) {
        return WriteRefusalInterceptor.refusedInteraction(method, path, conditional, READ_ONLY_OPERATIONS);
    }

    @ParameterizedTest(name = "{0} {1} (conditional={2}) is refused as \"{3}\"")
    @CsvSource(delimiter = ';', value = {
            "POST; Patient; false; create (POST Patient)",
            "POST; ''; false; transaction/batch (POST [base])",
            "POST; /; false; transaction/batch (POST [base])",
            "PUT; Patient/1; false; update (PUT Patient/[id])",
            "PUT; Patient/1; true; update (PUT Patient/[id])",
            "PUT; Patient; true; conditional update (PUT Patient)",
            "PATCH; Patient/1; false; patch (PATCH Patient/[id])",
            "PATCH; Patient; true; conditional patch (PATCH Patient)",
            "DELETE; Patient/1; false; delete (DELETE Patient/[id])",
            "DELETE; Patient; true; conditional delete (DELETE Patient)",
            "POST; Patient/$validate; false; operation $validate (POST Patient/$validate)",
            "POST; $validate; false; operation $validate (POST $validate)",
            "POST; Patient/1/$everything; false; operation $everything (POST Patient/[id]/$everything)",
            "POST; Patient/1; false; write (POST Patient/[id])",
            "POST; /Patient/; false; create (POST Patient)",
    })
    @DisplayName("writes are recognised and described")
    void refusedWrites(RequestTypeEnum method, String path, boolean conditional, String expected) {
        assertThat(refused(method, path, conditional)).contains(expected);
    }

    @Test
    @DisplayName("a null path is the base")
    void nullPathIsBase() {
        assertThat(refused(RequestTypeEnum.POST, null, false)).contains("transaction/batch (POST [base])");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"", "metadata", "Patient", "Patient/1", "Patient/1/_history/2", "Patient/$validate",
            "DocumentReference/$docref", "_search"})
    @DisplayName("GET is never a write")
    void getAllowed(String path) {
        assertThat(refused(RequestTypeEnum.GET, path, true)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RequestTypeEnum.class, names = {"GET", "HEAD", "OPTIONS"})
    @DisplayName("reading methods are never refused")
    void readingMethodsAllowed(RequestTypeEnum method) {
        assertThat(refused(method, "Patient/1", false)).isEmpty();
    }

    @ParameterizedTest(name = "POST {0}")
    @ValueSource(strings = {"Patient/_search", "/Patient/_search/", "_search", "DocumentReference/$docref",
            "ValueSet/$expand", "$docref"})
    @DisplayName("POST searches and POST read-only operations pass")
    void postSearchAndReadOnlyOperationsAllowed(String path) {
        assertThat(refused(RequestTypeEnum.POST, path, false)).isEmpty();
    }

    @Test
    @DisplayName("an operation is allowed only when it is in the read-only set the interceptor was given")
    void operationsDependOnConfiguration() {
        assertThat(WriteRefusalInterceptor.refusedInteraction(RequestTypeEnum.POST, "DocumentReference/$docref", false,
                Set.of())).contains("operation $docref (POST DocumentReference/$docref)");
    }

    private static ServletRequestDetails request(RequestTypeEnum method, String path, Map<String, String[]> params) {
        ServletRequestDetails details = new ServletRequestDetails();
        details.setRequestType(method);
        details.setRequestPath(path);
        details.setParameters(params);
        return details;
    }

    @Test
    @DisplayName("the refusal is a 405 with Allow GET, HEAD and a not-supported OperationOutcome naming the interaction")
    void refusalIs405() {
        MethodNotAllowedException e = WriteRefusalInterceptor.refusal("create (POST Patient)");

        assertThat(e.getStatusCode()).isEqualTo(405);
        assertThat(e.getAllowedMethods()).containsExactlyInAnyOrder(RequestTypeEnum.GET, RequestTypeEnum.HEAD);
        assertThat(e.getMessage()).contains("read-only").contains("create (POST Patient)");
        assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
        assertThat(((OperationOutcome) e.getOperationOutcome()).getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getCode()).isEqualTo(IssueType.NOTSUPPORTED);
            assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.ERROR);
            assertThat(issue.getDiagnostics()).contains("create (POST Patient)");
        });
    }

    @Test
    @DisplayName("refuseWrites lets reads and POST searches through (the 405 path is covered over HTTP)")
    void refuseWritesLetsReadsThrough() {
        WriteRefusalInterceptor interceptor = new WriteRefusalInterceptor(Set.of());

        assertThat(interceptor.refuseWrites(request(RequestTypeEnum.GET, "Patient",
                Map.of("name", new String[] {"Smith"})))).isTrue();
        assertThat(interceptor.refuseWrites(request(RequestTypeEnum.POST, "Patient/_search", Map.of()))).isTrue();
        assertThat(interceptor.refuseWrites(request(RequestTypeEnum.HEAD, "Patient/1", Map.of()))).isTrue();
    }
}
