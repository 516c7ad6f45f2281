package dev.fhirgateway.sample;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.Scope;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.DemoClients;
import dev.fhirgateway.sample.auth.RegisteredClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * App registration as a vendor's registration desk does it, on the command line:
 * <pre>
 * java -jar sample-ehr.jar client add --practice PIN --scopes "system/*.rs" [--use-case system|patient|practitioner]
 *     [--redirect-uri URI]... [--launch-uri URI] [--public] [--refresh-tokens] [--jwks FILE] [--name NAME]
 *     [--db JDBC_URL] [--db-user USER] [--db-password PASSWORD]
 * java -jar sample-ehr.jar client modify --client-id ID [--scopes "..."] [--refresh-tokens] [db options]
 * java -jar sample-ehr.jar client list [--db JDBC_URL] [--db-user USER] [--db-password PASSWORD]
 * </pre>
 * {@code add} registers an app for one practice and one use case (default {@code system}); the registration is
 * <em>pending</em> until the practice's administrator approves it on the EHR's registration desk
 * ({@code /ehr/registrations}). It prints the new client id, and its secret for a confidential app without a key
 * set (shown once, stored only as a hash). With {@code --jwks} the app authenticates with {@code private_key_jwt}
 * using the keys of FILE (a JWKS or one JWK, public keys only); {@code --public} registers a public client
 * (browser or mobile app, PKCE only). {@code modify} files a scope modification request (and/or asks for refresh
 * tokens), pending until approved while the granted scopes keep working. Every change is in the registration
 * audit log. The database is the EHR's (default: the embedded H2 in {@code ./.sample-ehr}, which
 * only one process can open: stop the EHR first, or use a database server).
 */
@Command(name = "client", description = "Registers apps with the development authorization server, pending until"
        + " the practice's administrator approves them on /ehr/registrations.",
        subcommands = {ClientCommand.Add.class, ClientCommand.Modify.class, ClientCommand.ListClients.class})
final class ClientCommand implements Callable<Integer> {

    /** A parsed command line. {@code practice} is set for {@code add}, {@code clientId} for {@code modify}. */
    record Invocation(String action, String practice, Scope scopes, Path jwksFile, String name,
            SampleEhrOptions database, RegisteredClient.UseCase useCase, List<URI> redirectUris, URI launchUri,
            boolean publicClient, boolean refreshTokens, String clientId) {

        Invocation {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    @Spec
    CommandSpec spec;

    ClientCommand() {
    }

    /** {@code client} alone. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), NEEDS_ACTION);
    }

    private static final String NEEDS_ACTION = "client needs an action: add, modify or list";

    /**
     * Parses the arguments after {@code client}.
     *
     * @throws ParameterException for an unknown action or option, or a missing value
     */
    static Invocation parse(List<String> args) {
        CommandLine commandLine = new CommandLine(new ClientCommand()).setExpandAtFiles(false);
        ParseResult parsed = commandLine.parseArgs(args.toArray(String[]::new));
        if (!parsed.hasSubcommand()) {
            throw new ParameterException(commandLine, NEEDS_ACTION);
        }
        return ((Action) parsed.subcommand().commandSpec().userObject()).invocation();
    }

    /** One action: its database options, its checked command line, and running it. */
    abstract static class Action implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        /**
         * The checked command line.
         *
         * @throws ParameterException for options that do not go together
         */
        abstract Invocation invocation();

        @Override
        public Integer call() throws IOException {
            return run(invocation(), System.out, System.err);
        }
    }

    @Command(name = "add", description = {
        "Registers an app for one practice and one use case; prints its client id, and its secret for a"
                + " confidential app without a key set (shown once, stored only as a hash).",
        "With --jwks the app authenticates with private_key_jwt using the keys of FILE (a JWKS or one JWK, public"
                + " keys only); --public registers a public client (browser or mobile app, PKCE only)."})
    static final class Add extends Action {
        @Option(names = "--practice", paramLabel = "PIN", required = true, description = "the app's practice")
        String practice;

        @Option(names = "--scopes", paramLabel = "SCOPES", required = true,
                description = "the scopes it may be granted, e.g. \"system/*.rs\"")
        String scopes;

        @Option(names = "--use-case", paramLabel = "system|patient|practitioner", converter = UseCaseConverter.class,
                description = "who uses the app (default system)")
        RegisteredClient.UseCase useCase = RegisteredClient.UseCase.SYSTEM;

        @Option(names = "--redirect-uri", paramLabel = "URI", description = "a redirect URI; repeatable")
        List<URI> redirectUris = new ArrayList<>();

        @Option(names = "--launch-uri", paramLabel = "URI", description = "the app's EHR launch URI")
        URI launchUri;

        @Option(names = "--public", description = "a public client (PKCE only, no secret)")
        boolean publicClient;

        @Option(names = "--refresh-tokens", description = "the app may get refresh tokens")
        boolean refreshTokens;

        @Option(names = "--jwks", paramLabel = "FILE", description = "authenticate with private_key_jwt, keys of FILE")
        Path jwks;

        @Option(names = "--name", paramLabel = "NAME", description = "the app's name")
        String name;

        @Override
        Invocation invocation() {
            if (practice.isBlank()) {
                throw new ParameterException(spec.commandLine(), "client add needs --practice PIN");
            }
            Scope scope = Scope.parse(scopes);
            if (scope == null || scope.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "client add needs --scopes, e.g. --scopes \"system/*.rs\"");
            }
            return new Invocation("add", practice, scope, jwks, name, database.options(), useCase, redirectUris,
                    launchUri, publicClient, refreshTokens, null);
        }
    }

