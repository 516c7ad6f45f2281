package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's quick start, run as printed: its {@code bash} blocks are read from the Markdown (all but the last,
 * {@code mvn -B verify}, the build that runs this test). Two things differ,
 * so the test can run on a shared machine: the build has already packaged the jar (the first block's
 * {@code mvn ... package &&} is the build itself), and {@code localhost:8080} is a free loopback port
 * ({@code --host 127.0.0.1 --port N} added to the launcher's command). Each {@code curl} block runs in bash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The README's quick start commands")
class ReadmeQuickStartIT {

    private static final Path README = Path.of("..", "README.md");
    private static final Path JAR = Path.of("target", "sample-ehr.jar").toAbsolutePath();

    /** The launcher's working directory (its H2 database goes to {@code .sample-ehr} there), below target/. */
    private Path workDir;
    private List<String> blocks;
    private int port;
    private Process launcher;
    private final StringBuffer launcherOutput = new StringBuffer();

    @BeforeAll
    void startAsPrinted() throws Exception {
        workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "readme-quick-start-");
        String md = Files.readString(README, StandardCharsets.UTF_8);
        String quickStart = md.substring(md.indexOf("## Quick start"), md.indexOf("\n## ", md.indexOf("## Quick start") + 5));
        blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```bash\\n(.*?)\\n```", Pattern.DOTALL).matcher(quickStart);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        // The last one is the whole build ('mvn -B verify'), which runs this test: the others are run here.
        assertThat(blocks).as("the quick start's bash blocks").hasSize(4);
        assertThat(blocks.get(3).strip()).isEqualTo("mvn -B verify");
        String start = blocks.get(0).strip();
        assertThat(start).as("the build, then the launcher")
                .isEqualTo("mvn -B -q -DskipTests package && java -jar sample-ehr/target/sample-ehr.jar");
        assertThat(JAR).as("the launcher jar, built by 'mvn package'").isRegularFile();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String command = start.substring(start.indexOf("java -jar")).replace("sample-ehr/target/sample-ehr.jar",
                JAR.toString()) + " --host 127.0.0.1 --port " + port;
        launcher = new ProcessBuilder("bash", "-c", "exec " + command).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        CountDownLatch running = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    launcherOutput.append(line).append('\n');
                    if (line.contains("Sample EHR is running.")) {
                        running.countDown();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "readme-launcher-output");
        reader.setDaemon(true);
        reader.start();
        assertThat(running.await(180, TimeUnit.SECONDS)).as("the launcher's banner; its output:\n%s", launcherOutput)
                .isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        if (launcher != null) {
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @DisplayName("a token from the development authorization server reads the patient by MRN")
    void tokenAndPatientSearch() throws Exception {
        String out = bash(blocks.get(1));
        assertThat(out).contains("\"resourceType\":\"Bundle\"").contains("100008");
    }

    @Test
    @DisplayName("metadata, SMART discovery, the 405 write and the 501 CDS Hooks answer as the comments say")
    void publicEndpointsAndRefusals() throws Exception {
        List<String> lines = blocks.get(2).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(4);
        assertThat(bash(lines.get(0))).contains("\"resourceType\":\"CapabilityStatement\"");
        assertThat(bash(lines.get(1))).contains("\"token_endpoint\"");
        // curl's progress meter goes to standard error, which is merged: look for the status line.
        assertThat(bash(lines.get(2))).containsPattern("(?m)^HTTP/1.1 405 ");
        assertThat(bash(lines.get(3))).containsPattern("(?m)^HTTP/1.1 501 ");
    }

    /** Runs README lines in bash, {@code localhost:8080} being this run's port; their standard output. */
    private String bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -e\n" + script.replace("localhost:8080", "127.0.0.1:" + port))
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of:\n%s\noutput:\n%s", script, out).isZero();
        return out;
    }
}
