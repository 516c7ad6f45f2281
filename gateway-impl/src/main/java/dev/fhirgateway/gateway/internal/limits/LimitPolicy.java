package dev.fhirgateway.gateway.internal.limits;

import dev.fhirgateway.api.LimitOverrides;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits in force ({@link #current()}), kept up to date from the overrides file and the host's
 * {@link LimitOverrides}, both checked every {@code overrides-check-interval} on one daemon thread. A change
 * applies to the next requests, without a restart. A file or host answer with an error is refused as a whole
 * with a WARN, and the limits in force stay; at start the same error fails the deployment instead, so a
 * gateway never starts on limits the vendor did not mean.
 */
public final class LimitPolicy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LimitPolicy.class);

    private final Map<String, String> practiceDefaults;
    private final Map<String, String> clientDefaults;
    private final Optional<Path> file;
    private final Optional<LimitOverrides> host;
    private final ScheduledExecutorService checker;
    private volatile LimitsConfig current;
    /** What the current limits were built from: a check that reads the same builds nothing. */
    private Map<String, String> lastOverrides;
    private long lastVersion;

    LimitPolicy(Map<String, String> practiceDefaults, Map<String, String> clientDefaults, Optional<Path> file,
            Optional<LimitOverrides> host, Duration checkInterval) {
        this.practiceDefaults = Map.copyOf(practiceDefaults);
        this.clientDefaults = Map.copyOf(clientDefaults);
        this.file = file;
        this.host = host;
        // At start errors fail the deployment (the exception propagates).
        Map<String, String> overrides = readOverrides(true);
        this.current = LimitsConfig.build(nextVersion(), this.practiceDefaults, this.clientDefaults, overrides);
        this.lastOverrides = overrides;
        if (file.isPresent() || host.isPresent()) {
            checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fhirgateway-limits-overrides");
                t.setDaemon(true);
                return t;
            });
            long millis = checkInterval.toMillis();
            checker.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            checker = null;
        }
    }

    /** The limits in force now. */
    public LimitsConfig current() {
        return current;
    }

    /** How many practices and clients have overrides now (for the startup log). */
    String describeOverrides() {
        return current.practices().size() + " practice and " + current.clients().size() + " client overrides"
                + file.map(f -> " (file " + f + (host.isPresent() ? ", and the host's" : "") + ")")
                        .orElse(host.isPresent() ? " (the host's)" : "");
    }

    /** Reads the sources again and applies a change; errors keep the limits in force (WARN). */
    synchronized void check() {
        try {
            Map<String, String> overrides = readOverrides(false);
            if (overrides == null || overrides.equals(lastOverrides)) {
                return;
            }
            LimitsConfig next = LimitsConfig.build(nextVersion(), practiceDefaults, clientDefaults, overrides);
            current = next;
            lastOverrides = overrides;
            LOG.info("Request limit overrides changed: now {}", describeOverrides());
        } catch (IllegalArgumentException e) {
            LOG.warn("Request limit overrides refused, the previous limits stay: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Request limit overrides could not be checked, the previous limits stay: {}", e.toString());
        }
    }

    /** Host's overrides, then the file's on top; null (keep what is in force) when a source cannot be read now. */
    private Map<String, String> readOverrides(boolean atStart) {
        Map<String, String> merged = new HashMap<>();
        if (host.isPresent()) {
            try {
                Map<String, String> fromHost = Objects.requireNonNullElse(host.get().overrides(), Map.of());
                merged.putAll(fromHost);
            } catch (Exception e) {
                // A host that cannot answer at start leaves the defaults until it can; never a failed start.
                LOG.warn("The host's request limit overrides ({}) could not be read{}: {}",
                        host.get().getClass().getName(), atStart ? ", the defaults apply until they can" : "",
                        e.toString());
                if (!atStart) {
                    return null;
                }
            }
        }
        if (file.isPresent()) {
            Properties props = new Properties();
            try {
                props.load(new StringReader(Files.readString(file.get(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (atStart) {
                    throw new IllegalStateException("setting fhirgateway.limits.overrides-file: cannot read "
                            + file.get() + ": " + e, e);
                }
                LOG.warn("Request limit overrides file {} cannot be read, the previous limits stay: {}", file.get(),
                        e.toString());
                return null;
            }
            props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k)));
        }
        if (atStart) {
            try {
                LimitsConfig.build(0, practiceDefaults, clientDefaults, merged);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("request limits: " + e.getMessage(), e);
            }
        }
        return merged;
    }

    private long nextVersion() {
        // Wall-clock milliseconds, so an instance that loaded later limits brings the higher version to Redis.
        lastVersion = Math.max(lastVersion + 1, System.currentTimeMillis());
        return lastVersion;
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
