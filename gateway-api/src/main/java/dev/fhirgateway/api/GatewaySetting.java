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
    /**
     * How requests are authenticated: {@code jwt} (signed JWT access tokens checked against the issuer's JWKS,
     * the default), {@code introspection} (opaque tokens checked with RFC 7662 token introspection),
     * {@code custom} (the {@link AccessTokenVerifier} named by {@code fhirgateway.auth.verifier-class}) or
     * {@code development-header} (no tokens: the practice comes from a request header; development only,
     * warned at startup).
     */
    AUTH_MODE("fhirgateway.auth.mode", "jwt", false),
    /** The token issuer ({@code iss}) accepted; required for {@code jwt}, checked when present for {@code introspection}. */
    AUTH_ISSUER("fhirgateway.auth.issuer", null, false),
    /**
     * The audience ({@code aud}) tokens must be issued for: the FHIR base URL clients use. Defaults to
     * {@code fhirgateway.public-base-url}; one of them is required unless in {@code development-header} mode.
     */
    AUTH_AUDIENCE("fhirgateway.auth.audience", null, false),
    /** The URL of the issuer's JSON Web Key Set; required for {@code jwt}. */
    AUTH_JWKS_URL("fhirgateway.auth.jwks-url", null, false),
    /** The signature algorithms accepted (comma-separated); {@code none} is never accepted. */
    AUTH_ALGORITHMS("fhirgateway.auth.algorithms", "RS256,ES256", false),
    /** How far token times ({@code exp}, {@code nbf}) may be off from the gateway's clock (ISO-8601 duration). */
    AUTH_CLOCK_SKEW("fhirgateway.auth.clock-skew", "PT60S", false),
    /** How long a fetched JWKS is used before it is fetched again; an unknown key id refetches sooner. */
    AUTH_JWKS_CACHE_TTL("fhirgateway.auth.jwks-cache-ttl", "PT5M", false),
    /** The shortest time between two JWKS fetches triggered by unknown key ids (protects the issuer). */
    AUTH_JWKS_MIN_REFRESH_INTERVAL("fhirgateway.auth.jwks-min-refresh-interval", "PT30S", false),
    /**
     * How many verified JWT access tokens are remembered (until their {@code exp}, keyed by a SHA-256 of the
     * token) so a repeated token is not verified again; {@code 0} turns the cache off.
     */
    AUTH_TOKEN_CACHE_SIZE("fhirgateway.auth.token-cache-size", "10000", false),
    /** The token claim naming the practice (tenant) the token is for. */
    AUTH_PRACTICE_CLAIM("fhirgateway.auth.practice-claim", "practice", false),
    /** The RFC 7662 introspection endpoint; required for {@code introspection}. */
    AUTH_INTROSPECTION_URL("fhirgateway.auth.introspection-url", null, false),
    /** The client id the gateway authenticates to the introspection endpoint with (HTTP Basic). */
    AUTH_INTROSPECTION_CLIENT_ID("fhirgateway.auth.introspection-client-id", null, false),
    /** The client secret the gateway authenticates to the introspection endpoint with. */
    AUTH_INTROSPECTION_CLIENT_SECRET("fhirgateway.auth.introspection-client-secret", null, true),
    /** How long an introspection answer is reused (never beyond the token's expiry). */
    AUTH_INTROSPECTION_CACHE_TTL("fhirgateway.auth.introspection-cache-ttl", "PT30S", false),
    /** The {@link AccessTokenVerifier} implementation for {@code custom} mode (a class on the WAR or plugin class path). */
    AUTH_VERIFIER_CLASS("fhirgateway.auth.verifier-class", null, false),
    /** The request header the {@code development-header} mode takes the practice from. */
    PRACTICE_HEADER("fhirgateway.practice.header", "X-Practice-Pin", false),
    /**
     * The authorization server's token endpoint, published in {@code .well-known/smart-configuration} and the
     * CapabilityStatement; required unless in {@code development-header} mode.
     */
    SMART_TOKEN_ENDPOINT("fhirgateway.smart.token-endpoint", null, false),
    /** The authorization endpoint (for user-facing apps), if the authorization server has one. */
    SMART_AUTHORIZATION_ENDPOINT("fhirgateway.smart.authorization-endpoint", null, false),
    /** Where apps are registered or managed, if published. */
    SMART_MANAGEMENT_ENDPOINT("fhirgateway.smart.management-endpoint", null, false),
    /** The grant types published (comma-separated). */
    SMART_GRANT_TYPES("fhirgateway.smart.grant-types", "client_credentials", false),
    /** The client authentication methods at the token endpoint (comma-separated). */
    SMART_TOKEN_ENDPOINT_AUTH_METHODS("fhirgateway.smart.token-endpoint-auth-methods",
            "private_key_jwt,client_secret_basic", false),
    /** The scopes published as supported (space- or comma-separated). */
    SMART_SCOPES_SUPPORTED("fhirgateway.smart.scopes-supported",
            "system/*.rs system/*.read patient/*.rs patient/*.read user/*.rs user/*.read", false),
    /** The SMART capabilities published (comma-separated). */
    SMART_CAPABILITIES("fhirgateway.smart.capabilities",
            "client-confidential-asymmetric,client-confidential-symmetric,permission-v1,permission-v2,"
                    + "permission-patient,permission-user", false),
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
     * The time budget of one FHIR request from its arrival (ISO-8601 duration): every adapter call it makes
     * (the search or read, the reads of its includes, revinclude and chain searches, {@code $docref}'s scan)
     * shares it, each also capped by {@code adapter-call-timeout}. Past it the answer is 504 naming the step.
     */
    REQUEST_TIMEOUT("fhirgateway.request-timeout", "PT10S", false),
    /**
     * Whether {@code Forwarded} / {@code X-Forwarded-Proto/Host/Port/Prefix} headers describe the public address
     * ({@code true}/{@code false}). Enable only when every request reaches the gateway through a proxy that sets
     * them: otherwise clients choose the host in the gateway's links. Ignored when {@code public-base-url} is set.
     */
    TRUST_FORWARDED_HEADERS("fhirgateway.trust-forwarded-headers", "false", false),
    /**
     * The public base URL of the FHIR endpoint (e.g. {@code https://ehr.example.com/fhir-gateway/fhir})
     * when the gateway sits behind a reverse proxy; empty to derive it from each request.
     */
    PUBLIC_BASE_URL("fhirgateway.public-base-url", null, false),
    /** Whether requests are metered and {@code /metrics} and {@code /usage} are served ({@code true}/{@code false}). */
    METRICS_ENABLED("fhirgateway.metrics.enabled", "true", false),
    /**
     * Comma-separated CIDR ranges (e.g. {@code 10.0.0.0/8,127.0.0.1/32}) whose clients may read {@code /metrics}
     * and {@code /usage}; loopback only by default. Behind a reverse proxy this is the proxy's address.
     */
    METRICS_ALLOW_FROM("fhirgateway.metrics.allow-from", "127.0.0.1/32,::1/128", false),
    /** A bearer token that {@code /metrics} and {@code /usage} additionally require when set. */
    METRICS_TOKEN("fhirgateway.metrics.token", null, true),
    /** How many distinct practices metrics tag; requests of further practices are tagged {@code other}. */
    METRICS_MAX_PRACTICES("fhirgateway.metrics.max-practices", "1000", false),
    /** How many distinct API clients ({@code client} tag) metrics tag; further clients are tagged {@code other}. */
    METRICS_MAX_CLIENTS("fhirgateway.metrics.max-clients", "200", false);

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
