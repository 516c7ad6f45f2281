package dev.fhirgateway.sample;

import java.nio.file.Path;

/**
 * The sample EHR's database for a gateway running in another process (a servlet container): an embedded H2
 * file database, migrated and seeded in this JVM, and served on a loopback TCP port through {@link H2TcpBridge}
 * so that the container's adapter connects to it as a client.
 */
public final class LoopbackSampleDatabase implements AutoCloseable {

    private final EhrDatabase database;
    private final H2TcpBridge bridge;

    private LoopbackSampleDatabase(EhrDatabase database, H2TcpBridge bridge) {
        this.database = database;
        this.bridge = bridge;
    }

    /**
     * Creates, migrates and seeds a database in {@code dataDir} and serves it on loopback.
     *
     * @throws Exception when the database or the TCP server cannot start; nothing is left running then
     */
    public static LoopbackSampleDatabase start(Path dataDir) throws Exception {
        H2TcpBridge.restrictToLoopback();
        String url = "jdbc:h2:" + dataDir.resolve("ehr").toAbsolutePath();
        EhrDatabase database = EhrDatabase.open(url, null, null);
        try {
            SeedData.seedIfEmpty(database.jdbi());
            return new LoopbackSampleDatabase(database, H2TcpBridge.start(url, 0));
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    /** The URL the adapter in the container connects with ({@code jdbc:h2:tcp://127.0.0.1:PORT/...}). */
    public String adapterJdbcUrl() {
        return bridge.clientUrl();
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
