package dev.fhirgateway.sample.containers;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A servlet container distribution (unpacked as its vendor ships it) with the gateway WAR deployed the way an EHR
 * vendor deploys it, run as a separate process on free loopback ports. Subclasses lay out the container's own
 * configuration; this class runs, probes and stops it.
 */
abstract class ServletContainerDistribution implements AutoCloseable {

    static final String CONTEXT_PATH = "fhir-gateway";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final int STOP_GRACE_SECONDS = 30;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String displayName;
    /** Where this run's configuration, logs and console output live (below {@code target/}). */
    protected final Path runDir;
    protected final int httpPort;
    private ContainerProcess process;
    private final Map<String, String> environment = new LinkedHashMap<>();

    protected ServletContainerDistribution(String displayName, Path runDir) throws IOException {
        this.displayName = displayName;
        this.runDir = runDir;
        this.httpPort = freeLoopbackPort();
    }

    /** For test names and messages, e.g. "Tomcat 11.0.24". */
    final String displayName() {
        return displayName;
    }

    /** Environment variables of the container's process (e.g. settings deploy.md puts there); before the start. */
    final void environment(Map<String, String> variables) {
        environment.putAll(variables);
    }

    /** The container JVM's process id; after {@link #start()}. */
    final long pid() {
        return process.pid();
    }

    /** The gateway's context root, e.g. {@code http://127.0.0.1:PORT/fhir-gateway/}. */
    final URI gatewayUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + CONTEXT_PATH + "/");
    }

    /** Writes the container's configuration and deploys the WAR with {@code settings}; before the start. */
    abstract void deploy(Path war, GatewayContextSettings settings) throws IOException;

    /** The command that runs the container in the foreground, with its environment set. */
    protected abstract ProcessBuilder command();

    /**
     * Asks the running container to stop with its own stop command, if it has one better than SIGTERM.
     *
     * @return whether a stop was requested (then the container gets time to exit before SIGTERM)
     */
    protected boolean requestStop() throws IOException, InterruptedException {
        return false;
    }

    /** The container's deployment folder, where the WAR is. */
    protected abstract Path webapps();

    /** The properties file the gateway reads its changing settings from (named by {@code fhirgateway.config}). */
    final Path settingsFile() {
        return runDir.resolve("fhir-gateway.properties");
    }

    /**
     * Replaces the deployed WAR as deploy.md says: the new file is copied beside and moved over the old one, so the
     * container never reads half a WAR; it notices the change on its next check and redeploys or reloads.
     */
    final void replaceWar(Path war) throws IOException {
        Path next = runDir.resolve(CONTEXT_PATH + ".war.next");
        Files.copy(war, next, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(next, FileTime.from(Instant.now()));
        Files.move(next, webapps().resolve(CONTEXT_PATH + ".war"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The container's log files, besides its console. */
    protected abstract List<Path> logFiles() throws IOException;

    /**
     * Starts the container and waits until the gateway reports itself live.
     *
     * @throws IllegalStateException when it does not within the limit or the container exits, with its log
     */
    final void start() throws Exception {
        ProcessBuilder command = command();
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        command.environment().putAll(environment);
        process = ContainerProcess.start(command, console());
        try {
            await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(displayName + " exited during startup. Its log:\n" + log());
                }
                return status(gatewayUri().resolve("health/live")) == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(displayName + " did not serve the gateway within " + START_LIMIT
                    + ". Its log:\n" + log(), e);
        }
    }

    /**
     * Stops the container with its own stop command or, without one, as a service manager would (SIGTERM), and
     * waits for it to exit.
     *
     * @return whether it exited by itself rather than being killed after a grace period
     */
    final boolean stop() throws IOException, InterruptedException {
        if (process == null) {
            return true;
        }
        boolean requested = process.isAlive() && requestStop();
        boolean exitedAfterRequest = requested && process.awaitExit(STOP_GRACE_SECONDS);
        boolean exitedOnSigterm = process.stop(STOP_GRACE_SECONDS);
        return requested ? exitedAfterRequest : exitedOnSigterm;
    }

    /** Everything the container has logged so far: its console, then its log files. */
    final String log() throws IOException {
        StringBuilder all = new StringBuilder();
        List<Path> files = new ArrayList<>();
        files.add(console());
        files.addAll(logFiles());
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                all.append("==== ").append(f.getFileName()).append('\n')
                        .append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    @Override
    public final void close() throws IOException, InterruptedException {
        stop();
    }

    private Path console() {
        return runDir.resolve("console.log");
    }

    /** The files directly in {@code dir} (none when it does not exist). */
    protected static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** A loopback port that is free now. */
    protected static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the gateway reports ready ({@code /health/ready} 200), after {@link #start()}. */
    final void awaitReady() throws Exception {
        try {
            await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(gatewayUri().resolve("health/ready")) == 200);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(displayName + " did not report ready within " + START_LIMIT
                    + ". Its log:\n" + log(), e);
        }
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
