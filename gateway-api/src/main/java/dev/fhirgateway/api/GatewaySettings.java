package dev.fhirgateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The gateway's resolved settings.
 *
 * <p>A setting may come from four places; a later one wins:
 * <ol>
 *   <li>servlet context init parameters ({@code web.xml} or the container's context file);</li>
 *   <li>a properties file whose path is in the system property {@code fhirgateway.config} or the
 *       environment variable {@code FHIRGATEWAY_CONFIG};</li>
 *   <li>environment variables ({@code FHIRGATEWAY_PLUGIN_DIR} for {@code fhirgateway.plugin-dir}; adapter
 *       settings {@code FHIRGATEWAY_ADAPTER_JDBC_URL} arrive as {@code jdbc.url});</li>
 *   <li>Java system properties.</li>
 * </ol>
 */
public final class GatewaySettings {

    /** The system property (or, upper-cased, environment variable) naming a properties file. */
    public static final String CONFIG_FILE_PROPERTY = "fhirgateway.config";
    /** Settings with this prefix go to the adapter, prefix removed. */
    public static final String ADAPTER_PREFIX = "fhirgateway.adapter.";

    private static final String PREFIX = "fhirgateway.";

    private final Map<String, String> values;

    private GatewaySettings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Settings from exactly these values (for tests and hosts that configure in code). */
    public static GatewaySettings of(Map<String, String> values) {
        return new GatewaySettings(values);
    }

    /**
     * Resolves settings from all four sources in precedence order.
     *
     * @param initParameters the servlet context init parameters
     * @param environment the process environment ({@link System#getenv()})
     * @param systemProperties the system properties ({@link System#getProperties()})
     * @throws IllegalStateException when a configured properties file cannot be read, naming it
     */
    public static GatewaySettings resolve(
            Map<String, String> initParameters, Map<String, String> environment, Properties systemProperties) {
        Map<String, String> merged = new LinkedHashMap<>();
        initParameters.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                merged.put(k, v);
            }
        });
        String file = Optional.ofNullable(systemProperties.getProperty(CONFIG_FILE_PROPERTY))
                .orElse(environment.get(toEnvironmentVariable(CONFIG_FILE_PROPERTY)));
        if (file != null && !file.isBlank()) {
            readPropertiesFile(Path.of(file)).forEach((k, v) -> {
                if (k.startsWith(PREFIX)) {
                    merged.put(k, v);
                }
            });
        }
        environment.forEach((k, v) -> fromEnvironmentVariable(k).ifPresent(key -> merged.put(key, v)));
        systemProperties.stringPropertyNames().stream()
                .filter(k -> k.startsWith(PREFIX) && !k.equals(CONFIG_FILE_PROPERTY))
                .forEach(k -> merged.put(k, systemProperties.getProperty(k)));
        return new GatewaySettings(merged);
    }

    /** The value of a setting, or its default; empty when neither exists. Blank counts as unset. */
    public Optional<String> get(GatewaySetting setting) {
        return Optional.ofNullable(values.get(setting.key())).filter(v -> !v.isBlank()).or(setting::defaultValue);
    }

    /** The value of a raw setting name (e.g. {@code fhirgateway.adapter-for.Patient}), if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /**
     * The value of a setting the current configuration cannot do without.
     *
     * @param when the condition that makes it required, for the error message (e.g. "when fhirgateway.auth.mode is jwt")
     * @throws IllegalStateException naming the setting and its environment variable when it has no value
     */
    public String require(GatewaySetting setting, String when) {
        return get(setting).orElseThrow(() -> new IllegalStateException("setting " + setting.key() + " (environment "
                + setting.environmentVariable() + ") is required " + when));
    }

    /**
     * A whole-number setting.
     *
     * @throws IllegalStateException naming the setting when the value is not a positive number
     */
    public int getPositiveInt(GatewaySetting setting) {
        String raw = get(setting).orElseThrow(() -> missing(setting));
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + setting.key() + " must be a positive whole number, was '"
                    + raw + "'");
        }
    }

    /**
     * A whole-number setting that may be {@code 0} (e.g. to turn a cache off).
     *
     * @throws IllegalStateException naming the setting when the value is not a whole number of at least 0
     */
    public int getNonNegativeInt(GatewaySetting setting) {
        String raw = get(setting).orElseThrow(() -> missing(setting));
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + setting.key() + " must be a whole number of 0 or more, was '"
                    + raw + "'");
        }
    }

    /**
     * A duration setting in ISO-8601 form ({@code PT10S}).
     *
     * @throws IllegalStateException naming the setting when the value is not a positive duration
     */
    public Duration getDuration(GatewaySetting setting) {
        String raw = get(setting).orElseThrow(() -> missing(setting));
        try {
            Duration value = Duration.parse(raw.trim());
            if (value.isZero() || value.isNegative()) {
                throw new DateTimeParseException("not positive", raw, 0);
            }
            return value;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("setting " + setting.key()
                    + " must be a positive ISO-8601 duration such as PT10S, was '" + raw + "'");
        }
    }

    /** The names of the settings with a value that start with {@code prefix}, sorted. */
    public List<String> keysStartingWith(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /** The settings handed to the adapter: every {@code fhirgateway.adapter.*} setting, prefix removed. */
    public Map<String, String> adapterSettings() {
        Map<String, String> adapter = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(ADAPTER_PREFIX)) {
                adapter.put(k.substring(ADAPTER_PREFIX.length()), v);
            }
        });
        return adapter;
    }

    /** Every setting with a value, secrets masked: safe to log. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecretKey(k) ? "****" : v));
        return out;
    }

    static String toEnvironmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Optional<String> fromEnvironmentVariable(String name) {
        if (name.equals(toEnvironmentVariable(CONFIG_FILE_PROPERTY))) {
            return Optional.empty();
        }
        for (GatewaySetting s : GatewaySetting.values()) {
            if (s != GatewaySetting.ADAPTER_FOR && s.environmentVariable().equals(name)) {
                return Optional.of(s.key());
            }
        }
        // Checked before adapter settings: FHIRGATEWAY_ADAPTER_FOR_ also starts with FHIRGATEWAY_ADAPTER_.
        String routingEnvPrefix = toEnvironmentVariable(GatewaySetting.ADAPTER_FOR.key());
        if (name.startsWith(routingEnvPrefix) && name.length() > routingEnvPrefix.length()) {
            // Resource types are case-sensitive: FHIRGATEWAY_ADAPTER_FOR_Patient keeps "Patient".
            return Optional.of(GatewaySetting.ADAPTER_FOR.key() + name.substring(routingEnvPrefix.length()));
        }
        String adapterEnvPrefix = toEnvironmentVariable(ADAPTER_PREFIX);
        if (name.startsWith(adapterEnvPrefix) && name.length() > adapterEnvPrefix.length()) {
            return Optional.of(ADAPTER_PREFIX
                    + name.substring(adapterEnvPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        return Optional.empty();
    }

    private static boolean isSecretKey(String key) {
        for (GatewaySetting s : GatewaySetting.values()) {
            if (s != GatewaySetting.ADAPTER_FOR && s.key().equals(key)) {
                // Known settings say themselves whether they are secret (fhirgateway.smart.token-endpoint is a URL).
                return s.isSecret();
            }
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("secret") || lower.contains("password") || lower.contains("token");
    }

    private static Map<String, String> readPropertiesFile(Path path) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the gateway settings file " + path
                    + " (named by " + CONFIG_FILE_PROPERTY + "): " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static IllegalStateException missing(GatewaySetting setting) {
        return new IllegalStateException("setting " + setting.key() + " (environment " + setting.environmentVariable()
                + ") is required");
    }
}
