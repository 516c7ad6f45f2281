package dev.fhirgateway.gateway.internal.adapter;

import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a host's implementations of a {@code gateway-api} extension point the one way every extension is found,
 * adapters included: {@link ServiceLoader} over the plugin directory and {@code WEB-INF/lib} (the plugin loader
 * delegates to the web application's). Reports at startup what it found and where it came from.
 */
public final class HostExtensions {

    private static final Logger LOG = LoggerFactory.getLogger(HostExtensions.class);

    private HostExtensions() {
    }

    /** One implementation found, with the jar (or folder) it was loaded from. */
    public record Found<T>(T extension, String source) {
    }

    /**
     * Every implementation of {@code extensionPoint} the loader sees, each logged.
     *
     * @throws IllegalStateException when one is registered but cannot be loaded, saying which and why
     */
    public static <T> List<Found<T>> find(Class<T> extensionPoint, ClassLoader loader) {
        try {
            List<Found<T>> found = ServiceLoader.load(extensionPoint, loader).stream()
                    .map(p -> new Found<>(p.get(), sourceOf(p.type()))).toList();
            for (Found<T> f : found) {
                LOG.info("Host extension {}: {} (from {})", extensionPoint.getSimpleName(),
                        f.extension().getClass().getName(), f.source());
            }
            return found;
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("A " + extensionPoint.getName() + " could not be loaded: "
                    + e.getMessage() + ". Put its jar in the plugin directory (setting fhirgateway.plugin-dir) or"
                    + " WEB-INF/lib, not in the container's shared library folder: gateway-api must be loaded by the"
                    + " gateway's own class loader.", e);
        }
    }

    /** Where a class was loaded from, for startup reports. */
    static String sourceOf(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "unknown location";
        }
        try {
            return Path.of(cs.getLocation().toURI()).toString();
        } catch (Exception e) {
            return cs.getLocation().toString();
        }
    }
}
