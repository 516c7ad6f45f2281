package dev.fhirgateway.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EHR's own database: a connection pool, its schema brought up to date by the Flyway migrations in
 * {@code db/migration}, and a {@link Jdbi} over it. Works with H2 and PostgreSQL.
 */
public final class EhrDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EhrDatabase.class);

    private static final int H2_QUERY_CACHE_SIZE = 256;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private EhrDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Connects and migrates the schema.
     *
     * @param jdbcUrl a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
     * @param user the user, or null for the driver's default
     * @param password the password, or null (with a null user on an embedded H2 file database: the random
     *     administrator password kept beside it, see {@link EmbeddedAdminPassword})
     * @throws IllegalArgumentException for another kind of URL
     */
    public static EhrDatabase open(String jdbcUrl, String user, String password) {
        if (user == null && password == null && EmbeddedH2.isEmbedded(jdbcUrl)) {
            // The embedded file database's administrator has a random password, on file beside it.
            Optional<Path> file = EmbeddedH2.databasePath(jdbcUrl);
            if (file.isPresent()) {
                password = EmbeddedAdminPassword.of(jdbcUrl, file.get());
            }
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("sample-ehr");
        config.setJdbcUrl(withQueryCache(jdbcUrl));
        // Explicit: the pool then loads the driver class itself instead of depending on which class loader
        // registered which driver with DriverManager.
        config.setDriverClassName(driverClassFor(jdbcUrl));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(5);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load();
            int applied = flyway.migrate().migrationsExecuted;
            LOG.info("EHR database schema at version {} ({} migrations applied now)",
                    flyway.info().current().getVersion(), applied);
            return new EhrDatabase(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * An embedded H2 URL with a query cache large enough for every statement shape of the EHR and the gateway's
     * adapter (H2's default, 8 per session, is smaller than the Observation search alone with its four tables and
     * their child tables: statements were parsed and planned again on every request). The setting applies to the
     * database when it is opened, so the EHR, which opens it first, sets it for the adapter's sessions too.
     */
    static String withQueryCache(String jdbcUrl) {
        if (!EmbeddedH2.isEmbedded(jdbcUrl) || jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("QUERY_CACHE_SIZE")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE_SIZE;
    }

    private static String driverClassFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new IllegalArgumentException("the sample EHR runs on H2 (jdbc:h2:...) or PostgreSQL"
                + " (jdbc:postgresql:...) only");
    }
}
