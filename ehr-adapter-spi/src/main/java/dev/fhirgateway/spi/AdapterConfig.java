package dev.fhirgateway.spi;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings the gateway passes to {@link EhrAdapterProvider#open}: every gateway setting whose name
 * starts with {@code fhirgateway.adapter.}, with that prefix removed (so {@code fhirgateway.adapter.jdbc.url}
 * arrives as {@code jdbc.url}).
 */
@Stable
public final class AdapterConfig {

    private final Map<String, String> values;

    public AdapterConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The value of a setting, if given. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * The value of a required setting.
     *
     * @throws AdapterException {@link AdapterException.Reason#UNAVAILABLE}, naming the full setting, when missing
     */
    public String require(String name) {
        return get(name).orElseThrow(() -> AdapterException.unavailable(
                "missing required adapter setting 'fhirgateway.adapter." + name + "'", null));
    }

    /** All settings, sorted by name. */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }
}
