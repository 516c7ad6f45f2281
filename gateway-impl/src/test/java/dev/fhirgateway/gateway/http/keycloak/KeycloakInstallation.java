package dev.fhirgateway.gateway.http.keycloak;

import dev.fhirgateway.spi.kit.RequiredInCi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the Keycloak distribution and a Java runtime new enough for it (21+) are on this machine.
 *
 * <p>The build unpacks the distribution (Maven Central's {@code org.keycloak:keycloak-quarkus-dist}) at
 * {@code pre-integration-test} and names it in the system property {@value #HOME_PROPERTY}. The runtime is, in
 * this order: the environment variable {@value #JAVA_HOME_VARIABLE}, the JVM running the tests when it is new
 * enough, or the newest JDK under {@code /usr/lib/jvm} (the project's machines carry Temurin 25 there); the
 * build itself stays on Java 17.
 *
 * <p>When either is missing the calling test is skipped with a message saying how to run it, unless Keycloak is
 * required: in CI (environment variable {@code CI=true}) or with {@code -D}{@value #REQUIRED_PROPERTY}{@code =true},
 * where the test fails instead.
 */
public record KeycloakInstallation(Path home, Path javaHome) {

    public static final String HOME_PROPERTY = "keycloak.home";
    public static final String JAVA_HOME_VARIABLE = "KEYCLOAK_JAVA_HOME";
    public static final String REQUIRED_PROPERTY = "gateway.it.keycloak.required";
    private static final int MIN_JAVA_FEATURE = 21;
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    /** The installation, or the calling test skipped (or failed, where Keycloak is required). */
    public static KeycloakInstallation findOrSkip() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || !Files.isRegularFile(Path.of(home, "bin", "kc.sh"))) {
            unavailable("The Keycloak distribution is not unpacked (system property " + HOME_PROPERTY + " = " + home
                    + "). Run the test through Maven, which unpacks it at pre-integration-test:"
                    + " mvn -pl gateway-impl -am verify -Dit.test=KeycloakIT -Dtest=none"
                    + " -Dsurefire.failIfNoSpecifiedTests=false");
        }
        Optional<Path> java = findJava();
        if (java.isEmpty()) {
            unavailable("No Java " + MIN_JAVA_FEATURE + "+ runtime found for Keycloak (looked at $" + JAVA_HOME_VARIABLE
                    + ", the test JVM and " + JVM_DIRECTORY + "/*). Install one (e.g. Temurin 21 or 25) under "
                    + JVM_DIRECTORY + " or point " + JAVA_HOME_VARIABLE + " at it.");
        }
        return new KeycloakInstallation(Path.of(home).toAbsolutePath(), java.get());
    }

    private static Optional<Path> findJava() {
        List<Path> candidates = new ArrayList<>();
        String fromEnvironment = System.getenv(JAVA_HOME_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            candidates.add(Path.of(fromEnvironment));
        }
        if (Runtime.version().feature() >= MIN_JAVA_FEATURE) {
            candidates.add(Path.of(System.getProperty("java.home")));
        }
        if (Files.isDirectory(JVM_DIRECTORY)) {
            try (Stream<Path> jdks = Files.list(JVM_DIRECTORY)) {
                jdks.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                        .sorted(Comparator.comparingInt(KeycloakInstallation::featureVersion).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                // nothing usable there
            }
        }
        return candidates.stream()
                .filter(p -> Files.isExecutable(p.resolve("bin/java")) && featureVersion(p) >= MIN_JAVA_FEATURE)
                .findFirst();
    }

    /** The feature version (21, 25...) a JDK's {@code release} file declares, or 0 when unknown. */
    private static int featureVersion(Path javaHome) {
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(javaHome.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = release.getProperty("JAVA_VERSION", "").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void unavailable(String why) {
        RequiredInCi.missing(why, "the Keycloak integration test", "see the class comment of KeycloakInstallation"
                + " (a Keycloak distribution and Java 21+)", REQUIRED_PROPERTY, null);
    }
}
