package dev.fhirgateway.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar sample-ehr.jar [serve] [options]}: starts the EHR with the gateway deployed beside it (see
 * {@link SampleEhrServer}) and runs until stopped.
 */
@Command(name = "serve", description = "Starts the EHR with the FHIR gateway beside it and runs until stopped"
        + " (the default command).")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "interface to listen on (default "
            + SampleEhrOptions.DEFAULT_HOST + ", loopback only; 0.0.0.0 for every interface)")
    String host = SampleEhrOptions.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "N",
            description = "HTTP port (default " + SampleEhrOptions.DEFAULT_PORT + ", 0 for any free port)")
    int port = SampleEhrOptions.DEFAULT_PORT;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--war", paramLabel = "PATH", description = "gateway WAR (default: fhir-gateway.war next to this jar)")
    Path war;

    @Option(names = "--plugin-dir", paramLabel = "PATH",
            description = "adapter plugin directory (default: adapter-plugin/ next to this jar)")
    Path pluginDir;

    @Option(names = "--dev-practice-header",
            description = "no access tokens: the gateway takes the practice from X-Practice-Pin (development only)")
    boolean developmentPracticeHeader;

    @Option(names = "--h2-port", paramLabel = "N", description = "also serve the embedded H2 database on this loopback"
            + " port, to a gateway in another container (read-only account; its password is printed); default: no port")
    int h2Port;

    @Option(names = "--token-audience", paramLabel = "URL", description = "another FHIR base the development token"
            + " server may name in 'aud' when a token request asks for it (resource= or aud=); repeatable")
    List<String> tokenAudiences = new ArrayList<>();

    @Option(names = "--app-dir", paramLabel = "DIR",
            description = "serve a SMART app's files at /apps/ on this origin (no CORS needed)")
    Path appDir;

    @Option(names = "--token-lifetime", paramLabel = "D", converter = IsoDuration.class,
            description = "access token lifetime, ISO-8601 (default PT5M; e.g. PT30S to try refresh)")
    Duration tokenLifetime;

    /**
     * The options as given.
     *
     * @throws ParameterException for a value the options refuse (e.g. a port out of range)
     */
    SampleEhrOptions options() {
        try {
            SampleEhrOptions options = database.options().withHost(host).withPort(port).withH2Port(h2Port)
                    .withDevelopmentPracticeHeader(developmentPracticeHeader).withAppDir(appDir);
            if (war != null) {
                options = options.withWar(war);
            }
            if (pluginDir != null) {
                options = options.withPluginDir(pluginDir);
            }
            if (tokenLifetime != null) {
                options = options.withTokenLifetime(tokenLifetime);
            }
            for (String audience : tokenAudiences) {
                options = options.withTokenAudience(audience);
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        SampleEhrServer server = SampleEhrServer.start(options());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Error while stopping the sample EHR: " + e);
            }
        }, "sample-ehr-shutdown"));
        System.out.println(StartupBanner.text(server));
        server.join();
        return 0;
    }

    /** An ISO-8601 duration such as {@code PT30S}. */
    static final class IsoDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("needs an ISO-8601 duration such as PT30S, was '" + text + "'");
            }
        }
    }
}
