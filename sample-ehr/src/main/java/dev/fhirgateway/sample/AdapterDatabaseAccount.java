package dev.fhirgateway.sample;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The account the gateway's adapter reads the embedded H2 database with: {@code SELECT} on the EHR's records,
 * nothing on the development authorization server's tables (its token signing key, the apps' secret hashes, the
 * users' password hashes, refresh token hashes, the registration audit log) or on Flyway's history, and a fresh random password on every start, so a password from an earlier run opens
 * nothing.
 *
 * @param user the database user
 * @param password this start's password; never logged
 */
public record AdapterDatabaseAccount(String user, String password) {

    static final String USER = "GATEWAY_ADAPTER";
    /** Tables the adapter never reads, in H2's upper case; every other table of the schema is granted. */
    static final Set<String> PRIVATE_TABLES = Set.of("AUTH_SIGNING_KEY", "API_CLIENT", "EHR_USER",
            "AUTH_REFRESH_TOKEN", "REGISTRATION_AUDIT", "FLYWAY_SCHEMA_HISTORY");

    private static final String PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PASSWORD_LENGTH = 40;

    /**
     * Creates the account (or sets a new password on it) and grants it the EHR's current tables. Runs as the
     * database's administrator, the account the EHR itself uses on its embedded database.
     */
    static AdapterDatabaseAccount renew(Jdbi jdbi) {
        String password = randomPassword();
        jdbi.useTransaction(handle -> {
            // The password is letters and digits only: safe in a literal, which H2's ALTER USER requires.
            handle.execute("CREATE USER IF NOT EXISTS " + USER + " PASSWORD '" + password + "'");
            handle.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
            List<String> tables = handle.createQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                            + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")
                    .mapTo(String.class)
                    .list();
            for (String table : tables) {
                // Names come from the schema, quoted as H2 stores them (Flyway's history table is lower case).
                String quoted = "PUBLIC.\"" + table.replace("\"", "\"\"") + "\"";
                if (PRIVATE_TABLES.contains(table.toUpperCase(Locale.ROOT))) {
                    handle.execute("REVOKE ALL ON " + quoted + " FROM " + USER);
                } else {
                    handle.execute("GRANT SELECT ON " + quoted + " TO " + USER);
                }
            }
        });
        return new AdapterDatabaseAccount(USER, password);
    }

    /** Leaves out the password. */
    @Override
    public String toString() {
        return "AdapterDatabaseAccount[user=" + user + "]";
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
