package dev.fhirgateway.sample;

import java.nio.file.Path;

/**
 * The sample EHR's database for a gateway running in another process (a servlet container): an embedded H2
 * file database, migrated and seeded in this JVM, and served on a loopback TCP port through {@link H2TcpBridge}
 * so that the container's adapter connects to it as a client, with the {@link AdapterDatabaseAccount} (SELECT on
 * the records only, a random password). The database's administrator has a random password too: nobody on the
 * host logs in over the port as the password-less default user.
 */
public final class LoopbackSampleDatabase implements AutoCloseable {

    private static final String ADMIN = "EHR";

    private final EhrDatabase database;
    private final H2TcpBridge bridge;
    private final AdapterDatabaseAccount account;

    private LoopbackSampleDatabase(EhrDatabase database, H2TcpBridge bridge, AdapterDatabaseAccount account) {
        this.database = database;
        this.bridge = bridge;
        this.account = account;
    }

    /**
     * Creates, migrates and seeds a database in {@code dataDir} and serves it on loopback.
     *
     * @throws Exception when the database or the TCP server cannot start; nothing is left running then
     */
    public static LoopbackSampleDatabase start(Path dataDir) throws Exception {
        H2TcpBridge.restrictToLoopback();
        EmbeddedH2.createOwnerOnlyDirectory(dataDir);
        String url = "jdbc:h2:" + dataDir.resolve("ehr").toAbsolutePath();
        EhrDatabase database = EhrDatabase.open(url, ADMIN, AdapterDatabaseAccount.randomPassword());
        try {
            SeedData.seedIfEmpty(database.jdbi());
            AdapterDatabaseAccount account = AdapterDatabaseAccount.renew(database.jdbi());
            return new LoopbackSampleDatabase(database, H2TcpBridge.start(url), account);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    /** The URL the adapter in the container connects with ({@code jdbc:h2:tcp://127.0.0.1:PORT/...}). */
    public String adapterJdbcUrl() {
        return bridge.clientUrl();
    }

    /** The account the adapter in the container logs in with. */
    public AdapterDatabaseAccount adapterAccount() {
        return account;
    }

    @Override
    public void close() {
        try {
            bridge.close();
        } finally {
            database.close();
        }
    }
}
