package dev.fhirgateway.sample;

import dev.fhirgateway.sample.auth.DevelopmentAuthorizationServer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run the sample EHR. Start from {@link #defaults()} and change what differs, e.g. in a test:
 * <pre>{@code
 * SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0).withDataDir(tempDir)
 *         .withWar(Path.of("target/fhir-gateway.war")).withPluginDir(Path.of("target/adapter-plugin"))
 * }</pre>
 *
 * @param host the interface to listen on (default {@value #DEFAULT_HOST}); {@code 0.0.0.0} for all
 * @param port the HTTP port; 0 picks a free one (see {@link SampleEhrServer#baseUri()})
 * @param jdbcUrl the EHR database, or null for the embedded H2 database in {@code dataDir}
 * @param dbUser the database user, or null for the driver's default
 * @param dbPassword the database password, or null
 * @param dataDir where the embedded H2 database lives when {@code jdbcUrl} is null
 * @param war the gateway WAR to deploy at {@code /fhir-gateway}
 * @param pluginDir the directory with the adapter jar and its libraries, handed to the gateway
 * @param developmentPracticeHeader run the gateway in its development switch (practice from the
 *     {@code X-Practice-Pin} header, no access token checked) instead of verifying the development
 *     authorization server's tokens
 * @param h2Port the loopback port the embedded H2 database is also served on, to a gateway in a separate servlet
 *     container (the launcher's own gateway reads it in process); 0 for no port
 * @param tokenAudiences further audiences the development authorization server may issue tokens for, when a
 *     token request asks for one with {@code resource} or {@code aud} (e.g. a gateway in a separate container)
 * @param appDir a directory of static files (a SMART app under development) served at {@code /apps/} on the EHR's
 *     own origin, so a browser app calls the gateway and the authorization server without CORS; null for none
 * @param tokenLifetime how long the development authorization server's access tokens are valid
 */
public record SampleEhrOptions(String host, int port, String jdbcUrl, String dbUser, String dbPassword,
        Path dataDir, Path war, Path pluginDir, boolean developmentPracticeHeader, int h2Port,
        List<String> tokenAudiences, Path appDir, Duration tokenLifetime) {

    public static final int DEFAULT_PORT = 8080;
    /** Loopback: the EHR serves PHI and publishes demo secrets; {@code --host} opens it to a network. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The host that listens on every interface. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    public SampleEhrOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(war, "war");
        Objects.requireNonNull(pluginDir, "pluginDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (h2Port < 0 || h2Port > 65_535) {
            throw new IllegalArgumentException("H2 port must be between 0 and 65535, was " + h2Port);
        }
        tokenAudiences = List.copyOf(tokenAudiences);
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, was " + tokenLifetime);
        }
    }

    /** Serves the files of {@code dir} at {@code /apps/} (see {@link #appDir()}). */
    public SampleEhrOptions withAppDir(Path dir) {
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, dataDir, war, pluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, dir, tokenLifetime);
    }

    /** Another access token lifetime (e.g. seconds, to try refresh tokens). */
    public SampleEhrOptions withTokenLifetime(Duration lifetime) {
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, dataDir, war, pluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, appDir, lifetime);
    }

    /**
     * Port 8080 on loopback, the H2 database in {@code ./.sample-ehr}, and the WAR and plugin directory
     * next to the launcher jar ({@code fhir-gateway.war}, {@code adapter-plugin/}).
     */
    public static SampleEhrOptions defaults() {
        Path home = launcherDirectory();
        return new SampleEhrOptions(DEFAULT_HOST, DEFAULT_PORT, null, null, null, Path.of(".sample-ehr"),
                home.resolve("fhir-gateway.war"), home.resolve("adapter-plugin"), false, 0, List.of(), null,
                DevelopmentAuthorizationServer.DEFAULT_TOKEN_LIFETIME);
    }

    /** The JDBC URL the EHR opens: {@link #jdbcUrl()}, or the embedded H2 file database in {@link #dataDir()}. */
    public String effectiveJdbcUrl() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        // The EHR closes the database itself on shutdown, after the web applications that use it have stopped.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("ehr") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public SampleEhrOptions withHost(String newHost) {
        return new SampleEhrOptions(newHost, port, jdbcUrl, dbUser, dbPassword, dataDir, war, pluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, appDir, tokenLifetime);
    }

    public SampleEhrOptions withPort(int newPort) {
        return new SampleEhrOptions(host, newPort, jdbcUrl, dbUser, dbPassword, dataDir, war, pluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, appDir, tokenLifetime);
    }

    /** Another database; null user and password for the driver's defaults. */
    public SampleEhrOptions withDatabase(String newJdbcUrl, String newUser, String newPassword) {
        return new SampleEhrOptions(host, port, newJdbcUrl, newUser, newPassword, dataDir, war, pluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, appDir, tokenLifetime);
    }

    public SampleEhrOptions withDataDir(Path newDataDir) {
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, newDataDir, war, pluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, appDir, tokenLifetime);
    }

    public SampleEhrOptions withWar(Path newWar) {
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, dataDir, newWar, pluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, appDir, tokenLifetime);
    }

    public SampleEhrOptions withPluginDir(Path newPluginDir) {
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, dataDir, war, newPluginDir,
                developmentPracticeHeader, h2Port, tokenAudiences, appDir, tokenLifetime);
    }

    /** With or without the gateway's development switch (see {@link #developmentPracticeHeader()}). */
    public SampleEhrOptions withDevelopmentPracticeHeader(boolean enabled) {
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, dataDir, war, pluginDir, enabled, h2Port, tokenAudiences, appDir, tokenLifetime);
    }

    /** Another port for the H2 TCP server (0: a free one). */
    public SampleEhrOptions withH2Port(int newH2Port) {
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, dataDir, war, pluginDir,
                developmentPracticeHeader, newH2Port, tokenAudiences, appDir, tokenLifetime);
    }

    /** With one more audience the development authorization server may issue tokens for. */
    public SampleEhrOptions withTokenAudience(String audience) {
        List<String> audiences = new ArrayList<>(tokenAudiences);
        audiences.add(audience);
        return new SampleEhrOptions(host, port, jdbcUrl, dbUser, dbPassword, dataDir, war, pluginDir,
                developmentPracticeHeader, h2Port, audiences, appDir, tokenLifetime);
    }

    /** Leaves out the database URL and password: either may hold credentials. */
    @Override
    public String toString() {
        return "SampleEhrOptions[host=" + host + ", port=" + port
                + ", database=" + (jdbcUrl == null ? "embedded H2 in " + dataDir : "given URL")
                + ", war=" + war + ", pluginDir=" + pluginDir
                + (developmentPracticeHeader ? ", development practice header" : "")
                + (appDir == null ? "" : ", apps from " + appDir) + "]";
    }

    /**
     * The directory of the launcher jar ({@code target/} in a build). When running from classes instead of the jar
     * (an IDE, tests) that is {@code target/classes}, whose parent is the same {@code target/}.
     */
    private static Path launcherDirectory() {
        try {
            Path location = Path.of(SampleEhrOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher jar", e);
        }
    }
}
