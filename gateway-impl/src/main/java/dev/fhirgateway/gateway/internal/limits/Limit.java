package dev.fhirgateway.gateway.internal.limits;

/** The limits a request can meet, as the metrics tag and the rate-limit headers name them. */
public enum Limit {
    PRACTICE_CONCURRENCY("practice-concurrency", null, "concurrent requests of this practice"),
    PRACTICE_RATE("practice-rate", "practice", "request rate of this practice"),
    CLIENT_RATE("client-rate", "client", "request rate of this client application for this practice"),
    CLIENT_DAILY_QUOTA("client-daily-quota", "client-daily", "daily quota of this client application for this"
            + " practice (UTC day)"),
    DISCOVERY_RATE("discovery-rate", "discovery", "request rate of the public metadata and discovery endpoints");

    private final String tag;
    private final String policy;
    private final String description;

    Limit(String tag, String policy, String description) {
        this.tag = tag;
        this.policy = policy;
        this.description = description;
    }

    /** The {@code limit} tag value and the name in 429 answers. */
    public String tag() {
        return tag;
    }

    /** The policy name in {@code RateLimit-Policy}/{@code RateLimit}; null for the concurrency limit (no window). */
    String policy() {
        return policy;
    }

    String description() {
        return description;
    }
}
