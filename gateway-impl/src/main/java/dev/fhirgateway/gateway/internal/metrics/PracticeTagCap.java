package dev.fhirgateway.gateway.internal.metrics;

import dev.fhirgateway.api.GatewayMetrics;
import io.micrometer.core.instrument.Counter;

/**
 * Bounds the number of distinct {@code practice} tag values ({@code fhirgateway.metrics.max-practices}); each
 * meter re-tagged {@value GatewayMetrics#OTHER} increments {@value GatewayMetrics#PRACTICES_CAPPED}. The usage
 * report applies the same cap through {@link #admit}.
 */
public final class PracticeTagCap extends TagValueCap {

    /**
     * @param maxPractices how many distinct practices are tagged by name
     * @param capped counts meters whose practice was replaced (registered before this filter applies)
     */
    public PracticeTagCap(int maxPractices, Counter capped) {
        super(GatewayMetrics.TAG_PRACTICE, maxPractices, capped);
    }

    /** A cap whose counter is registered after it ({@link #countCappedIn}). */
    public PracticeTagCap(int maxPractices) {
        super(GatewayMetrics.TAG_PRACTICE, maxPractices);
    }
}
