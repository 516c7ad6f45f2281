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
import java.util.Map;
import java.util.stream.Stream;

/**
 * Apache Tomcat from its official distribution, set up the way its documentation and most vendors do: the
 * unpacked distribution as {@code CATALINA_HOME}, a separate {@code CATALINA_BASE} with the stock {@code conf/}
 * (only the ports changed, and bound to loopback), the WAR in {@code webapps/}, and the gateway's settings and
 * jar-scanning limits in the context file {@code conf/Catalina/localhost/fhir-gateway.xml}.
 */
final class TomcatDistribution extends ServletContainerDistribution {

    private final Path home;
    private final int shutdownPort;

    TomcatDistribution(String displayName, Path home, Path runDir) throws IOException {
        super(displayName, runDir);
        if (!Files.isRegularFile(home.resolve("bin/catalina.sh"))) {
            throw new IllegalArgumentException("no Tomcat distribution at " + home
                    + " (unpacked by 'mvn pre-integration-test' in sample-ehr)");
        }
        this.home = home;
        this.shutdownPort = freeLoopbackPort();
    }

    @Override
    void deploy(Path war, GatewayContextSettings settings) throws IOException {
        for (String dir : List.of("conf", "logs", "temp", "work", "webapps", "conf/Catalina/localhost")) {
            Files.createDirectories(base().resolve(dir));
        }
        try (Stream<Path> stock = Files.list(home.resolve("conf"))) {
            for (Path f : stock.filter(Files::isRegularFile).toList()) {
                Files.copy(f, base().resolve("conf").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path serverXml = base().resolve("conf/server.xml");
        String server = Files.readString(serverXml, StandardCharsets.UTF_8);
        String configured = server
                .replace("<Server port=\"8005\"", "<Server port=\"" + shutdownPort + "\" address=\"127.0.0.1\"")
                .replace("<Connector port=\"8080\"", "<Connector address=\"127.0.0.1\" port=\"" + httpPort + "\"");
        if (!configured.contains("port=\"" + shutdownPort + "\"") || !configured.contains("port=\"" + httpPort + "\"")) {
            throw new IllegalStateException("the stock server.xml of " + home + " has changed: cannot set its ports");
        }
        Files.writeString(serverXml, configured, StandardCharsets.UTF_8);
        Path deployedWar = base().resolve("webapps/" + CONTEXT_PATH + ".war");
        Files.copy(war, deployedWar, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(contextFile(), settings.contextFile("tomcat", deployedWar), StandardCharsets.UTF_8);
        // As deploy.md's "Redeploying" says: settings that change live in a properties file named in setenv.sh.
        Files.writeString(settingsFile(), "# Settings that change between reloads (docs/deploy.md, Redeploying)\n",
                StandardCharsets.UTF_8);
        Path setenv = Files.createDirectories(base().resolve("bin")).resolve("setenv.sh");
        Files.writeString(setenv, "CATALINA_OPTS=\"$CATALINA_OPTS -Dfhirgateway.config=" + settingsFile() + "\"\n",
                StandardCharsets.UTF_8);
    }

    @Override
    protected Path webapps() {
        return base().resolve("webapps");
    }

    /** Writes the context file, which makes Tomcat undeploy the gateway and deploy it again. */
    void writeContextFile(String xml) throws IOException {
        Files.writeString(contextFile(), xml, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(contextFile(), FileTime.from(Instant.now()));
    }

    /** The context file as deployed. */
    String contextFileText() throws IOException {
        return Files.readString(contextFile(), StandardCharsets.UTF_8);
    }

    /**
     * Makes Tomcat redeploy the gateway, as an operator does by touching the context file: Tomcat notices the
     * change on its next background check (every 10 s), stops the web application and starts it again.
     */
    void touchContextFile() throws IOException {
        Files.setLastModifiedTime(contextFile(), FileTime.from(Instant.now()));
    }

    @Override
    protected ProcessBuilder command() {
        ProcessBuilder b = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run");
        Map<String, String> env = b.environment();
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base().toString());
        env.put("CATALINA_PID", base().resolve("temp/tomcat.pid").toString());
        env.remove("CATALINA_OPTS");
        env.remove("JAVA_OPTS");
        return b;
    }

    @Override
    protected List<Path> logFiles() throws IOException {
        return new ArrayList<>(filesIn(base().resolve("logs")));
    }

    private Path base() {
        return runDir.resolve("catalina-base");
    }

    private Path contextFile() {
        return base().resolve("conf/Catalina/localhost/" + CONTEXT_PATH + ".xml");
    }
}
