package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.spi.EhrAdapterProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds adapter providers with {@link ServiceLoader}: in the web application's own class path
 * ({@code WEB-INF/lib}) and in an optional plugin directory of jars.
 *
 * <p>Plugin jars are loaded by a child of the web application's class loader, so the SPI and HAPI types
 * an adapter uses are the WAR's own. That is why a jar in the container's shared library folder (Tomcat's
 * {@code lib/}, Jetty's {@code lib/ext}) does not work: there the SPI would be loaded a second time by
 * another loader, and the adapter would not be a subtype of the WAR's {@link EhrAdapterProvider}.
 */
public final class AdapterDiscovery {

    private AdapterDiscovery() {
    }

    /** The result: the providers, and the loader that owns plugin jars (to close on shutdown), if any. */
    public record Result(List<DiscoveredProvider> providers, Optional<URLClassLoader> pluginLoader) {
    }

    /**
     * Discovers providers.
     *
     * @param webappLoader the web application's class loader
     * @param pluginDir the plugin directory, if configured
     * @throws AdapterStartupException when the plugin directory is not a readable directory, or a provider
     *     cannot be instantiated
     */
    public static Result discover(ClassLoader webappLoader, Optional<Path> pluginDir) {
        URLClassLoader pluginLoader = pluginDir.map(dir -> pluginLoader(dir, webappLoader)).orElse(null);
        ClassLoader searched = pluginLoader != null ? pluginLoader : webappLoader;
        List<DiscoveredProvider> found = new ArrayList<>();
        try {
            // The plugin loader delegates to the webapp loader, so one pass finds both kinds.
            for (ServiceLoader.Provider<EhrAdapterProvider> p : ServiceLoader.load(EhrAdapterProvider.class, searched)
                    .stream().toList()) {
                found.add(new DiscoveredProvider(p.get(), HostExtensions.sourceOf(p.type())));
            }
        } catch (ServiceConfigurationError e) {
            throw new AdapterStartupException("An EHR adapter could not be loaded: " + e.getMessage()
                    + ". If the adapter jar sits in the container's shared library folder (Tomcat lib/, Jetty"
                    + " lib/ext), move it to the plugin directory (setting fhirgateway.plugin-dir) or WEB-INF/lib:"
                    + " the SPI must be loaded by the gateway's own class loader.", e);
        }
        return new Result(List.copyOf(found), Optional.ofNullable(pluginLoader));
    }

    private static URLClassLoader pluginLoader(Path dir, ClassLoader parent) {
        if (!Files.isDirectory(dir)) {
            throw new AdapterStartupException("The adapter plugin directory " + dir.toAbsolutePath()
                    + " (setting fhirgateway.plugin-dir) does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<URL> jars = new ArrayList<>();
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
            return new URLClassLoader("fhir-gateway-plugins", jars.toArray(URL[]::new), parent);
        } catch (IOException e) {
            throw new AdapterStartupException("Cannot read the adapter plugin directory " + dir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }


}
