package dev.fhirgateway.gateway.http;

import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_A;
import static dev.fhirgateway.gateway.http.InMemoryPatientAdapterProvider.PRACTICE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk export (FHIR Bulk Data Access 2.0.0) over HTTP with access tokens, against the in-memory adapters (Patients
 * of practices A and B, MedicationRequests...; practice B's Patient searches are slow, so its exports stay running):
 * kick-off rules, the status URL, the manifest and files compared with searches, isolation, cancel, expiry, job
 * limits, a second instance on the same directory, metering and the CapabilityStatement.
 */
@DisplayName("Bulk export over HTTP")
class BulkExportHttpTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path exportDir;
    private static SecuredGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = SecuredGateway.start(settings(exportDir, Map.of()));
    }

    static Map<String, String> settings(Path dir, Map<String, String> more) {
        Map<String, String> s = new HashMap<>();
        s.put(InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true");
        s.put("fhirgateway.export.dir", dir.toString());
        s.put("fhirgateway.export.page-size", "7");
        s.put("fhirgateway.export.max-jobs-per-practice", "1");
        s.putAll(more);
        return s;
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    @DisplayName("exports the practice's resources of every type: the same ids and counts per type as searches")
    void exportMatchesSearches() throws Exception {
        String token = gw.token(PRACTICE_A, "system/*.rs");
        HttpResponse<String> kickoff = kickoff("/Patient/$export", token);
        assertThat(kickoff.statusCode()).as(kickoff.body()).isEqualTo(202);
        String status = kickoff.headers().firstValue("Content-Location").orElseThrow();
        assertThat(status).startsWith(gw.gateway.fhirBase() + "/$export-poll-status?_jobId=");
        JsonNode manifest = awaitManifest(status, token);
        assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
        assertThat(manifest.get("request").asText()).isEqualTo(gw.gateway.fhirBase() + "/Patient/$export");
        assertThat(Instant.parse(manifest.get("transactionTime").asText())).isBefore(Instant.now());
        assertThat(manifest.get("error")).isEmpty();

        Map<String, List<String>> exported = exportedIds(manifest, token);
        Map<String, List<String>> searched = new LinkedHashMap<>();
        for (String type : List.of("Patient", "MedicationRequest", "Medication", "Provenance")) {
            searched.put(type, searchIds("/" + type + "?_count=10", token));
        }
        searched.values().removeIf(List::isEmpty);
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(searched.keySet());
        searched.forEach((type, ids) -> {
            assertThat(exported.get(type)).as(type).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        });
        assertThat(exported.get("Patient")).hasSize(45);
        for (JsonNode out : manifest.get("output")) {
            assertThat(out.get("count").asLong()).isEqualTo(lines(out.get("url").asText(), token).size());
        }
    }

    @Test
    @DisplayName("_type and _since: only the types named, only resources changed after _since where the type records it")
    void typeAndSince() throws Exception {
        String token = gw.token(PRACTICE_A, "system/*.rs");
        JsonNode manifest = awaitManifest(kickoff("/Patient/$export?_type=Patient&_since=2026-01-02T20:00:00Z"
                + "&_outputFormat=application/fhir%2Bndjson", token).headers().firstValue("Content-Location")
                .orElseThrow(), token);
        Map<String, List<String>> exported = exportedIds(manifest, token);
        assertThat(exported.keySet()).containsExactly("Patient");
        // a{n} changed n hours after 2026-01-01T00:00Z: after 2026-01-02T20:00Z means n > 44.
        assertThat(exported.get("Patient")).containsExactly("a45");

        // MedicationRequest records no change time here: exported whole, and the error file says why.
        JsonNode both = awaitManifest(kickoff("/Patient/$export?_type=Patient,MedicationRequest&_since=2026-01-02T20:00:00Z"
                + "&_outputFormat=ndjson", token).headers().firstValue("Content-Location").orElseThrow(), token);
        assertThat(exportedIds(both, token).get("MedicationRequest"))
                .containsExactlyInAnyOrderElementsOf(searchIds("/MedicationRequest?_count=10", token));
        assertThat(both.get("error")).hasSize(1);
        List<String> warning = lines(both.get("error").get(0).get("url").asText(), token);
        OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, warning.get(0));
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("MedicationRequest").contains("_since");
    }

    @Test
    @DisplayName("a kick-off without Prefer: respond-async, or with bad parameters, is 400 with an OperationOutcome")
    void badKickoffs() throws Exception {
        String token = gw.token(PRACTICE_A, "system/*.rs");
        HttpResponse<String> noPrefer = SecuredGateway.send(HttpRequest.newBuilder(
                URI.create(gw.gateway.fhirBase() + "/Patient/$export")).header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json").GET().build());
        assertThat(noPrefer.statusCode()).isEqualTo(400);
        assertThat(outcome(noPrefer).getIssueFirstRep().getDiagnostics()).contains("Prefer: respond-async");
        for (String query : List.of("?_outputFormat=text/csv", "?_type=Nonsense", "?_since=yesterday",
                "?_since=2024-01-01", "?_typeFilter=Patient%3Fgender%3Dmale")) {
            HttpResponse<String> r = kickoff("/Patient/$export" + query, token);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(outcome(r).getIssueFirstRep().getCode().toCode()).isEqualTo("invalid");
            assertThat(r.body()).doesNotContain("yesterday").doesNotContain("Nonsense").doesNotContain("text/csv");
        }
        assertThat(kickoff("/Patient/$export", null).statusCode()).isEqualTo(401);
        // Parameters come in the URL: a POSTed kick-off is refused, not run without its Parameters body.
        HttpResponse<String> post = SecuredGateway.send(HttpRequest.newBuilder(
                URI.create(gw.gateway.fhirBase() + "/Patient/$export")).header("Authorization", "Bearer " + token)
                .header("Prefer", "respond-async").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(outcome(post).getIssueFirstRep().getCode().toCode()).isEqualTo("not-supported");
    }

    @Test
    @DisplayName("needs a system-level token; granular system scopes decide which types are exported")
    void scopes() throws Exception {
        HttpResponse<String> patientContext = kickoff("/Patient/$export",
                gw.token(PRACTICE_A, "patient/*.rs", b -> b.claim("patient", "a2")));
        assertThat(patientContext.statusCode()).isEqualTo(403);
        assertThat(outcome(patientContext).getIssueFirstRep().getDiagnostics()).contains("system-level");

        String patientsOnly = gw.token(PRACTICE_A, "system/Patient.rs");
        JsonNode manifest = awaitManifest(kickoff("/Patient/$export", patientsOnly).headers()
                .firstValue("Content-Location").orElseThrow(), patientsOnly);
        assertThat(exportedIds(manifest, patientsOnly).keySet()).containsExactly("Patient");
        HttpResponse<String> forbidden = kickoff("/Patient/$export?_type=MedicationRequest", patientsOnly);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(outcome(forbidden).getIssueFirstRep().getCode().toCode()).isEqualTo("forbidden");

        // A granular scope narrows the export as it narrows searches.
        String females = gw.token(PRACTICE_A, "system/Patient.rs?gender=female");
        JsonNode narrowed = awaitManifest(kickoff("/Patient/$export", females).headers()
                .firstValue("Content-Location").orElseThrow(), females);
        assertThat(exportedIds(narrowed, females).get("Patient")).hasSize(22)
                .containsExactlyInAnyOrderElementsOf(searchIds("/Patient?gender=female&_count=10", females));
    }

    @Test
    @DisplayName("another client's or another practice's token gets 404 on the status and file URLs")
    void isolation() throws Exception {
        String token = gw.token(PRACTICE_A, "system/*.rs");
        String status = kickoff("/Patient/$export?_type=Patient", token).headers().firstValue("Content-Location")
                .orElseThrow();
        JsonNode manifest = awaitManifest(status, token);
        String file = manifest.get("output").get(0).get("url").asText();
        String otherClient = gw.token(PRACTICE_A, "system/*.rs", b -> b.claim("client_id", "client-2")
                .subject("client-2"));
        String otherPractice = gw.token(PRACTICE_B, "system/*.rs");
        for (String intruder : List.of(otherClient, otherPractice)) {
            for (String url : List.of(status, file)) {
                HttpResponse<String> r = gw.getUrl(url, intruder);
                assertThat(r.statusCode()).as(url).isEqualTo(404);
                assertThat(outcome(r).getIssueFirstRep().getCode().toCode()).isEqualTo("not-found");
            }
            assertThat(send(HttpRequest.newBuilder(URI.create(status)).DELETE(), intruder).statusCode()).isEqualTo(404);
        }
        assertThat(gw.getUrl(file, null).statusCode()).isEqualTo(401);
        assertThat(gw.getUrl(file, token).statusCode()).isEqualTo(200);
        assertThat(gw.getUrl(status.replaceAll("_jobId=.*", "_jobId=0123456789abcdef0123456789abcdef"), token)
                .statusCode()).isEqualTo(404);
        assertThat(gw.getUrl(file.replaceAll("_file=.*", "_file=..%2Fjob.json"), token).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("DELETE cancels a running export (then 404) and deletes a finished one's files; job limits give 429")
    void cancelAndLimits() throws Exception {
        // Practice B's Patient pages are slow: the export is still running when it is cancelled.
        String token = gw.token(PRACTICE_B, "system/*.rs");
        HttpResponse<String> first = kickoff("/Patient/$export?_type=Patient", token);
        assertThat(first.statusCode()).isEqualTo(202);
        String status = first.headers().firstValue("Content-Location").orElseThrow();
        HttpResponse<String> polled = gw.getUrl(status, token);
        assertThat(polled.statusCode()).isEqualTo(202);
        assertThat(polled.headers().firstValue("Retry-After")).isPresent();
        assertThat(polled.headers().firstValue("X-Progress")).isPresent();

        HttpResponse<String> second = kickoff("/Patient/$export?_type=Patient", token);
        assertThat(second.statusCode()).as("one job per practice").isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(outcome(second).getIssueFirstRep().getCode().toCode()).isEqualTo("throttled");

        HttpResponse<String> cancelled = send(HttpRequest.newBuilder(URI.create(status)).DELETE(), token);
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(gw.getUrl(status, token).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(status)).DELETE(), token).statusCode()).isEqualTo(404);
        // The place is free again at once.
        HttpResponse<String> third = kickoff("/Patient/$export?_type=Patient", token);
        assertThat(third.statusCode()).isEqualTo(202);
        send(HttpRequest.newBuilder(URI.create(third.headers().firstValue("Content-Location").orElseThrow()))
                .DELETE(), token);

        // A finished export: DELETE removes its files.
        String a = gw.token(PRACTICE_A, "system/*.rs");
        String done = kickoff("/Patient/$export?_type=Patient", a).headers().firstValue("Content-Location").orElseThrow();
        String file = awaitManifest(done, a).get("output").get(0).get("url").asText();
        assertThat(send(HttpRequest.newBuilder(URI.create(done)).DELETE(), a).statusCode()).isEqualTo(202);
        assertThat(gw.getUrl(done, a).statusCode()).isEqualTo(404);
        assertThat(gw.getUrl(file, a).statusCode()).isEqualTo(404);
        String jobId = done.substring(done.indexOf("_jobId=") + 7);
        assertThat(ndjsonFiles(exportDir.resolve(jobId))).isEmpty();
    }

    @Test
    @DisplayName("files expire after fhirgateway.export.expiry and are deleted")
    void expiry(@TempDir Path dir) throws Exception {
        try (SecuredGateway shortLived = SecuredGateway.start(settings(dir, Map.of("fhirgateway.export.expiry", "PT1S",
                "fhirgateway.export.stale-after", "PT2S")))) {
            String token = shortLived.token(PRACTICE_A, "system/*.rs");
            String status = kickoff(shortLived, "/Patient/$export?_type=Patient", token).headers()
                    .firstValue("Content-Location").orElseThrow();
            JsonNode manifest = awaitManifest(shortLived, status, token);
            String file = manifest.get("output").get(0).get("url").asText();
            String jobId = status.substring(status.indexOf("_jobId=") + 7);
            assertThat(Files.exists(dir.resolve(jobId))).isTrue();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(dir.resolve(jobId)).as("deleted by the cleanup").doesNotExist());
            assertThat(shortLived.getUrl(status, token).statusCode()).isEqualTo(404);
            assertThat(shortLived.getUrl(file, token).statusCode()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("two instances share the directory: either answers for a job; a job whose instance stopped or died"
            + " fails cleanly")
    void twoInstances() throws Exception {
        try (SecuredGateway second = SecuredGateway.start(settings(exportDir, Map.of()))) {
            // The test issuer is per gateway: the second instance trusts its own; use one token per instance.
            String tokenOne = gw.token(PRACTICE_A, "system/*.rs");
            String tokenTwo = second.token(PRACTICE_A, "system/*.rs");
            String status = kickoff("/Patient/$export?_type=Patient", tokenOne).headers()
                    .firstValue("Content-Location").orElseThrow();
            awaitManifest(status, tokenOne);
            String onSecond = status.replace(gw.gateway.fhirBase(), second.gateway.fhirBase());
            JsonNode manifest = awaitManifest(second, onSecond, tokenTwo);
            assertThat(lines(manifest.get("output").get(0).get("url").asText(), tokenTwo, second)).hasSize(45);
        }
        // An instance that stops (undeploy) fails its running jobs cleanly; the other instance reports it.
        Path shared = Files.createTempDirectory("export-shared");
        SecuredGateway one = SecuredGateway.start(settings(shared, Map.of("fhirgateway.export.stale-after", "PT2S")));
        try (SecuredGateway two = SecuredGateway.start(settings(shared, Map.of("fhirgateway.export.stale-after",
                "PT2S")))) {
            String status = kickoff(one, "/Patient/$export?_type=Patient", one.token(PRACTICE_B, "system/*.rs"))
                    .headers().firstValue("Content-Location").orElseThrow();
            one.close();
            String onTwo = status.replace(one.gateway.fhirBase(), two.gateway.fhirBase());
            HttpResponse<String> failed = awaitEnd(two, onTwo, two.token(PRACTICE_B, "system/*.rs"));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(outcome(failed).getIssueFirstRep().getDiagnostics()).contains("stopped before it finished");

            // An instance that died (no clean stop): its job's heartbeat goes stale and the other instance fails it.
            String jobId = "feedfacefeedfacefeedfacefeedface";
            Files.createDirectories(shared.resolve(jobId));
            Instant old = Instant.now().minusSeconds(60);
            Files.writeString(shared.resolve(jobId).resolve("job.json"), JSON.writeValueAsString(Map.ofEntries(
                    Map.entry("id", jobId), Map.entry("practice", PRACTICE_B), Map.entry("clientId", "client-1"),
                    Map.entry("kickoffUrl", "http://x/Patient/$export"), Map.entry("types", List.of("Patient")),
                    Map.entry("status", "RUNNING"), Map.entry("transactionTime", old.toString()),
                    Map.entry("instance", "dead0001"), Map.entry("heartbeatAt", old.toString()),
                    Map.entry("currentType", "Patient"), Map.entry("resourcesWritten", 3),
                    Map.entry("output", List.of()), Map.entry("errors", List.of()))));
            HttpResponse<String> dead = two.get("/$export-poll-status?_jobId=" + jobId,
                    two.token(PRACTICE_B, "system/*.rs"));
            assertThat(dead.statusCode()).isEqualTo(500);
            assertThat(outcome(dead).getIssueFirstRep().getDiagnostics()).contains("stopped before it finished");
            assertThat(shared.resolve(jobId).resolve("takeover")).exists();
        }
    }

    @Test
    @DisplayName("meters exported resources and bytes per practice and client, and job durations")
    void metering() throws Exception {
        String token = gw.token(PRACTICE_A, "system/*.rs");
        awaitManifest(kickoff("/Patient/$export?_type=Patient", token).headers().firstValue("Content-Location")
                .orElseThrow(), token);
        String metrics = SecuredGateway.send(HttpRequest.newBuilder(URI.create(gw.gateway.contextUri() + "/metrics"))
                .GET().build()).body();
        assertThat(metrics).containsPattern("fhirgateway_export_resources_total\\{[^}]*client=\"client-1\"[^}]*"
                + "practice=\"A\"[^}]*resource_type=\"Patient\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("fhirgateway_export_bytes_total\\{[^}]*practice=\"A\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("fhirgateway_export_jobs_seconds_count\\{[^}]*outcome=\"completed\""
                + "[^}]*practice=\"A\"[^}]*} [1-9]");
    }

    @Test
    @DisplayName("the CapabilityStatement instantiates Bulk Data and declares Patient/$export; SMART discovery names"
            + " the token endpoint and client credentials")
    void discovery() throws Exception {
        CapabilityStatement cs = SecuredGateway.parse(gw.get("/metadata", null), CapabilityStatement.class);
        assertThat(cs.getInstantiates()).extracting(u -> u.getValue())
                .contains("http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data");
        var patient = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Patient"))
                .findFirst().orElseThrow();
        assertThat(patient.getOperation()).filteredOn(o -> o.getName().equals("export")).singleElement()
                .satisfies(o -> assertThat(o.getDefinition())
                        .isEqualTo("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export"));
        JsonNode smart = JSON.readTree(gw.get("/.well-known/smart-configuration", null).body());
        assertThat(smart.get("token_endpoint").asText()).isEqualTo("https://auth.test.example/token");
        assertThat(smart.get("grant_types_supported").toString()).contains("client_credentials");
        assertThat(smart.get("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
    }

    // --- helpers ---

    private static HttpResponse<String> kickoff(String path, String token) throws Exception {
        return kickoff(gw, path, token);
    }

    static HttpResponse<String> kickoff(SecuredGateway on, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(on.gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json").header("Prefer", "respond-async").GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return SecuredGateway.send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
        return SecuredGateway.send(b.header("Authorization", "Bearer " + token).build());
    }

    private static JsonNode awaitManifest(String status, String token) throws Exception {
        return awaitManifest(gw, status, token);
    }

    static JsonNode awaitManifest(SecuredGateway on, String status, String token) throws Exception {
        HttpResponse<String> r = awaitEnd(on, status, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains("application/json");
        assertThat(r.headers().firstValue("Expires")).isPresent();
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> awaitEnd(SecuredGateway on, String status, String token) throws Exception {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = on.getUrl(status, token);
            if (r.statusCode() == 202) {
                assertThat(r.headers().firstValue("X-Progress")).isPresent();
            }
            return r;
        }, r -> r.statusCode() != 202);
    }

    private static Map<String, List<String>> exportedIds(JsonNode manifest, String token) throws Exception {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (JsonNode out : manifest.get("output")) {
            for (String line : lines(out.get("url").asText(), token)) {
                Resource r = (Resource) FHIR.newJsonParser().parseResource(line);
                assertThat(r.fhirType()).isEqualTo(out.get("type").asText());
                ids.computeIfAbsent(r.fhirType(), t -> new ArrayList<>()).add(r.getIdElement().getIdPart());
            }
        }
        return ids;
    }

    private static List<String> lines(String url, String token) throws Exception {
        return lines(url, token, gw);
    }

    private static List<String> lines(String url, String token, SecuredGateway on) throws Exception {
        HttpResponse<String> r = SecuredGateway.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+ndjson").GET().build());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains("application/fhir+ndjson");
        return r.body().lines().filter(l -> !l.isBlank()).toList();
    }

    private static List<String> searchIds(String path, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        String url = gw.gateway.fhirBase() + path;
        while (url != null) {
            HttpResponse<String> r = gw.getUrl(url, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, r.body());
            b.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            url = b.getLink("next") == null ? null : b.getLink("next").getUrl();
        }
        return ids;
    }

    private static OperationOutcome outcome(HttpResponse<String> r) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body());
    }

    private static List<Path> ndjsonFiles(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".ndjson")).toList();
        }
    }
}
