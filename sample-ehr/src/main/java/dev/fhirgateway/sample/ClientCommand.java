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
import java.util.Iterator;
import java.util.List;

/**
 * App registration as a vendor's registration desk does it, on the command line:
 * <pre>
 * java -jar sample-ehr.jar client add --practice PIN --scopes "system/*.rs" [--jwks FILE] [--name NAME]
 *     [--db JDBC_URL] [--db-user USER] [--db-password PASSWORD]
 * java -jar sample-ehr.jar client list [--db JDBC_URL] [--db-user USER] [--db-password PASSWORD]
 * </pre>
 * {@code add} prints the new client id, and its secret when no key set is given (shown once, stored only as a
 * hash). With {@code --jwks} the app authenticates with {@code private_key_jwt} using the keys of FILE (a JWKS or
 * one JWK, public keys only). The database is the EHR's (default: the embedded H2 in {@code ./.sample-ehr}, which
 * only one process can open: stop the EHR first, or use a database server).
 */
final class ClientCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar sample-ehr.jar client add --practice PIN --scopes \"SCOPES\" [--jwks FILE] [--name NAME]"
                    + " [db options]",
            "       java -jar sample-ehr.jar client list [db options]",
            "  db options: --db JDBC_URL, --db-user USER, --db-password PASSWORD"
                    + " (default: H2 in ./.sample-ehr; stop the EHR first)");

    /** A parsed command line. {@code practice} and {@code scopes} are set for {@code add} only. */
    record Invocation(String action, String practice, Scope scopes, Path jwksFile, String name,
            SampleEhrOptions database) {
    }

    private ClientCommand() {
    }

    /**
     * Parses the arguments after {@code client}.
     *
     * @throws IllegalArgumentException for an unknown action or option, or a missing value
     */
    static Invocation parse(List<String> args) {
        if (args.isEmpty() || !(args.get(0).equals("add") || args.get(0).equals("list"))) {
            throw new IllegalArgumentException("client needs an action: add or list");
        }
        String action = args.get(0);
        String practice = null;
        String scopes = null;
        Path jwks = null;
        String name = null;
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        Iterator<String> it = args.subList(1, args.size()).iterator();
        while (it.hasNext()) {
            String option = it.next();
            boolean addOnly = true;
            switch (option) {
                case "--practice" -> practice = value(option, it);
                case "--scopes" -> scopes = value(option, it);
                case "--jwks" -> jwks = Path.of(value(option, it));
                case "--name" -> name = value(option, it);
                case "--db" -> {
                    dbUrl = value(option, it);
                    addOnly = false;
                }
                case "--db-user" -> {
                    dbUser = value(option, it);
                    addOnly = false;
                }
                case "--db-password" -> {
                    dbPassword = value(option, it);
                    addOnly = false;
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + option);
            }
            if (addOnly && action.equals("list")) {
                throw new IllegalArgumentException(option + " is for 'client add' only");
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
        return new Invocation(action, practice, scope, jwks, name,
                SampleEhrOptions.defaults().withDatabase(dbUrl, dbUser, dbPassword));
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
                            + client.authenticationMethods() + "\t" + client.scopes() + "\t" + client.name());
                }
                return 0;
            }
            try {
                JWKSet keys = invocation.jwksFile() == null ? null : readKeys(invocation.jwksFile());
                ClientRegistry.Registration registration = registry.register(invocation.practice(),
                        invocation.scopes(), invocation.name(), keys);
                out.println("client_id: " + registration.client().clientId());
                if (registration.secret() != null) {
                    out.println("client_secret: " + registration.secret()
                            + "   (shown once; only a hash is stored)");
                }
                out.println("practice: " + registration.client().practicePin() + ", scopes: "
                        + registration.client().scopes() + ", authentication: "
                        + registration.client().authenticationMethods());
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

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }
}
