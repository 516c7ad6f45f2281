package dev.fhirgateway.gateway.internal.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The servlet container's request thread pool, read from the JMX beans the container publishes, so the WAR
 * needs no container classes. Tomcat publishes {@code Catalina:type=ThreadPool,name=*} by default; Jetty
 * publishes {@code org.eclipse.jetty.util.thread:type=queuedthreadpool,*} when its JMX module (or an
 * {@code MBeanContainer}) is enabled. Gauges use Micrometer's names for these pools ({@code tomcat.threads.*},
 * {@code jetty.threads.*}) and sum over the container's pools; they are read at scrape time, because
 * containers start their connectors after deploying web applications.
 */
final class ContainerThreadPoolMetrics implements MeterBinder {

    private static final String TOMCAT_POOLS = "Catalina:type=ThreadPool,name=*";
    private static final String JETTY_POOLS = "org.eclipse.jetty.util.thread:type=queuedthreadpool,*";

    private final MBeanServer server;

    ContainerThreadPoolMetrics() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    ContainerThreadPoolMetrics(MBeanServer server) {
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "tomcat.threads.current", TOMCAT_POOLS, "currentThreadCount", "Threads of Tomcat's request pools");
        gauge(registry, "tomcat.threads.busy", TOMCAT_POOLS, "currentThreadsBusy", "Busy threads of Tomcat's request pools");
        gauge(registry, "tomcat.threads.config.max", TOMCAT_POOLS, "maxThreads", "Maximum threads of Tomcat's request pools");
        gauge(registry, "jetty.threads.current", JETTY_POOLS, "threads", "Threads of Jetty's pools");
        gauge(registry, "jetty.threads.busy", JETTY_POOLS, "busyThreads", "Busy threads of Jetty's pools");
        gauge(registry, "jetty.threads.config.max", JETTY_POOLS, "maxThreads", "Maximum threads of Jetty's pools");
        gauge(registry, "jetty.threads.jobs", JETTY_POOLS, "queueSize", "Jobs queued for Jetty's pools");
    }

    private void gauge(MeterRegistry registry, String name, String pattern, String attribute, String description) {
        ObjectName query = objectName(pattern);
        if (server.queryNames(query, null).isEmpty() && !isExpectedLater(pattern)) {
            return;
        }
        // Strong reference: nothing else holds this binder, and Micrometer holds gauge targets weakly.
        Gauge.builder(name, this, m -> m.sum(query, attribute)).description(description).strongReference(true)
                .register(registry);
    }

    /** Whether the container's JMX domain exists, so its pools may appear after binding (connectors start late). */
    private boolean isExpectedLater(String pattern) {
        String domain = pattern.substring(0, pattern.indexOf(':'));
        for (String d : server.getDomains()) {
            if (d.equals(domain)) {
                return true;
            }
        }
        return false;
    }

    /** The attribute summed over the matching pools, or NaN when there are none (yet). */
    double sum(ObjectName query, String attribute) {
        Set<ObjectName> pools = server.queryNames(query, null);
        if (pools.isEmpty()) {
            return Double.NaN;
        }
        double total = 0;
        for (ObjectName pool : pools) {
            try {
                Object value = server.getAttribute(pool, attribute);
                if (value instanceof Number n) {
                    total += n.doubleValue();
                }
            } catch (Exception e) {
                return Double.NaN;
            }
        }
        return total;
    }

    private static ObjectName objectName(String pattern) {
        try {
            return new ObjectName(pattern);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(pattern, e);
        }
    }
}
