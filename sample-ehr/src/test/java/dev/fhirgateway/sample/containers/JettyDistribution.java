package dev.fhirgateway.sample.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Eclipse Jetty 12 distribution ({@code jetty-home}) set up the way its documentation does: a separate
 * {@code jetty.base} created with {@code start.jar --add-modules=http,ee10-deploy,graceful,jmx}, the WAR in
 * {@code webapps/}, and beside it an ee10 context XML carrying the gateway's settings as init parameters.
 *
 * <p>Scanning is on ({@code jetty.deploy.scanInterval=1}), as deploy.md says for redeploys without a restart, and
 * the settings that change between redeploys are in a properties file ({@link #settingsFile()}).
 *
 * <p>{@code graceful} lets requests in flight finish when Jetty stops. Jetty is stopped with its own stop
 * command ({@code start.jar --stop} on a loopback stop port): on SIGTERM the JVM's shutdown also closes
 * java.util.logging, through which the gateway logs here, and the gateway's last lines would be lost.
 */
final class JettyDistribution extends ServletContainerDistribution {

    private static final String STOP_KEY = "fhir-gateway-it";

    private final Path home;
    private final int stopPort;
    private final List<String> jvmOptions;

    JettyDistribution(String displayName, Path home, Path runDir) throws IOException {
        this(displayName, home, runDir, List.of());
    }

    /** @param jvmOptions options of the container's JVM, e.g. {@code -Xmx256m} (start.jar runs Jetty in its own JVM) */
    JettyDistribution(String displayName, Path home, Path runDir, List<String> jvmOptions) throws IOException {
        super(displayName, runDir);
        this.jvmOptions = List.copyOf(jvmOptions);
        if (!Files.isRegularFile(home.resolve("start.jar"))) {
            throw new IllegalArgumentException("no Jetty distribution at " + home
                    + " (unpacked by 'mvn pre-integration-test' in sample-ehr)");
        }
        this.home = home;
        this.stopPort = freeLoopbackPort();
    }

    @Override
    void deploy(Path war, GatewayContextSettings settings) throws IOException {
        Files.createDirectories(base());
        Process addModules = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base(), "--add-modules=http,ee10-deploy,graceful,jmx")
                .directory(base().toFile()).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("add-modules.log").toFile()).start();
        try {
            if (!addModules.waitFor(60, TimeUnit.SECONDS) || addModules.exitValue() != 0) {
                addModules.destroyForcibly();
                throw new IllegalStateException("start.jar --add-modules failed: "
                        + Files.readString(runDir.resolve("add-modules.log")));
            }
        } catch (InterruptedException e) {
            addModules.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Path webapps = Files.createDirectories(base().resolve("webapps"));
        Path deployedWar = webapps.resolve(CONTEXT_PATH + ".war");
        Files.copy(war, deployedWar, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(webapps.resolve(CONTEXT_PATH + ".xml"), settings.contextFile("jetty", deployedWar),
                StandardCharsets.UTF_8);
        Files.writeString(settingsFile(), "# Settings that change between redeploys (docs/deploy.md, Redeploying)\n",
                StandardCharsets.UTF_8);
    }

    @Override
    protected Path webapps() {
        return base().resolve("webapps");
    }

    /** Touches the context file: with scanning on, Jetty redeploys the gateway with the same WAR. */
    void touchContextFile() throws IOException {
        Files.setLastModifiedTime(base().resolve("webapps").resolve(CONTEXT_PATH + ".xml"), FileTime.from(Instant.now()));
    }

    @Override
    protected ProcessBuilder command() {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        // deploy.md: settings that change between redeploys live in a properties file; scanning on (every
        // second) so that replacing the WAR redeploys it.
        command.add("-Dfhirgateway.config=" + settingsFile());
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.home=" + home,
                "jetty.base=" + base(), "jetty.deploy.scanInterval=1",
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + httpPort,
                "STOP.HOST=127.0.0.1", "STOP.PORT=" + stopPort, "STOP.KEY=" + STOP_KEY));
        return new ProcessBuilder(command).directory(base().toFile());
    }

    @Override
    protected boolean requestStop() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(), "--stop",
                "STOP.HOST=127.0.0.1", "STOP.PORT=" + stopPort, "STOP.KEY=" + STOP_KEY)
                .directory(base().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("stop.log").toFile())).start();
        if (!stop.waitFor(40, TimeUnit.SECONDS)) {
            stop.destroyForcibly();
        }
        return true;
    }

    @Override
    protected List<Path> logFiles() throws IOException {
        return filesIn(base().resolve("logs"));
    }

    private Path base() {
        return runDir.resolve("jetty-base");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
