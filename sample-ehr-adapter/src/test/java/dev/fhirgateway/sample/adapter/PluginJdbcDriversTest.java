package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A JDBC driver loaded from the plugin directory must not pin the plugin's class loader after the adapter
 * closes (the redeploy leak). Both tests load H2 and {@link PluginJdbcDrivers} in a fresh loader, as the
 * gateway's plugin loader does, and watch whether that loader can be garbage-collected.
 */
@DisplayName("JDBC drivers of the adapter plugin")
class PluginJdbcDriversTest {

    @Test
    @DisplayName("are deregistered on close, so the plugin class loader can be collected")
    void deregisteredDriversReleaseTheLoader() throws Exception {
        WeakReference<ClassLoader> loader = loadDriverInPluginLoader(true);
        assertThat(collected(loader)).as("plugin loader collected after deregistration").isTrue();
    }

    @Test
    @DisplayName("pin the plugin class loader when not deregistered (the leak this prevents)")
    void registeredDriversPinTheLoader() throws Exception {
        WeakReference<ClassLoader> loader = loadDriverInPluginLoader(false);
        assertThat(collected(loader)).as("plugin loader collected without deregistration").isFalse();
    }

    private static WeakReference<ClassLoader> loadDriverInPluginLoader(boolean deregister) throws Exception {
        URL[] urls = {
            location(org.h2.Driver.class), location(PluginJdbcDrivers.class), location(org.slf4j.LoggerFactory.class)};
        URLClassLoader plugin = new URLClassLoader("test-plugin", urls, ClassLoader.getPlatformClassLoader());
        Class.forName("org.h2.Driver", true, plugin); // registers itself with DriverManager
        if (deregister) {
            var method = Class.forName(PluginJdbcDrivers.class.getName(), true, plugin)
                    .getDeclaredMethod("deregisterLoadedBy", ClassLoader.class);
            method.setAccessible(true);
            method.invoke(null, plugin);
        }
        plugin.close();
        return new WeakReference<>(plugin);
    }

    private static boolean collected(WeakReference<ClassLoader> loader) throws InterruptedException {
        for (int i = 0; i < 20 && loader.get() != null; i++) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1 << 20];
            }
            Thread.sleep(50);
        }
        return loader.get() == null;
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
