package dev.fhirgateway.gateway.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterDiscoveryTest {

    private static final String SERVICES_FILE = "META-INF/services/" + EhrAdapterProvider.class.getName();

    /** The provider the test plugin jar registers; ServiceLoader needs it public with a public no-arg constructor. */
    public static final class PluginProvider implements EhrAdapterProvider {
        public PluginProvider() {
        }

        @Override
        public String requestedSpiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public String name() {
            return "plugin-test-ehr";
        }

        @Override
        public EhrAdapter open(AdapterConfig config) {
            throw new UnsupportedOperationException("discovery never opens providers");
        }
    }

    /** A class in the unnamed module that is not an EhrAdapterProvider (JDK classes would be skipped silently). */
    public static final class NotAProvider {
        public NotAProvider() {
        }
    }

    @TempDir
    Path pluginDir;

    private final ClassLoader testLoader = AdapterDiscoveryTest.class.getClassLoader();

    /** A jar in the plugin directory whose services file lists {@code providerClassName}. */
    private Path pluginJar(String fileName, String providerClassName) throws IOException {
        Path jar = pluginDir.resolve(fileName);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(SERVICES_FILE));
            out.write(("# test plugin\n" + providerClassName + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static void close(AdapterDiscovery.Result result) throws IOException {
        if (result.pluginLoader().isPresent()) {
            result.pluginLoader().get().close();
        }
    }

    private static boolean isPluginProvider(DiscoveredProvider d) {
        return d.provider() instanceof PluginProvider;
    }

    @Test
    @DisplayName("a plugin directory that does not exist fails start naming it and the setting fhirgateway.plugin-dir")
    void missingPluginDir() {
        Path missing = pluginDir.resolve("no-such-dir");

        AdapterStartupException e = catchThrowableOfType(AdapterStartupException.class,
                () -> AdapterDiscovery.discover(testLoader, Optional.of(missing)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("fhirgateway.plugin-dir").contains(missing.toAbsolutePath().toString());
    }

    @Test
    @DisplayName("a plugin 'directory' that is a file fails start naming the setting")
    void pluginDirIsAFile() throws IOException {
        Path file = Files.writeString(pluginDir.resolve("plugins.txt"), "not a directory");

        AdapterStartupException e = catchThrowableOfType(AdapterStartupException.class,
                () -> AdapterDiscovery.discover(testLoader, Optional.of(file)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("fhirgateway.plugin-dir");
    }

    @Test
    @DisplayName("a provider listed in a plugin jar's services file is discovered, and the plugin loader is returned")
    void providerInPluginJarDiscovered() throws IOException {
        pluginJar("acme-adapter.jar", PluginProvider.class.getName());

        AdapterDiscovery.Result result = AdapterDiscovery.discover(testLoader, Optional.of(pluginDir));
        try {
            assertThat(result.providers()).filteredOn(AdapterDiscoveryTest::isPluginProvider).singleElement()
                    .satisfies(d -> {
                        assertThat(d.provider().name()).isEqualTo("plugin-test-ehr");
                        assertThat(d.source()).isNotBlank();
                    });
            assertThat(result.pluginLoader()).isPresent();
            URLClassLoader loader = result.pluginLoader().get();
            assertThat(loader.getParent()).isSameAs(testLoader);
            assertThat(loader.getURLs()).extracting(u -> u.getPath()).anySatisfy(
                    p -> assertThat(p).endsWith("/acme-adapter.jar"));
        } finally {
            close(result);
        }
    }

    @Test
    @DisplayName("a plugin directory carrying HAPI FHIR of another major version fails start, naming the jar and the version needed")
    void foreignHapiInPluginDirRefused() throws IOException {
        pluginJar("adapter.jar", PluginProvider.class.getName());
        pluginJar("hapi-fhir-structures-r4-7.4.0.jar", PluginProvider.class.getName());

        assertThatThrownBy(() -> AdapterDiscovery.discover(testLoader, Optional.of(pluginDir)))
                .isInstanceOf(AdapterStartupException.class)
                .hasMessageContaining("hapi-fhir-structures-r4-7.4.0.jar")
                .hasMessageContaining("HAPI FHIR 8.x");
    }

    @Test
    @DisplayName("HAPI FHIR jars of the supported major version in a plugin directory are accepted")
    void sameMajorHapiAccepted() throws IOException {
        pluginJar("adapter.jar", PluginProvider.class.getName());
        pluginJar("hapi-fhir-base-8.2.0.jar", PluginProvider.class.getName());
        AdapterDiscovery.checkHapi("8.8.1", Optional.of(pluginDir));
    }

    @Test
    @DisplayName("a gateway running with another HAPI FHIR major version than the SPI's fails start")
    void gatewayHapiChecked() {
        assertThatThrownBy(() -> AdapterDiscovery.checkHapi("9.0.0", Optional.empty()))
                .isInstanceOf(AdapterStartupException.class).hasMessageContaining("HAPI FHIR 9.0.0")
                .hasMessageContaining("8.x");
    }

    @Test
    @DisplayName("only files ending in .jar in the plugin directory are loaded")
    void onlyJarsLoaded() throws IOException {
        pluginJar("adapter.jar", PluginProvider.class.getName());
        Files.writeString(pluginDir.resolve("README.txt"), "notes");

        AdapterDiscovery.Result result = AdapterDiscovery.discover(testLoader, Optional.of(pluginDir));
        try {
            assertThat(result.pluginLoader().orElseThrow().getURLs()).hasSize(1);
        } finally {
            close(result);
        }
    }

    @Test
    @DisplayName("the test class path itself does not register the test plugin provider")
    void classPathAloneHasNoPluginProvider() throws IOException {
        AdapterDiscovery.Result result = AdapterDiscovery.discover(testLoader, Optional.empty());
        try {
            assertThat(result.providers()).noneMatch(AdapterDiscoveryTest::isPluginProvider);
            assertThat(result.pluginLoader()).isEmpty();
        } finally {
            close(result);
        }
    }

    @Test
    @DisplayName("an empty plugin directory yields a plugin loader and no plugin provider")
    void emptyPluginDir() throws IOException {
        AdapterDiscovery.Result result = AdapterDiscovery.discover(testLoader, Optional.of(pluginDir));
        try {
            assertThat(result.pluginLoader()).isPresent();
            assertThat(result.providers()).noneMatch(AdapterDiscoveryTest::isPluginProvider);
        } finally {
            close(result);
        }
    }

    @Test
    @DisplayName("a services file naming a class that is not an EhrAdapterProvider fails start with the plugin directory advice")
    void classNotImplementingSpi() throws IOException {
        pluginJar("wrong.jar", NotAProvider.class.getName());

        AdapterStartupException e = catchThrowableOfType(AdapterStartupException.class,
                () -> AdapterDiscovery.discover(testLoader, Optional.of(pluginDir)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("could not be loaded").contains(NotAProvider.class.getName())
                .contains("plugin directory (setting fhirgateway.plugin-dir)")
                .contains("WEB-INF/lib");
        assertThat(e.getCause()).isInstanceOf(java.util.ServiceConfigurationError.class);
    }

    @Test
    @DisplayName("a services file naming a class that does not exist fails start with an AdapterStartupException")
    void missingProviderClass() throws IOException {
        pluginJar("missing.jar", "com.example.NoSuchProvider");

        AdapterStartupException e = catchThrowableOfType(AdapterStartupException.class,
                () -> AdapterDiscovery.discover(testLoader, Optional.of(pluginDir)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("com.example.NoSuchProvider").contains("fhirgateway.plugin-dir");
    }
}
