package dev.fhirgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewaySettingsTest {

    @TempDir
    Path dir;

    private Path propertiesFile(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "gateway", ".properties");
        Files.write(file, java.util.List.of(lines));
        return file;
    }

    private static Properties systemProperties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    @Test
    @DisplayName("init parameters < properties file < environment variables < system properties")
    void precedence() throws IOException {
        Map<String, String> init = Map.of(
                "fhirgateway.practice.header", "From-Init",
                "fhirgateway.paging.default-count", "1",
                "fhirgateway.paging.max-count", "1",
                "fhirgateway.paging.link-ttl", "PT1M");
        Path file = propertiesFile(
                "fhirgateway.paging.default-count=2",
                "fhirgateway.paging.max-count=2",
                "fhirgateway.paging.link-ttl=PT2M");
        Map<String, String> env = Map.of(
                "FHIRGATEWAY_CONFIG", file.toString(),
                "FHIRGATEWAY_PAGING_MAX_COUNT", "3",
                "FHIRGATEWAY_PAGING_LINK_TTL", "PT3M");
        Properties sys = systemProperties("fhirgateway.paging.link-ttl", "PT4M");

        GatewaySettings settings = GatewaySettings.resolve(init, env, sys);

        assertThat(settings.get(GatewaySetting.PRACTICE_HEADER)).contains("From-Init");
        assertThat(settings.getPositiveInt(GatewaySetting.PAGING_DEFAULT_COUNT)).isEqualTo(2);
        assertThat(settings.getPositiveInt(GatewaySetting.PAGING_MAX_COUNT)).isEqualTo(3);
        assertThat(settings.getDuration(GatewaySetting.PAGING_LINK_TTL)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    @DisplayName("the properties file is found through the system property fhirgateway.config")
    void configFileFromSystemProperty() throws IOException {
        Path file = propertiesFile("fhirgateway.plugin-dir=/opt/plugins");

        GatewaySettings settings = GatewaySettings.resolve(Map.of(), Map.of(),
                systemProperties("fhirgateway.config", file.toString()));

        assertThat(settings.get(GatewaySetting.PLUGIN_DIR)).contains("/opt/plugins");
    }

    @Test
    @DisplayName("the properties file is found through the environment variable FHIRGATEWAY_CONFIG")
    void configFileFromEnvironment() throws IOException {
        Path file = propertiesFile("fhirgateway.plugin-dir=/opt/plugins");

        GatewaySettings settings = GatewaySettings.resolve(Map.of(), Map.of("FHIRGATEWAY_CONFIG", file.toString()),
                new Properties());

        assertThat(settings.get(GatewaySetting.PLUGIN_DIR)).contains("/opt/plugins");
    }

    @Test
    @DisplayName("the system property fhirgateway.config wins over FHIRGATEWAY_CONFIG, and neither is a setting itself")
    void configFileSystemPropertyWinsOverEnvironment() throws IOException {
        Path fromSys = propertiesFile("fhirgateway.plugin-dir=/from/sys");
        Path fromEnv = propertiesFile("fhirgateway.plugin-dir=/from/env");

        GatewaySettings settings = GatewaySettings.resolve(Map.of(), Map.of("FHIRGATEWAY_CONFIG", fromEnv.toString()),
                systemProperties("fhirgateway.config", fromSys.toString()));

        assertThat(settings.get(GatewaySetting.PLUGIN_DIR)).contains("/from/sys");
        assertThat(settings.describe()).doesNotContainKey("fhirgateway.config");
    }

    @Test
    @DisplayName("environment variables map to setting names: FHIRGATEWAY_PLUGIN_DIR is fhirgateway.plugin-dir")
    void environmentVariableOfGatewaySetting() {
        GatewaySettings settings = GatewaySettings.resolve(Map.of(),
                Map.of("FHIRGATEWAY_PLUGIN_DIR", "/opt/plugins", "FHIRGATEWAY_ADAPTER_CALL_TIMEOUT", "PT3S"),
                new Properties());

        assertThat(settings.get(GatewaySetting.PLUGIN_DIR)).contains("/opt/plugins");
        assertThat(settings.get("fhirgateway.plugin-dir")).contains("/opt/plugins");
        assertThat(settings.getDuration(GatewaySetting.ADAPTER_CALL_TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.adapterSettings()).as("adapter-call-timeout is the gateway's, not the adapter's").isEmpty();
    }

    @Test
    @DisplayName("FHIRGATEWAY_ADAPTER_JDBC_URL arrives at the adapter as jdbc.url")
    void adapterEnvironmentVariable() {
        GatewaySettings settings = GatewaySettings.resolve(Map.of(),
                Map.of("FHIRGATEWAY_ADAPTER_JDBC_URL", "jdbc:h2:mem:x"), new Properties());

        assertThat(settings.adapterSettings()).containsExactly(Map.entry("jdbc.url", "jdbc:h2:mem:x"));
    }

    @Test
    @DisplayName("FHIRGATEWAY_ADAPTER_FOR_Patient is the routing setting fhirgateway.adapter-for.Patient,"
            + " keeps the type's case and is not an adapter setting")
    void routingEnvironmentVariable() {
        GatewaySettings settings = GatewaySettings.resolve(Map.of(),
                Map.of("FHIRGATEWAY_ADAPTER_FOR_Patient", "acme-ehr"), new Properties());

        assertThat(settings.get("fhirgateway.adapter-for.Patient")).contains("acme-ehr");
        assertThat(settings.adapterSettings()).isEmpty();
    }

    @Test
    @DisplayName("environment variables, init parameters and system properties outside the gateway's names are ignored")
    void unrelatedSourcesIgnored() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin");
        env.put("HOME", "/root");
        env.put("FHIRGATEWAY_NO_SUCH_SETTING", "x");
        env.put("FHIRGATEWAY_ADAPTER_", "x");

        GatewaySettings settings = GatewaySettings.resolve(Map.of("resteasy.role.based.security", "true"), env,
                systemProperties("java.version", "17", "user.home", "/root"));

        assertThat(settings.describe()).isEmpty();
    }

    @Test
    @DisplayName("a system property overrides an adapter setting from the environment")
    void systemPropertyOverridesAdapterEnvironment() {
        GatewaySettings settings = GatewaySettings.resolve(
                Map.of("fhirgateway.adapter.jdbc.url", "from-init"),
                Map.of("FHIRGATEWAY_ADAPTER_JDBC_URL", "from-env"),
                systemProperties("fhirgateway.adapter.jdbc.url", "from-sys"));

        assertThat(settings.adapterSettings()).containsEntry("jdbc.url", "from-sys");
    }

    @Test
    @DisplayName("adapterSettings() holds every fhirgateway.adapter.* setting with the prefix removed, and nothing else")
    void adapterSettingsStripPrefix() {
        GatewaySettings settings = GatewaySettings.of(Map.of(
                "fhirgateway.adapter.jdbc-url", "jdbc:postgresql://db/ehr",
                "fhirgateway.adapter.pool.size", "5",
                "fhirgateway.adapter-for.Patient", "acme-ehr",
                "fhirgateway.adapter-call-timeout", "PT5S",
                "fhirgateway.plugin-dir", "/opt/plugins"));

        assertThat(settings.adapterSettings()).containsOnly(
                Map.entry("jdbc-url", "jdbc:postgresql://db/ehr"),
                Map.entry("pool.size", "5"));
    }

    @Test
    @DisplayName("a required setting without a value fails with its name and environment variable")
    void requiredSetting() {
        GatewaySettings settings = GatewaySettings.of(Map.of());
        assertThatThrownBy(() -> settings.require(GatewaySetting.AUTH_JWKS_URL, "when fhirgateway.auth.mode is jwt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fhirgateway.auth.jwks-url").hasMessageContaining("FHIRGATEWAY_AUTH_JWKS_URL")
                .hasMessageContaining("when fhirgateway.auth.mode is jwt");
        assertThat(GatewaySettings.of(Map.of("fhirgateway.auth.jwks-url", "https://x/jwks"))
                .require(GatewaySetting.AUTH_JWKS_URL, "")).isEqualTo("https://x/jwks");
    }

    @Test
    @DisplayName("unset and blank settings fall back to their documented defaults")
    void defaults() {
        GatewaySettings settings = GatewaySettings.of(Map.of("fhirgateway.practice.header", "  "));

        // Tokens are required unless a deployment explicitly switches to the development header.
        assertThat(settings.get(GatewaySetting.AUTH_MODE)).contains("jwt");
        assertThat(settings.get(GatewaySetting.AUTH_PRACTICE_CLAIM)).contains("practice");
        assertThat(settings.get(GatewaySetting.AUTH_ALGORITHMS)).contains("RS256,ES256");
        assertThat(settings.get(GatewaySetting.PRACTICE_HEADER)).contains("X-Practice-Pin");
        assertThat(settings.getPositiveInt(GatewaySetting.PAGING_DEFAULT_COUNT)).isEqualTo(20);
        assertThat(settings.getPositiveInt(GatewaySetting.PAGING_MAX_COUNT)).isEqualTo(100);
        assertThat(settings.getDuration(GatewaySetting.PAGING_LINK_TTL)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.getDuration(GatewaySetting.ADAPTER_CALL_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.get(GatewaySetting.PLUGIN_DIR)).isEmpty();
        assertThat(settings.get(GatewaySetting.PAGING_SECRET)).isEmpty();
        assertThat(settings.get(GatewaySetting.PUBLIC_BASE_URL)).isEmpty();
        assertThat(settings.get("fhirgateway.practice.header")).as("raw lookup has no defaults and ignores blanks")
                .isEmpty();
    }

    @Test
    @DisplayName("a whole-number setting accepts surrounding spaces")
    void positiveIntTrimmed() {
        assertThat(GatewaySettings.of(Map.of("fhirgateway.paging.max-count", " 50 "))
                .getPositiveInt(GatewaySetting.PAGING_MAX_COUNT)).isEqualTo(50);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0", "-1", "ten", "1.5", "99999999999"})
    @DisplayName("a whole-number setting that is not a positive number fails naming the setting")
    void positiveIntErrorsNameTheSetting(String raw) {
        GatewaySettings settings = GatewaySettings.of(Map.of("fhirgateway.paging.max-count", raw));

        assertThatThrownBy(() -> settings.getPositiveInt(GatewaySetting.PAGING_MAX_COUNT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fhirgateway.paging.max-count");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"10s", "10", "PT0S", "-PT5S", "P"})
    @DisplayName("a duration setting that is not a positive ISO-8601 duration fails naming the setting")
    void durationErrorsNameTheSetting(String raw) {
        GatewaySettings settings = GatewaySettings.of(Map.of("fhirgateway.adapter-call-timeout", raw));

        assertThatThrownBy(() -> settings.getDuration(GatewaySetting.ADAPTER_CALL_TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fhirgateway.adapter-call-timeout");
    }

    @Test
    @DisplayName("a required setting without value or default fails naming the setting and its environment variable")
    void missingRequiredSetting() {
        GatewaySettings settings = GatewaySettings.of(Map.of());

        assertThatThrownBy(() -> settings.getDuration(GatewaySetting.PLUGIN_DIR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fhirgateway.plugin-dir")
                .hasMessageContaining("FHIRGATEWAY_PLUGIN_DIR");
    }

    @Test
    @DisplayName("every setting's environment variable is its name upper-cased with '.' and '-' as '_'")
    void environmentVariableNames() {
        assertThat(GatewaySetting.PLUGIN_DIR.environmentVariable()).isEqualTo("FHIRGATEWAY_PLUGIN_DIR");
        assertThat(GatewaySetting.PAGING_LINK_TTL.environmentVariable()).isEqualTo("FHIRGATEWAY_PAGING_LINK_TTL");
        for (GatewaySetting s : GatewaySetting.values()) {
            if (s == GatewaySetting.ADAPTER_FOR) {
                continue;
            }
            GatewaySettings resolved = GatewaySettings.resolve(Map.of(), Map.of(s.environmentVariable(), "v"),
                    new Properties());
            assertThat(resolved.get(s.key())).as(s.environmentVariable()).contains("v");
        }
    }

    @Test
    @DisplayName("describe() masks the paging secret and anything named like a password, secret or token")
    void describeMasksSecrets() {
        GatewaySettings settings = GatewaySettings.of(Map.of(
                "fhirgateway.paging.secret", "s3cr3t-paging-key-0123456789abcdef",
                "fhirgateway.adapter.db-password", "hunter2",
                "fhirgateway.adapter.client-secret", "clientsecretvalue",
                "fhirgateway.adapter.api-token", "tokenvalue",
                "fhirgateway.adapter.DB_PASSWORD", "upperhunter",
                "fhirgateway.adapter.jdbc-url", "jdbc:postgresql://db/ehr",
                "fhirgateway.plugin-dir", "/opt/plugins"));

        Map<String, String> described = settings.describe();

        assertThat(described).containsEntry("fhirgateway.paging.secret", "****")
                .containsEntry("fhirgateway.adapter.db-password", "****")
                .containsEntry("fhirgateway.adapter.client-secret", "****")
                .containsEntry("fhirgateway.adapter.api-token", "****")
                .containsEntry("fhirgateway.adapter.DB_PASSWORD", "****")
                .containsEntry("fhirgateway.adapter.jdbc-url", "jdbc:postgresql://db/ehr")
                .containsEntry("fhirgateway.plugin-dir", "/opt/plugins");
        assertThat(described.toString()).doesNotContain("s3cr3t", "hunter2", "clientsecretvalue", "tokenvalue");
        assertThat(GatewaySetting.PAGING_SECRET.isSecret()).isTrue();
        assertThat(settings.get(GatewaySetting.PAGING_SECRET)).as("masking is only for describe()")
                .contains("s3cr3t-paging-key-0123456789abcdef");
    }

    @Test
    @DisplayName("a properties file that cannot be read fails start with an IllegalStateException naming the file")
    void unreadablePropertiesFile() {
        Path missing = dir.resolve("no-such-gateway.properties");

        assertThatThrownBy(() -> GatewaySettings.resolve(Map.of(), Map.of(),
                systemProperties("fhirgateway.config", missing.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("fhirgateway.config");
    }

    @Test
    @DisplayName("a blank fhirgateway.config means no properties file")
    void blankConfigFileIgnored() {
        GatewaySettings settings = GatewaySettings.resolve(Map.of(), Map.of("FHIRGATEWAY_CONFIG", " "),
                new Properties());

        assertThat(settings.describe()).isEmpty();
    }
}
