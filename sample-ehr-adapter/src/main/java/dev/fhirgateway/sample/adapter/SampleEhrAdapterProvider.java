package dev.fhirgateway.sample.adapter;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SpiVersion;

/**
 * The entry point the gateway finds for the sample EHR. Settings (each prefixed {@code fhirgateway.adapter.} in
 * the gateway's configuration):
 * <ul>
 *   <li>{@code jdbc.url} (required): the EHR database, {@code jdbc:h2:...} or {@code jdbc:postgresql:...};</li>
 *   <li>{@code jdbc.user}, {@code jdbc.password} (optional);</li>
 *   <li>{@code jdbc.max-pool-size} (optional): connections the adapter may hold, by default twice the processors
 *   (at least 4): the queries are short and CPU-bound on an embedded database, so more connections than cores
 *   only queue inside the database.</li>
 * </ul>
 */
public final class SampleEhrAdapterProvider implements EhrAdapterProvider {

    private static final int MIN_POOL_SIZE = 4;
    /**
     * Only a backstop: a burst queues for connections, and the gateway's request deadline decides how long a
     * request may wait (the call then ends in 504 there). A shorter pool timeout failed requests of a cold burst
     * with 503 while they were still inside their deadline.
     */
    private static final long CONNECTION_TIMEOUT_MILLIS = 30_000;

    @Override
    public String requestedSpiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String name() {
        return "sample-ehr";
    }

    @Override
    public EhrAdapter open(AdapterConfig config) {
        String url = config.require("jdbc.url");
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("sample-ehr-adapter");
        pool.setJdbcUrl(url);
        // Set explicitly: in a web application DriverManager does not see drivers that a child class loader
        // (the gateway's plugin loader) brought in, so the pool must load the driver class itself.
        pool.setDriverClassName(driverClassFor(url));
        config.get("jdbc.user").ifPresent(pool::setUsername);
        config.get("jdbc.password").ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(maxPoolSize(config));
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        pool.setReadOnly(true);
        StatementDeadlines deadlines = StatementDeadlines.configure(url, pool);
        PoolMetrics.bind(pool);
        try {
            pool.validate();
            // The pool itself, not a HikariDataSource: its getConnection(timeout) lets a call wait for a
            // connection only until its deadline (DeadlineConnections).
            return new SampleEhrAdapter(new HikariPool(pool), deadlines);
        } catch (RuntimeException e) {
            deadlines.close();
            // The URL is not repeated: it may carry credentials.
            throw AdapterException.unavailable("cannot connect to the sample EHR database (setting jdbc.url)", e);
        }
    }

    private static int maxPoolSize(AdapterConfig config) {
        int byMachine = Math.max(MIN_POOL_SIZE, 2 * Runtime.getRuntime().availableProcessors());
        String value = config.get("jdbc.max-pool-size").orElse(null);
        if (value == null) {
            return byMachine;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AdapterException.unavailable("setting jdbc.max-pool-size must be a positive number", null);
    }

    private static String driverClassFor(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw AdapterException.unavailable(
                "the sample EHR adapter supports jdbc:h2: and jdbc:postgresql: URLs only (setting jdbc.url)", null);
    }
}
