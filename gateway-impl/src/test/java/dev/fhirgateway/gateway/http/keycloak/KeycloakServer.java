package dev.fhirgateway.gateway.http.keycloak;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Keycloak server on 127.0.0.1 (free ports), run as a separate process of its own Java runtime in
 * development mode ({@code kc.sh start-dev}: file database, HTTP) with one realm imported at startup.
 *
 * <p>Each start is fresh: the distribution's {@code data} directory (database and import folder) is emptied
 * first. A temporary admin service account (a client of the {@code master} realm with a random secret) lets
 * tests change the realm through the admin REST API ({@link #admin()}). Its output goes to
 * {@code keycloak.log} beside the distribution. {@link #close()} (and, should the test JVM exit without it, a
 * shutdown hook) stops the process and its children.
 */
public final class KeycloakServer implements AutoCloseable {

    /** On two cores a first start (it re-augments Quarkus for development mode) takes 30–90 s. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final String ADMIN_CLIENT_ID = "gateway-it-admin";

    private final Process process;
    private final Thread shutdownHook;
    private final URI baseUri;
    private final String realm;
    private final String adminSecret;
    private final Path log;

    private KeycloakServer(Process process, URI baseUri, String realm, String adminSecret, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.realm = realm;
        this.adminSecret = adminSecret;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, "keycloak-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Keycloak with {@code realmJson} (the realm named {@code realm}) and waits until it serves it. */
    public static KeycloakServer start(KeycloakInstallation installation, String realm, String realmJson)
            throws IOException, InterruptedException {
        Path home = installation.home();
        Path data = home.resolve("data");
        deleteRecursively(data);
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import").resolve(realm + "-realm.json"), realmJson);
        Path log = home.resolveSibling("keycloak.log");

        int httpPort = freePort();
        int managementPort = freePort();
        String adminSecret = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", installation.javaHome().toString());
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // meant for the build's JVMs, not this one
        pb.environment().put("KC_BOOTSTRAP_ADMIN_CLIENT_ID", ADMIN_CLIENT_ID);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_CLIENT_SECRET", adminSecret);
        KeycloakServer server = new KeycloakServer(pb.start(), URI.create("http://127.0.0.1:" + httpPort), realm,
                adminSecret, log);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The realm's issuer ({@code iss} of its tokens). */
    public String issuer() {
        return baseUri + "/realms/" + realm;
    }

    public URI tokenEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/token");
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The admin REST API of the realm, as the temporary admin service account. */
    public KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUri, realm, ADMIN_CLIENT_ID, adminSecret);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                            + " before serving realm " + realm + "; its log:\n" + logTail());
                }
                try {
                    return http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + STARTUP_TIMEOUT
                    + "; its log:\n" + logTail(), e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** kc.sh runs Keycloak's JVM as its child: stop the children first, then the script; forcibly if need be. */
    private void stopProcess() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceStop(children);
        } catch (ExecutionException | TimeoutException e) {
            forceStop(children);
        }
    }

    private void forceStop(List<ProcessHandle> children) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
