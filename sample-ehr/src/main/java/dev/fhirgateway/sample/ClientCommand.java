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
import java.util.Iterator;
import java.util.List;

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
final class ClientCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar sample-ehr.jar client add --practice PIN --scopes \"SCOPES\""
                    + " [--use-case system|patient|practitioner] [--redirect-uri URI]... [--launch-uri URI] [--public]"
                    + " [--refresh-tokens] [--jwks FILE] [--name NAME] [db options]",
            "       java -jar sample-ehr.jar client modify --client-id ID [--scopes \"SCOPES\"] [--refresh-tokens]"
                    + " [db options]",
            "       java -jar sample-ehr.jar client list [db options]",
            "  db options: --db JDBC_URL, --db-user USER, --db-password PASSWORD"
                    + " (default: H2 in ./.sample-ehr; stop the EHR first)");

    /** A parsed command line. {@code practice} is set for {@code add}, {@code clientId} for {@code modify}. */
    record Invocation(String action, String practice, Scope scopes, Path jwksFile, String name,
            SampleEhrOptions database, RegisteredClient.UseCase useCase, List<URI> redirectUris, URI launchUri,
            boolean publicClient, boolean refreshTokens, String clientId) {

        Invocation {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    private ClientCommand() {
    }

    /**
     * Parses the arguments after {@code client}.
     *
     * @throws IllegalArgumentException for an unknown action or option, or a missing value
     */
    static Invocation parse(List<String> args) {
        if (args.isEmpty() || !List.of("add", "modify", "list").contains(args.get(0))) {
            throw new IllegalArgumentException("client needs an action: add, modify or list");
        }
        String action = args.get(0);
        String practice = null;
        String scopes = null;
        Path jwks = null;
        String name = null;
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        RegisteredClient.UseCase useCase = RegisteredClient.UseCase.SYSTEM;
        List<URI> redirectUris = new ArrayList<>();
        URI launchUri = null;
        boolean publicClient = false;
        boolean refreshTokens = false;
        String clientId = null;
        Iterator<String> it = args.subList(1, args.size()).iterator();
        while (it.hasNext()) {
            String option = it.next();
            // Which actions an option belongs to.
            List<String> allowedFor = List.of("add");
            switch (option) {
                case "--practice" -> practice = value(option, it);
                case "--scopes" -> {
                    scopes = value(option, it);
                    allowedFor = List.of("add", "modify");
                }
                case "--jwks" -> jwks = Path.of(value(option, it));
                case "--name" -> name = value(option, it);
                case "--use-case" -> useCase = RegisteredClient.UseCase.of(value(option, it));
                case "--redirect-uri" -> redirectUris.add(uri(option, value(option, it)));
                case "--launch-uri" -> launchUri = uri(option, value(option, it));
                case "--public" -> publicClient = true;
                case "--refresh-tokens" -> {
                    refreshTokens = true;
                    allowedFor = List.of("add", "modify");
                }
                case "--client-id" -> {
                    clientId = value(option, it);
                    allowedFor = List.of("modify");
                }
                case "--db" -> {
                    dbUrl = value(option, it);
                    allowedFor = List.of("add", "modify", "list");
                }
                case "--db-user" -> {
                    dbUser = value(option, it);
                    allowedFor = List.of("add", "modify", "list");
                }
                case "--db-password" -> {
                    dbPassword = value(option, it);
                    allowedFor = List.of("add", "modify", "list");
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + option);
            }
            if (!allowedFor.contains(action)) {
                throw new IllegalArgumentException(option + " is for 'client " + String.join("' or 'client ",
                        allowedFor) + "' only");
            }
        }
        Scope scope = scopes == null ? null : Scope.parse(scopes);
        if (action.equals("add")) {
            if (practice == null || practice.isBlank()) {
                throw new IllegalArgumentException("client add needs --practice PIN");
            }
            if (scope == null || scope.isEmpty()) {
                throw new IllegalArgumentException("client add needs --scopes, e.g. --scopes \"system/*.rs\"");
            }
        }
        if (action.equals("modify")) {
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("client modify needs --client-id ID");
            }
            if (scope == null && !refreshTokens) {
                throw new IllegalArgumentException("client modify needs --scopes and/or --refresh-tokens");
            }
        }
        return new Invocation(action, practice, scope, jwks, name,
                SampleEhrOptions.defaults().withDatabase(dbUrl, dbUser, dbPassword), useCase, redirectUris, launchUri,
                publicClient, refreshTokens, clientId);
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

    private static URI uri(String option, String value) {
        try {
            return new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a URI: " + value);
        }
    }

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }
}
