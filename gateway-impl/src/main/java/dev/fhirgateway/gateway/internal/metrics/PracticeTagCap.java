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
 * Bounds the number of distinct {@code practice} tag values: the first {@code maxPractices} practices seen
 * keep their own value, later ones are tagged {@value GatewayMetrics#OTHER}, so a flood of practices cannot
 * grow the registry (and Prometheus) without bound. Each meter re-tagged this way increments
 * {@value GatewayMetrics#PRACTICES_CAPPED}. The usage report applies the same cap through {@link #admit}.
 */
public final class PracticeTagCap implements MeterFilter {

    private final int maxPractices;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private volatile Counter capped;

    /**
     * @param maxPractices how many distinct practices are tagged by name
     * @param capped counts meters whose practice was replaced (registered before this filter applies)
     */
    public PracticeTagCap(int maxPractices, Counter capped) {
        this.maxPractices = maxPractices;
        this.capped = capped;
    }

    /**
     * A cap whose counter is registered after it: a registry warns when a filter is configured after a meter
     * was registered, so the filter goes in first and {@link #countCappedIn} follows.
     */
    public PracticeTagCap(int maxPractices) {
        this(maxPractices, null);
    }

    /** Where meters re-tagged {@code other} are counted from now on. */
    public void countCappedIn(Counter counter) {
        this.capped = counter;
    }

    /** The tag value for {@code practice}: itself while there is room (or it was seen before), else {@code other}. */
    public String admit(String practice) {
        if (GatewayMetrics.NONE.equals(practice) || GatewayMetrics.OTHER.equals(practice) || admitted.contains(practice)) {
            return practice;
        }
        // Racing threads may admit a few practices beyond the cap; the bound stays practical, and a lock here
        // would serialise every first request of a practice.
        if (admitted.size() < maxPractices) {
            admitted.add(practice);
            return practice;
        }
        return GatewayMetrics.OTHER;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String practice = id.getTag(GatewayMetrics.TAG_PRACTICE);
        if (practice == null) {
            return id;
        }
        String value = admit(practice);
        if (value.equals(practice)) {
            return id;
        }
        Counter counter = capped;
        if (counter != null) {
            counter.increment();
        }
        return id.replaceTags(id.getTags().stream()
                .map(t -> t.getKey().equals(GatewayMetrics.TAG_PRACTICE) ? Tag.of(t.getKey(), value) : t)
                .collect(Collectors.toList()));
    }
}