    @Command(name = "modify", description = "Files a scope modification request (and/or asks for refresh tokens),"
            + " pending until approved while the granted scopes keep working.")
    static final class Modify extends Action {
        @Option(names = "--client-id", paramLabel = "ID", required = true, description = "the app's client id")
        String clientId;

        @Option(names = "--scopes", paramLabel = "SCOPES", description = "the scopes asked for instead")
        String scopes;

        @Option(names = "--refresh-tokens", description = "ask for refresh tokens")
        boolean refreshTokens;

        @Override
        Invocation invocation() {
            if (clientId.isBlank()) {
                throw new ParameterException(spec.commandLine(), "client modify needs --client-id ID");
            }
            Scope scope = scopes == null ? null : Scope.parse(scopes);
            if (scope == null && !refreshTokens) {
                throw new ParameterException(spec.commandLine(),
                        "client modify needs --scopes and/or --refresh-tokens");
            }
            return new Invocation("modify", null, scope, null, null, database.options(),
                    RegisteredClient.UseCase.SYSTEM, List.of(), null, false, refreshTokens, clientId);
        }
    }

    @Command(name = "list", description = "Lists the registered apps, their status and scopes.")
    static final class ListClients extends Action {
        @Override
        Invocation invocation() {
            return new Invocation("list", null, null, null, null, database.options(), RegisteredClient.UseCase.SYSTEM,
                    List.of(), null, false, false, null);
        }
    }

    /** {@code system}, {@code patient} or {@code practitioner}. */
    static final class UseCaseConverter implements ITypeConverter<RegisteredClient.UseCase> {
        @Override
        public RegisteredClient.UseCase convert(String code) {
            try {
                return RegisteredClient.UseCase.of(code);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * Runs the command against the EHR database (migrated and seeded like the EHR's own start).
     *
     * @return the process exit code: 0 done, 1 refused (e.g. unknown practice, unreadable key file)
     */
    static int run(Invocation invocation, PrintStream out, PrintStream err) throws IOException {
        SampleEhrOptions db = invocation.database();
        if (db.jdbcUrl() == null) {
            Files.createDirectories(db.dataDir());
        }
        try (EhrDatabase database = EhrDatabase.open(db.effectiveJdbcUrl(), db.dbUser(), db.dbPassword())) {
            SeedData.seedIfEmpty(database.jdbi());
            ClientRegistry registry = new ClientRegistry(database.jdbi());
            DemoClients.seedIfMissing(registry, new PracticeDirectory(database.jdbi()).overview(0).stream()
                    .map(PracticeDirectory.PracticeOverview::pin).toList());
            if (invocation.action().equals("list")) {
                for (RegisteredClient client : registry.list()) {
                    out.println(client.clientId() + "\tpractice " + client.practicePin() + "\t"
                            + client.useCase().code() + "\t" + client.status().code() + "\t"
                            + client.authenticationMethods() + "\t" + client.scopes()
                            + (client.refreshAllowed() ? "\trefresh tokens" : "")
                            + (client.hasPendingModification() ? "\tmodification pending" : "") + "\t"
                            + client.name());
                }
                return 0;
            }
            try {
                if (invocation.action().equals("modify")) {
                    registry.requestModification(invocation.clientId(), invocation.scopes(),
                            invocation.refreshTokens(), ACTOR);
                    out.println("Modification requested for " + invocation.clientId() + ": pending until the"
                            + " practice's administrator approves it on /ehr/registrations; the granted scopes"
                            + " keep working meanwhile.");
                    return 0;
                }
                JWKSet keys = invocation.jwksFile() == null ? null : readKeys(invocation.jwksFile());
                ClientRegistry.Registration registration = registry.register(new ClientRegistry.AppRegistration(
                        invocation.practice(), invocation.useCase(), invocation.scopes(), invocation.name(), keys,
                        !invocation.publicClient(), invocation.redirectUris(), invocation.launchUri(),
                        invocation.refreshTokens(), RegisteredClient.Status.PENDING), ACTOR);
                out.println("client_id: " + registration.client().clientId());
                if (registration.secret() != null) {
                    out.println("client_secret: " + registration.secret()
                            + "   (shown once; only a hash is stored)");
                }
                out.println("practice: " + registration.client().practicePin() + ", use case: "
                        + registration.client().useCase().code() + ", scopes: " + registration.client().scopes()
                        + ", authentication: " + registration.client().authenticationMethods()
                        + (registration.client().refreshAllowed() ? ", refresh tokens" : ""));
                out.println("status: pending: the credentials work once the administrator of practice "
                        + registration.client().practicePin() + " approves it on /ehr/registrations");
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("Not registered: " + e.getMessage());
                return 1;
            }
        }
    }

    /** A JWKS file, or a file with one JWK. */
    static JWKSet readKeys(Path file) throws IOException {
        String json = Files.readString(file);
        try {
            return json.contains("\"keys\"") ? JWKSet.parse(json) : new JWKSet(JWK.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + " is neither a JWKS nor a JWK: " + e.getMessage());
        }
    }

    /** Who the audit log names for changes made with this command. */
    static final String ACTOR = "client-command";
}
