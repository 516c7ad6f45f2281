package dev.fhirgateway.gateway.internal.adapter;

import ca.uhn.fhir.util.VersionUtil;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SpiVersion;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** A HAPI FHIR jar as Maven names it, e.g. {@code hapi-fhir-structures-r4-8.8.1.jar}; group 1 is its version. */
    private static final Pattern HAPI_JAR = Pattern.compile("hapi-fhir[a-z0-9.-]*?-(\\d+\\.\\d+[^/]*)\\.jar");

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
        checkHapi(VersionUtil.getVersion(), pluginDir);
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

    /**
     * HAPI's R4 model is part of the SPI's binary contract ({@link SpiVersion#HAPI_MAJOR}): the gateway must run
     * with that major version, and a plugin directory must not bring HAPI jars of another one (the plugin loader
     * asks the gateway's loader first, so those jars would be ignored and the adapter would fail at its first
     * call with a {@code NoSuchMethodError}).
     */
    static void checkHapi(String gatewayHapi, Optional<Path> pluginDir) {
        if (!SpiVersion.supportsHapi(gatewayHapi)) {
            throw new AdapterStartupException("This gateway runs with HAPI FHIR " + gatewayHapi + ", but its EHR"
                    + " adapter SPI " + SpiVersion.CURRENT + " is built for HAPI FHIR " + SpiVersion.HAPI_MAJOR
                    + ".x: use the WAR as built");
        }
        if (pluginDir.isEmpty() || !Files.isDirectory(pluginDir.get())) {
            return;
        }
        try (Stream<Path> files = Files.list(pluginDir.get())) {
            for (Path jar : files.sorted().toList()) {
                Matcher m = HAPI_JAR.matcher(jar.getFileName().toString());
                if (m.matches() && !SpiVersion.supportsHapi(m.group(1))) {
                    throw new AdapterStartupException("The adapter plugin directory " + pluginDir.get().toAbsolutePath()
                            + " holds " + jar.getFileName() + ", but adapters for this gateway are built against HAPI"
                            + " FHIR " + SpiVersion.HAPI_MAJOR + ".x (the gateway runs with " + gatewayHapi + "):"
                            + " rebuild the adapter against HAPI FHIR " + SpiVersion.HAPI_MAJOR + ".x and leave HAPI out"
                            + " of the plugin directory (the WAR provides it)");
                }
            }
        } catch (IOException e) {
            throw new AdapterStartupException("Cannot read the adapter plugin directory "
                    + pluginDir.get().toAbsolutePath() + ": " + e.getMessage(), e);
        }
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
