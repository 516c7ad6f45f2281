package dev.fhirgateway.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The password of the embedded database's administrator (H2's default user, which the EHR and its {@code import},
 * {@code generate} and {@code client} commands open it as): random, set the first time the database is opened,
 * and kept in an owner-only file beside it ({@code ehr.admin-password}). Without it, anyone on the host could log
 * in as administrator while the database is served on {@code --h2-port}. Whoever can read the file can read the
 * database files too, so the file protects nothing they could not already read.
 */
final class EmbeddedAdminPassword {

    private static final String SUFFIX = ".admin-password";

    private EmbeddedAdminPassword() {
    }

    /**
     * The administrator's password for the embedded file database at {@code database}, set now if it has none
     * (a new database, or one made before this password existed).
     *
     * @param jdbcUrl the embedded URL that opens it
     * @throws IllegalStateException when the database has a password this file does not hold
     */
    static String of(String jdbcUrl, Path database) {
        Path file = database.resolveSibling(database.getFileName() + SUFFIX);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String password = AdapterDatabaseAccount.randomPassword();
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Written first (owner-only): a crash between the two steps leaves a password that is on file.
            Files.writeString(file, password, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            EmbeddedH2.ownerOnly(file);
            try (Connection c = connectWithoutPassword(jdbcUrl); Statement sql = c.createStatement()) {
                // Letters and digits only: safe in the literal H2 requires here.
                sql.execute("SET PASSWORD '" + password + "'");
            } catch (SQLException e) {
                Files.deleteIfExists(file);
                throw new IllegalStateException("The embedded database " + database + " cannot be opened as its"
                        + " administrator without a password, and " + file + " does not hold its password (SQL state "
                        + e.getSQLState() + "). Open it with --db-user/--db-password.", e);
            }
            return password;
        } catch (FileAlreadyExistsException raced) {
            return of(jdbcUrl, database);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded database's administrator password in " + file, e);
        }
    }

    private static Connection connectWithoutPassword(String jdbcUrl) throws SQLException {
        Properties none = new Properties();
        none.setProperty("user", "");
        none.setProperty("password", "");
        return new org.h2.Driver().connect(jdbcUrl, none);
    }
}
