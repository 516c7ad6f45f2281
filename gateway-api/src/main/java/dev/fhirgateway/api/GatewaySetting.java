package dev.fhirgateway.api;

import java.util.Optional;

/**
 * Every setting the gateway reads, with its default. Settings are resolved by {@link GatewaySettings}.
 *
 * <p>Adapter settings are not listed here: every setting named {@code fhirgateway.adapter.*} is handed to
 * the adapter with the prefix removed.
 */
public enum GatewaySetting {

    /** A directory of adapter jars (and their libraries) loaded beside the WAR's own classpath. */
    PLUGIN_DIR("fhirgateway.plugin-dir", null, false),
    /**
     * Names the adapter that serves a resource type when several claim it; used as
     * {@code fhirgateway.adapter-for.Patient=acme-ehr}. This constant is the prefix.
     */
    ADAPTER_FOR("fhirgateway.adapter-for.", null, false),
    /** Where the practice of a request comes from; {@code header} is the development source. */
    PRACTICE_SOURCE("fhirgateway.practice.source", "header", false),
    /** The request header the {@code header} practice source reads. */
    PRACTICE_HEADER("fhirgateway.practice.header", "X-Practice-Pin", false),
    /**
     * The key that encrypts and authenticates paging links (any string of 32+ characters). Every gateway
     * instance behind one load balancer needs the same value. Without it a random key is made at start,
     * and paging links stop working across restarts and instances.
     */
    PAGING_SECRET("fhirgateway.paging.secret", null, true),
    /** The page size when a search has no {@code _count}. */
    PAGING_DEFAULT_COUNT("fhirgateway.paging.default-count", "20", false),
    /** The largest page size; a larger {@code _count} is lowered to it. */
    PAGING_MAX_COUNT("fhirgateway.paging.max-count", "100", false),
    /** How long a paging link stays valid (ISO-8601 duration). */
    PAGING_LINK_TTL("fhirgateway.paging.link-ttl", "PT1H", false),
    /** How long the gateway waits for one adapter call before answering 504 (ISO-8601 duration). */
    ADAPTER_CALL_TIMEOUT("fhirgateway.adapter-call-timeout", "PT10S", false),
    /**
     * The public base URL of the FHIR endpoint (e.g. {@code https://ehr.example.com/fhir-gateway/fhir})
     * when the gateway sits behind a reverse proxy; empty to derive it from each request.
     */
    PUBLIC_BASE_URL("fhirgateway.public-base-url", null, false);

    private final String key;
    private final String defaultValue;
    private final boolean secret;

    GatewaySetting(String key, String defaultValue, boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
    }

    /** The setting's name in properties, init parameters and system properties. */
    public String key() {
        return key;
    }

    /** The environment variable form of the name: {@code fhirgateway.plugin-dir} is {@code FHIRGATEWAY_PLUGIN_DIR}. */
    public String environmentVariable() {
        return GatewaySettings.toEnvironmentVariable(key);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the value must never be logged. */
    public boolean isSecret() {
        return secret;
    }
}
