package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk export through two real sample EHR launchers ({@code java -jar sample-ehr.jar}, the WAR deployed, embedded
 * H2) sharing one export directory: exports of the Inferno patients (practice 1001), of generated patients (practice
 * 5000, {@code sample-ehr.jar generate}) and of a panel Group compared with what searches return (same ids, same
 * counts per type), a job answered by the other instance, and a {@code kill -9} of the instance running an export:
 * the other instance then fails the job cleanly. Development header mode (practice from {@code X-Practice-Pin}).
 */
@DisplayName("Bulk export with two sample EHR launchers sharing the export directory")
class BulkExportLauncherIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("exports match searches; the other instance answers; a killed instance's job fails cleanly")
    void twoLaunchers(@TempDir Path runDir) throws Exception {
        Path shared = Files.createDirectories(runDir.resolve("export"));
        String dbB = "jdbc:h2:file:" + runDir.resolve("ehr-b") + ";DB_CLOSE_ON_EXIT=FALSE";
        Process generate = new ProcessBuilder(java(), "-jar", jar(), "generate", "--practice", "5000", "--patients",
                "12", "--db", dbB).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("generate.log").toFile()).start();
        assertThat(generate.waitFor(300, TimeUnit.SECONDS)).as("generate finished").isTrue();
        assertThat(generate.exitValue()).as(Files.readString(runDir.resolve("generate.log"))).isZero();

        // A pages one resource at a time, so its export runs long enough to be killed in the middle.
        Launcher a = Launcher.start(runDir.resolve("a"), "jdbc:h2:file:" + runDir.resolve("ehr-a")
                + ";DB_CLOSE_ON_EXIT=FALSE", shared, "1");
        Launcher b = Launcher.start(runDir.resolve("b"), dbB, shared, "100");
        try {
            a.awaitReady();
            b.awaitReady();

            // The Inferno patients and the generated ones: every type's ids and counts as searches return them.
            for (String practice : List.of("1001", "5000")) {
                String status = kickoff(b, "/Patient/$export", practice);
                JsonNode manifest = awaitManifest(b, status, practice);
                Map<String, List<String>> exported = exportedIds(manifest, practice);
                Map<String, List<String>> searched = searchAll(b, practice);
                assertThat(exported.keySet()).as("types of practice " + practice)
                        .containsExactlyInAnyOrderElementsOf(searched.keySet());
                searched.forEach((type, ids) -> assertThat(exported.get(type)).as(practice + " " + type)
                        .hasSameSizeAs(ids).containsExactlyInAnyOrderElementsOf(ids));
                assertThat(exported.get("Patient")).as("patients of " + practice).isNotEmpty();
                // The other instance answers for the same job, from the shared directory (its URLs on its own base).
                String onA = status.replace(b.fhirBase(), a.fhirBase());
                assertThat(awaitManifest(a, onA, practice).get("output").toString())
                        .isEqualTo(manifest.get("output").toString().replace(b.fhirBase(), a.fhirBase()));
            }

            // A panel Group: its member Patients and their resources, as the patient searches return them.
            Bundle groups = search(b, "/Group?_count=100", "1001");
            assertThat(groups.getEntry()).as("panels of practice 1001").isNotEmpty();
            Group panel = (Group) groups.getEntry().stream().map(e -> (Group) e.getResource())
                    .max((x, y) -> Integer.compare(x.getMember().size(), y.getMember().size())).orElseThrow();
            List<String> members = panel.getMember().stream().map(m -> m.getEntity().getReferenceElement().getIdPart())
                    .toList();
            JsonNode groupManifest = awaitManifest(b, kickoff(b, "/Group/" + panel.getIdElement().getIdPart()
                    + "/$export?_type=Patient,Observation,Condition", "1001"), "1001");
            Map<String, List<String>> groupExport = exportedIds(groupManifest, "1001");
            assertThat(groupExport.get("Patient")).containsExactlyInAnyOrderElementsOf(members);
            for (String type : List.of("Observation", "Condition")) {
                List<String> expected = new ArrayList<>();
                for (String member : members) {
                    expected.addAll(walk(b, "/" + type + "?patient=" + member + "&_count=100", "1001"));
                }
                assertThat(groupExport.getOrDefault(type, List.of())).as("group " + type)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }

            // kill -9 of the instance running an export: the other instance fails the job cleanly.
            String running = kickoff(a, "/Patient/$export", "1001");
            awaitProgress(a, running, "1001");
            a.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            HttpResponse<String> failed = awaitEnd(b, running.replace(a.fhirBase(), b.fhirBase()), "1001");
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
            OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, failed.body());
            assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("stopped before it finished");

            CapabilityStatement cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class,
                    get(b, b.fhirBase() + "/metadata", "1001").body());
            assertThat(cs.getInstantiates()).extracting(u -> u.getValue())
                    .contains("http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data");
            assertThat(cs.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("Group"))
                    .singleElement().satisfies(r -> assertThat(r.getOperation()).extracting(o -> o.getDefinition())
                            .contains("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export"));
        } finally {
            a.stop();
            b.stop();
        }
    }

    /** One launcher with the shared export directory; exports page {@code pageSize} resources at a time. */
    private record Launcher(Process process, int port, Path console) {

        static Launcher start(Path dir, String db, Path exportDir, String pageSize) throws Exception {
            Files.createDirectories(dir);
            int port = freePort();
            Path console = dir.resolve("console.log");
            Process p = new ProcessBuilder(java(), "-Xmx512m", "-Dfhirgateway.export.dir=" + exportDir,
                    "-Dfhirgateway.export.page-size=" + pageSize, "-Dfhirgateway.export.stale-after=PT3S",
                    "-Dfhirgateway.export.max-jobs-per-practice=4", "-jar", jar(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--dev-practice-header", "--db", db, "--war",
                    Path.of("target/fhir-gateway.war").toAbsolutePath().toString(), "--plugin-dir",
                    Path.of("target/adapter-plugin").toAbsolutePath().toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
            return new Launcher(p, port, console);
        }

        String fhirBase() {
            return "http://127.0.0.1:" + port + "/fhir-gateway/fhir";
        }

        void awaitReady() throws Exception {
            URI ready = URI.create("http://127.0.0.1:" + port + "/fhir-gateway/health/ready");
            LauncherReadiness.await(ready, process, console, Duration.ofSeconds(240));
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String kickoff(Launcher on, String path, String practice) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(on.fhirBase() + path))
                .header("X-Practice-Pin", practice).header("Prefer", "respond-async")
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return r.headers().firstValue("Content-Location").orElseThrow();
    }

    private static HttpResponse<String> get(Launcher on, String url, String practice) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Practice-Pin", practice)
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitManifest(Launcher on, String status, String practice) throws Exception {
        HttpResponse<String> r = awaitEnd(on, status, practice);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> awaitEnd(Launcher on, String status, String practice) throws Exception {
        return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(on, status, practice), r -> r.statusCode() != 202);
    }

    private static void awaitProgress(Launcher on, String status, String practice) throws Exception {
        await("the export's progress").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = get(on, status, practice);
            assertThat(r.statusCode()).as("still running: " + r.body()).isEqualTo(202);
            return r.headers().firstValue("X-Progress").orElse("").matches("[1-9][0-9]* resources exported.*");
        });
    }

    private static Map<String, List<String>> exportedIds(JsonNode manifest, String practice) throws Exception {
        Map<String, List<String>> ids = new TreeMap<>();
        for (JsonNode out : manifest.get("output")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(out.get("url").asText()))
                    .header("X-Practice-Pin", practice).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            List<String> lines = r.body().lines().filter(l -> !l.isBlank()).toList();
            assertThat((long) lines.size()).isEqualTo(out.get("count").asLong());
            for (String line : lines) {
                Resource resource = (Resource) FHIR.newJsonParser().parseResource(line);
                ids.computeIfAbsent(resource.fhirType(), t -> new ArrayList<>())
                        .add(resource.getIdElement().getIdPart());
            }
        }
        return ids;
    }

    /** Every served type's ids for the practice, by searching it without criteria (types with none left out). */
    private static Map<String, List<String>> searchAll(Launcher on, String practice) throws Exception {
        CapabilityStatement cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class,
                get(on, on.fhirBase() + "/metadata", practice).body());
        Map<String, List<String>> ids = new TreeMap<>();
        for (var resource : cs.getRestFirstRep().getResource()) {
            List<String> found = walk(on, "/" + resource.getType() + "?_count=100", practice);
            if (!found.isEmpty()) {
                ids.put(resource.getType(), found);
            }
        }
        return ids;
    }

    private static List<String> walk(Launcher on, String path, String practice) throws Exception {
        List<String> ids = new ArrayList<>();
        String url = on.fhirBase() + path;
        while (url != null) {
            Bundle page = searchUrl(on, url, practice);
            page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            url = page.getLink("next") == null ? null : page.getLink("next").getUrl();
        }
        return ids;
    }

    private static Bundle search(Launcher on, String path, String practice) throws Exception {
        return searchUrl(on, on.fhirBase() + path, practice);
    }

    private static Bundle searchUrl(Launcher on, String url, String practice) throws Exception {
        HttpResponse<String> r = get(on, url, practice);
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, r.body());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        Path jar = Path.of("target/sample-ehr.jar").toAbsolutePath();
        assertThat(jar).as("the launcher, built by 'mvn package'").isRegularFile();
        return jar.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
