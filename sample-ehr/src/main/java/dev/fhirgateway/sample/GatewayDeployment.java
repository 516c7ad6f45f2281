package dev.fhirgateway.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;

/**
 * The gateway WAR as the sample EHR deploys it: at {@value #CONTEXT_PATH}, with the adapter supplied through
 * the gateway's plugin directory and configured through context init parameters.
 */
final class GatewayDeployment {

    static final String CONTEXT_PATH = "/fhir-gateway";

    /**
     * Packages the launcher jar contains but the gateway must load from its own WAR (or not at all). Above all the
     * SPI: were it visible from the launcher's class path, the adapter would be loaded by the system class loader
     * and would not be a subtype of the WAR's {@code EhrAdapterProvider}. The pool and Jdbi are hidden so the
     * adapter uses its own copies from the plugin directory. The adapter itself is not in the launcher jar (it is
     * module sample-ehr-adapter), but the list cannot shrink with it: the EHR uses the SPI's search normalization
     * and Jdbi, HikariCP and PostgreSQL for its own database, and under test the adapter is on the class path.
     */
    private static final String[] HIDDEN_PACKAGES = {
        "dev.fhirgateway.", "ca.uhn.fhir.", "org.hl7.fhir.", "org.jdbi.", "com.zaxxer.hikari.",
        "org.postgresql.", "org.flywaydb.", "com.google.", "com.fasterxml.jackson.", "org.apache.commons.",
        "io.leangen.geantyref.",
        // The launcher's development authorization server uses Nimbus too; the gateway has its own copy.
        "com.nimbusds.", "net.minidev.",
    };
    /**
     * What the gateway always loads from the launcher. The logging API, so its log lines reach the container's
     * backend (jetty-slf4j-impl) instead of the WAR's own slf4j-api, which has no backend. And H2: the plugin
     * class loader asks the web application first, so the adapter gets the EHR's H2 engine instead of the copy
     * in the plugin directory, and opens the embedded database in process (one engine per file, no TCP hop).
     */
    private static final String[] SHARED_PACKAGES = {"org.slf4j.", "org.h2."};

    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SECRET_LENGTH = 48;

    private GatewayDeployment() {
    }

    /**
     * The web application for the gateway.
     *
     * @param war the gateway WAR file
     * @param pluginDir the directory holding the adapter jar and its libraries
     * @param adapterJdbcUrl the database URL the adapter connects with
     * @param dbUser the database user, or null
     * @param dbPassword the database password, or null
     * @param securitySettings the gateway's authentication and SMART discovery settings
     *     ({@code fhirgateway.auth.*}, {@code fhirgateway.smart.*}), see {@code GatewaySecuritySettings}
     * @throws IllegalArgumentException when the WAR or the plugin directory is missing
     */
    static WebAppContext create(Path war, Path pluginDir, String adapterJdbcUrl, String dbUser, String dbPassword,
            Map<String, String> securitySettings) {
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException("gateway WAR not found at " + war.toAbsolutePath()
                    + " (build it with 'mvn install', or pass --war)");
        }
        if (!Files.isDirectory(pluginDir)) {
            throw new IllegalArgumentException("adapter plugin directory not found at " + pluginDir.toAbsolutePath()
                    + " (build it with 'mvn install', or pass --plugin-dir)");
        }
        WebAppContext webApp = new WebAppContext();
        webApp.setContextPath(CONTEXT_PATH);
        webApp.setWar(war.toAbsolutePath().toString());
        webApp.getHiddenClassMatcher().add(HIDDEN_PACKAGES);
        webApp.getProtectedClassMatcher().add(SHARED_PACKAGES);

        webApp.setInitParameter("fhirgateway.plugin-dir", pluginDir.toAbsolutePath().normalize().toString());
        webApp.setInitParameter("fhirgateway.adapter.jdbc.url", adapterJdbcUrl);
        if (dbUser != null) {
            webApp.setInitParameter("fhirgateway.adapter.jdbc.user", dbUser);
        }
        if (dbPassword != null) {
            webApp.setInitParameter("fhirgateway.adapter.jdbc.password", dbPassword);
        }
        // How the gateway authenticates callers: the fhirgateway.auth.* and fhirgateway.smart.* settings.
        securitySettings.forEach(webApp::setInitParameter);
        // Fresh on every start: paging links of a previous run stop working, which is fine for a demo.
        webApp.setInitParameter("fhirgateway.paging.secret", randomSecret());
        return webApp;
    }

    private static String randomSecret() {
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder(SECRET_LENGTH);
        for (int i = 0; i < SECRET_LENGTH; i++) {
            secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }
}
