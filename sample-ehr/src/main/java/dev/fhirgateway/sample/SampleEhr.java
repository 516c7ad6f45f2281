package dev.fhirgateway.sample;

import dev.fhirgateway.sample.fhirimport.ImportCommand;
import dev.fhirgateway.sample.generate.GenerateCommand;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The command line of the sample EHR:
 * <pre>
 * java -jar sample-ehr.jar [serve] [--host HOST] [--port N] [--db JDBC_URL] [--db-user USER]
 *     [--db-password PASSWORD] [--war PATH] [--plugin-dir PATH] [--dev-practice-header] [--h2-port N]
 *     [--token-audience URL]... [--app-dir DIR] [--token-lifetime DURATION]
 * java -jar sample-ehr.jar client add|modify|list ...
 * java -jar sample-ehr.jar import --practice PIN [--db JDBC_URL] FILE.json...
 * java -jar sample-ehr.jar generate --practice PIN --patients N [--db JDBC_URL]
 * </pre>
 * Starts the EHR with the gateway deployed beside it (see {@link SampleEhrServer}) and runs until stopped, or
 * registers API clients with its development authorization server ({@link ClientCommand}).
 */
public final class SampleEhr {

    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar sample-ehr.jar [serve] [options]",
            "  --host HOST            interface to listen on (default " + SampleEhrOptions.DEFAULT_HOST
                    + ", loopback only; 0.0.0.0 for every interface)",
            "  --port N               HTTP port (default " + SampleEhrOptions.DEFAULT_PORT + ", 0 for any free port)",
            "  --db JDBC_URL          jdbc:h2:... or jdbc:postgresql:... (default: H2 in ./.sample-ehr)",
            "  --db-user USER         database user",
            "  --db-password PASSWORD database password",
            "  --war PATH             gateway WAR (default: fhir-gateway.war next to this jar)",
            "  --plugin-dir PATH      adapter plugin directory (default: adapter-plugin/ next to this jar)",
            "  --dev-practice-header  no access tokens: the gateway takes the practice from X-Practice-Pin"
                    + " (development only)",
            "  --h2-port N            also serve the embedded H2 database on this loopback port, to a gateway in"
                    + " another container (read-only account; its password is printed); default: no port",
            "  --token-audience URL   another FHIR base the development token server may name in 'aud' when a"
                    + " token request asks for it (resource= or aud=); repeatable",
            "  --app-dir DIR          serve a SMART app's files at /apps/ on this origin (no CORS needed)",
            "  --token-lifetime D     access token lifetime, ISO-8601 (default PT5M; e.g. PT30S to try refresh)",
            "       java -jar sample-ehr.jar client add|modify|list ...   register apps (client --help)",
            "       java -jar sample-ehr.jar import --practice PIN [--db JDBC_URL] FILE.json...   load FHIR Bundles",
            "       java -jar sample-ehr.jar generate --practice PIN --patients N [--db JDBC_URL]"
                    + "   generate realistic patients (generate --help)");

    private SampleEhr() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(importBundles(Arrays.asList(args).subList(1, args.length)));
            return;
        }
        if (args.length > 0 && args[0].equals("generate")) {
            System.exit(generate(Arrays.asList(args).subList(1, args.length)));
            return;
        }
        if (args.length > 0 && args[0].equals("client")) {
            System.exit(client(Arrays.asList(args).subList(1, args.length)));
            return;
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        SampleEhrOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        SampleEhrServer server = SampleEhrServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Error while stopping the sample EHR: " + e);
            }
        }, "sample-ehr-shutdown"));
        System.out.println(StartupBanner.text(server));
        server.join();
    }

    /** {@code client add|list ...}: app registration (see {@link ClientCommand}); returns the exit code. */
    private static int client(java.util.List<String> args) throws Exception {
        ClientCommand.Invocation invocation;
        try {
            invocation = ClientCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ClientCommand.USAGE);
            return 2;
        }
        return ClientCommand.run(invocation, System.out, System.err);
    }

    /** {@code generate --practice PIN --patients N ...}: generated patients (see {@link GenerateCommand}). */
    private static int generate(java.util.List<String> args) {
        GenerateCommand.Invocation invocation;
        try {
            invocation = GenerateCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(GenerateCommand.USAGE);
            return 2;
        }
        return GenerateCommand.run(invocation, System.out, System.err);
    }

    /** {@code import --practice PIN ... FILE...}: Bundle import (see {@link ImportCommand}); returns the exit code. */
    private static int importBundles(java.util.List<String> args) {
        ImportCommand.Invocation invocation;
        try {
            invocation = ImportCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ImportCommand.USAGE);
            return 2;
        }
        return ImportCommand.run(invocation, System.out, System.err);
    }

    /**
     * Reads the command line into options.
     *
     * @throws IllegalArgumentException for an unknown argument or a missing or malformed value
     */
    static SampleEhrOptions parse(String[] args) {
        SampleEhrOptions options = SampleEhrOptions.defaults();
        Iterator<String> it = Arrays.asList(args).iterator();
        if (args.length > 0 && args[0].equals("serve")) {
            it.next();
        }
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        while (it.hasNext()) {
            String option = it.next();
            switch (option) {
                case "--host" -> options = options.withHost(value(option, it));
                case "--port" -> options = options.withPort(port(option, value(option, it)));
                case "--db" -> dbUrl = value(option, it);
                case "--db-user" -> dbUser = value(option, it);
                case "--db-password" -> dbPassword = value(option, it);
                case "--war" -> options = options.withWar(Path.of(value(option, it)));
                case "--plugin-dir" -> options = options.withPluginDir(Path.of(value(option, it)));
                case "--dev-practice-header" -> options = options.withDevelopmentPracticeHeader(true);
                case "--h2-port" -> options = options.withH2Port(port(option, value(option, it)));
                case "--token-audience" -> options = options.withTokenAudience(value(option, it));
                case "--app-dir" -> options = options.withAppDir(Path.of(value(option, it)));
                case "--token-lifetime" -> options = options.withTokenLifetime(duration(option, value(option, it)));
                default -> throw new IllegalArgumentException("Unknown argument: " + option);
            }
        }
        return options.withDatabase(dbUrl, dbUser, dbPassword);
    }

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }

    private static java.time.Duration duration(String option, String text) {
        try {
            return java.time.Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " needs an ISO-8601 duration such as PT30S, was '" + text + "'");
        }
    }

    private static int port(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, was '" + text + "'");
        }
    }
}
