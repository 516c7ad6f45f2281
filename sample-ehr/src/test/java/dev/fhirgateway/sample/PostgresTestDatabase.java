package dev.fhirgateway.sample;

import dev.fhirgateway.spi.kit.RequiredInCi;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A fresh PostgreSQL schema for a test. The server defaults to {@code jdbc:postgresql://127.0.0.1:5432/test} as
 * user {@code postgres} without password (trust authentication); the environment variables
 * {@value #URL_VARIABLE}, {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} override that.
 *
 * <p>When the server cannot be reached the test is skipped with a message saying how to run it, unless
 * PostgreSQL is required: in CI (environment variable {@code CI=true}) or with
 * {@code -Dgateway.it.postgres.required=true}, where the test fails instead.
 */
public final class PostgresTestDatabase {

    public static final String URL_VARIABLE = "SAMPLE_EHR_PG_URL";
    public static final String USER_VARIABLE = "SAMPLE_EHR_PG_USER";
    public static final String PASSWORD_VARIABLE = "SAMPLE_EHR_PG_PASSWORD";
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String DEFAULT_USER = "postgres";
    private static final String REQUIRED_PROPERTY = "gateway.it.postgres.required";
    /** Schema names go into DDL text, so only plain identifiers are accepted. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int CONNECT_TIMEOUT_SECONDS = 3;

    private final String jdbcUrl;
    private final String user;
    private final String password;

    private PostgresTestDatabase(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Drops and re-creates {@code schema} and returns a database whose URL makes it the current schema.
     * Skips (or, where PostgreSQL is required, fails) the calling test when the server is unreachable.
     */
    public static PostgresTestDatabase freshSchema(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        String serverUrl = envOr(URL_VARIABLE, DEFAULT_URL);
        String user = envOr(USER_VARIABLE, DEFAULT_USER);
        String password = System.getenv(PASSWORD_VARIABLE);
        try (Connection connection = connect(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            unreachable(serverUrl, e);
        }
        String separator = serverUrl.contains("?") ? "&" : "?";
        return new PostgresTestDatabase(serverUrl + separator + "currentSchema=" + schema, user, password);
    }

    /** The URL of the schema (with {@code currentSchema} set). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** The password, or null for none. */
    public String password() {
        return password;
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return connection;
    }

    private static void unreachable(String url, SQLException e) {
        RequiredInCi.missing("PostgreSQL at " + url + " is not reachable (" + e.getMessage() + ").",
                "the PostgreSQL tests", "start PostgreSQL on 127.0.0.1:5432 with a database 'test' that user"
                        + " 'postgres' can use without password, or point " + URL_VARIABLE + " (and " + USER_VARIABLE
                        + ", " + PASSWORD_VARIABLE + ") at a server.", REQUIRED_PROPERTY, e);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
