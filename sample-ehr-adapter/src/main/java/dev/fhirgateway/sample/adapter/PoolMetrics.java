package dev.fhirgateway.sample.adapter;

import com.zaxxer.hikari.HikariConfig;

/**
 * Reports the adapter's connection pool through HikariCP's own Micrometer tracker into Micrometer's global
 * registry, where the gateway adds its registry (the SPI has no Micrometer types). Where Micrometer is not on the
 * class path (a gateway without it, the EHR's own tests) the pool simply runs unmetered.
 */
final class PoolMetrics {

    private static final boolean MICROMETER_PRESENT = isPresent("io.micrometer.core.instrument.Metrics");

    private PoolMetrics() {
    }

    static void bind(HikariConfig pool) {
        if (MICROMETER_PRESENT) {
            // A separate holder class: loading it needs Micrometer, so it is only touched when Micrometer is there.
            GlobalRegistry.bind(pool);
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, PoolMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final class GlobalRegistry {
        static void bind(HikariConfig pool) {
            pool.setMetricRegistry(io.micrometer.core.instrument.Metrics.globalRegistry);
        }
    }
}
