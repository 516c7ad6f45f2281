package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.load.MixedLoad;
import dev.fhirgateway.sample.load.MixedLoad.Answer;
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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample EHR's launcher ({@code java -Xmx512m -jar sample-ehr.jar}) on a fresh embedded database, hit by 64
 * concurrent mixed requests (includes and revincludes among them) the moment {@code /health/ready} says UP.
 */
@DisplayName("Sample EHR launcher with -Xmx512m: a cold burst right after ready")
class LauncherColdBurstIT {

    private static final long REQUEST_BUDGET_MILLIS = 10_000;

    @Test
    @DisplayName("64 concurrent mixed requests right after ready: all 200, each inside the request budget")
    void coldBurst(@TempDir Path runDir) throws Exception {
        Path jar = Path.of("target/sample-ehr.jar").toAbsolutePath();
        assertThat(jar).as("the launcher, built by 'mvn package'").isRegularFile();
        int port = freePort();
        Path console = runDir.resolve("console.log");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--dev-practice-header", "--db", "jdbc:h2:file:" + runDir.resolve("ehr") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--war", Path.of("target/fhir-gateway.war").toAbsolutePath().toString(),
                "--plugin-dir", Path.of("target/adapter-plugin").toAbsolutePath().toString())
                .directory(runDir.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            URI gateway = URI.create("http://127.0.0.1:" + port + "/fhir-gateway/");
            awaitReady(gateway.resolve("health/ready"), launcher, console);

            List<Answer> answers = MixedLoad.burst(gateway.resolve("fhir"), null, 64);

            MixedLoad.assertHealthyBurst(answers, REQUEST_BUDGET_MILLIS, Files.readString(console));
        } finally {
            launcher.destroy();
            if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitReady(URI ready, Process launcher, Path console) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new AssertionError("the launcher exited. Its console:\n" + Files.readString(console));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The launcher opens its port after seeding the database.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway did not report ready within 180 s. Console:\n" + Files.readString(console));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
