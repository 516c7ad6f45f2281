package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.load.MixedLoad;
import dev.fhirgateway.sample.load.MixedLoad.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            LauncherReadiness.await(gateway.resolve("health/ready"), launcher, console, Duration.ofSeconds(180));

            List<Answer> answers = MixedLoad.burst(gateway.resolve("fhir"), null, 64);

            MixedLoad.assertHealthyBurst(answers, REQUEST_BUDGET_MILLIS, Files.readString(console));
        } finally {
            launcher.destroy();
            if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
