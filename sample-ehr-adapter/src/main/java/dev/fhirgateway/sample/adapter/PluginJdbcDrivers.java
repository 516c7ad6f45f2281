package dev.fhirgateway.sample.adapter;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deregisters the JDBC drivers this adapter's own class loader loaded, when the adapter closes.
 *
 * <p>JDBC drivers register themselves with {@link DriverManager}, which lives in the JDK and keeps them for
 * ever. A driver loaded from the gateway's plugin directory therefore pins the plugin class loader, and with
 * it every class of the adapter, after the web application is undeployed: a leak on each redeploy. Drivers
 * of the application class loader (tests, the EHR itself) are shared and left alone.
 */
final class PluginJdbcDrivers {

    private static final Logger LOG = LoggerFactory.getLogger(PluginJdbcDrivers.class);

    private PluginJdbcDrivers() {
    }

    static void deregisterLoadedBy(ClassLoader loader) {
        if (loader == null || loader == ClassLoader.getSystemClassLoader()) {
            return;
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == loader) {
                try {
                    DriverManager.deregisterDriver(driver);
                    LOG.info("Deregistered JDBC driver {} loaded by the adapter plugin", driver.getClass().getName());
                } catch (SQLException | SecurityException e) {
                    LOG.warn("Could not deregister JDBC driver {}: {}", driver.getClass().getName(), e.getClass().getName());
                }
            }
        }
    }
}
