package dev.fhirgateway.sample;

import java.sql.SQLException;
import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the EHR's embedded H2 database over a loopback TCP port, on request ({@code --h2-port}), to a gateway
 * running in another process (deploy.md's trial recipe, the servlet-container tests). Two H2 engines must never
 * open the same database file, so that gateway's adapter connects as a client to this server, which runs on the
 * EHR's engine, logging in with the read-only {@link AdapterDatabaseAccount}. The launcher's own gateway needs no
 * port: it shares the EHR's H2 engine in process.
 */
final class H2TcpBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2TcpBridge.class);
    private static final String BIND_ADDRESS_PROPERTY = "h2.bindAddress";
    private static final String LOOPBACK = "127.0.0.1";

    private final Server server;
    private final String clientUrl;

    private H2TcpBridge(Server server, String clientUrl) {
        this.server = server;
        this.clientUrl = clientUrl;
    }

    /**
     * Makes H2 listen on loopback only. H2 reads the property once, when its classes initialize, so this must run
     * before the JVM first uses H2.
     */
    static void restrictToLoopback() {
        System.setProperty(BIND_ADDRESS_PROPERTY, LOOPBACK);
    }

    /**
     * Starts a TCP server on a loopback port for the database an embedded URL opens.
     *
     * @param embeddedUrl a URL for which {@link EmbeddedH2#isEmbedded} holds
     * @param port the port, or 0 for a free one
     * @throws IllegalStateException when H2 was initialized before {@link #restrictToLoopback()} and would
     *     listen on every interface
     */
    static H2TcpBridge start(String embeddedUrl, int port) throws SQLException {
        if (!LOOPBACK.equals(SysProperties.BIND_ADDRESS)) {
            throw new IllegalStateException("H2 was initialized before " + BIND_ADDRESS_PROPERTY + " was set to "
                    + LOOPBACK + "; refusing to serve the database on every network interface. Set -D"
                    + BIND_ADDRESS_PROPERTY + "=" + LOOPBACK + " on the java command line.");
        }
        // No -tcpAllowOthers: only this host may connect. -ifExists: clients cannot create new databases.
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifExists").start();
        String clientUrl = "jdbc:h2:tcp://" + LOOPBACK + ":" + server.getPort() + "/" + EmbeddedH2.databaseName(embeddedUrl);
        LOG.info("H2 TCP server for the adapter listening on {}:{}", LOOPBACK, server.getPort());
        return new H2TcpBridge(server, clientUrl);
    }

    /** The URL the adapter connects with: {@code jdbc:h2:tcp://127.0.0.1:PORT/<absolute path or mem:name>}. */
    String clientUrl() {
        return clientUrl;
    }

    @Override
    public void close() {
        server.stop();
    }
}
