package dev.fhirgateway.gateway.internal.metrics;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Bounds the number of distinct values of one tag: the first {@code maxValues} values seen keep their own
 * value, later ones are tagged {@value GatewayMetrics#OTHER}, so a flood of values (practices, clients of
 * signed tokens) cannot grow the registry (and Prometheus) without bound. Each meter re-tagged this way
 * increments the given counter.
 */
public class TagValueCap implements MeterFilter {

    private final String tagKey;
    private final int maxValues;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private volatile Counter capped;

    /**
     * @param tagKey the tag this filter bounds
     * @param maxValues how many distinct values are kept
     * @param capped counts meters whose value was replaced (registered before this filter applies)
     */
    public TagValueCap(String tagKey, int maxValues, Counter capped) {
        this.tagKey = tagKey;
        this.maxValues = maxValues;
        this.capped = capped;
    }

    /**
     * A cap whose counter is registered after it: a registry warns when a filter is configured after a meter
     * was registered, so the filters go in first and {@link #countCappedIn} follows.
     */
    public TagValueCap(String tagKey, int maxValues) {
        this(tagKey, maxValues, null);
    }

    /** Where meters re-tagged {@code other} are counted from now on. */
    public void countCappedIn(Counter counter) {
        this.capped = counter;
    }

    /** The tag value for {@code value}: itself while there is room (or it was seen before), else {@code other}. */
    public String admit(String value) {
        if (GatewayMetrics.NONE.equals(value) || GatewayMetrics.OTHER.equals(value)
                || GatewayMetrics.UNKNOWN.equals(value) || admitted.contains(value)) {
            return value;
        }
        // Racing threads may admit a few values beyond the cap; the bound stays practical, and a lock here
        // would serialise every first request of a value.
        if (admitted.size() < maxValues) {
            admitted.add(value);
            return value;
        }
        return GatewayMetrics.OTHER;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String value = id.getTag(tagKey);
        if (value == null) {
            return id;
        }
        String admittedValue = admit(value);
        if (admittedValue.equals(value)) {
            return id;
        }
        Counter counter = capped;
        if (counter != null) {
            counter.increment();
        }
        return id.replaceTags(id.getTags().stream()
                .map(t -> t.getKey().equals(tagKey) ? Tag.of(t.getKey(), admittedValue) : t)
                .collect(Collectors.toList()));
    }
}
