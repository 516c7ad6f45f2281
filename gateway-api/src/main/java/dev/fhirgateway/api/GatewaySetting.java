package dev.fhirgateway.api;

import java.util.Optional;

/**
 * Every setting the gateway reads, with its default and meaning ({@link #description()}). Settings are resolved by
 * {@link GatewaySettings}; {@code docs/settings.md} is generated from this enum.
 *
 * <p>Adapter settings are not listed here: every setting named {@code fhirgateway.adapter.*} is handed to
 * the adapter with the prefix removed.
 */
public enum GatewaySetting {

    PLUGIN_DIR("fhirgateway.plugin-dir", null, false,
            "A directory of adapter jars (and their libraries) loaded by a child of the WAR's class loader. "
            + "Without it (and without an adapter in `WEB-INF/lib`) the gateway serves no resources and "
            + "reports not ready."),
    ADAPTER_FOR("fhirgateway.adapter-for.", null, false,
            "Names the adapter that serves the resource type `<Type>` when several adapters claim it, "
            + "e.g. `fhirgateway.adapter-for.Patient=acme-ehr` (this constant is the prefix)."),
    AUTH_MODE("fhirgateway.auth.mode", "jwt", false,
            "How requests are authenticated: `jwt` (signed JWT access tokens checked against the "
            + "issuer's JWKS, the default), `introspection` (opaque tokens checked with RFC 7662 token "
            + "introspection), `custom` (the `dev.fhirgateway.api.AccessTokenVerifier` of an "
            + "`AccessTokenVerifierProvider` found in the plugin directory) or `development-header` (no tokens: the practice "
            + "comes from a request header; development only, warned at startup)."),
    AUTH_ISSUER("fhirgateway.auth.issuer", null, false,
            "The token issuer (`iss`) accepted; required for `jwt`, checked when present for "
            + "`introspection`."),
    AUTH_AUDIENCE("fhirgateway.auth.audience", null, false,
            "The audience (`aud`) tokens must be issued for: the FHIR base URL clients use. Defaults "
            + "to `fhirgateway.public-base-url`; one of them is required unless in `development-header` "
            + "mode."),
    AUTH_JWKS_URL("fhirgateway.auth.jwks-url", null, false,
            "The URL of the issuer's JSON Web Key Set; required for `jwt`."),
    AUTH_ALGORITHMS("fhirgateway.auth.algorithms", "RS256,ES256", false,
            "The signature algorithms accepted (comma-separated); `none` is never accepted."),
    AUTH_CLOCK_SKEW("fhirgateway.auth.clock-skew", "PT60S", false,
            "How far token times (`exp`, `nbf`) may be off from the gateway's clock (ISO-8601 "
            + "duration)."),
    AUTH_JWKS_CACHE_TTL("fhirgateway.auth.jwks-cache-ttl", "PT5M", false,
            "How long a fetched JWKS is used before it is fetched again; an unknown key id refetches "
            + "sooner."),
    AUTH_JWKS_MIN_REFRESH_INTERVAL("fhirgateway.auth.jwks-min-refresh-interval", "PT30S", false,
            "The shortest time between two JWKS fetches triggered by unknown key ids (protects the "
            + "issuer)."),
    AUTH_TOKEN_CACHE_SIZE("fhirgateway.auth.token-cache-size", "10000", false,
            "How many verified JWT access tokens are remembered (until their `exp`, keyed by a SHA-256 of the "
            + "token, never the token itself) so a repeated token is not verified again; `0` turns the cache "
            + "off."),
    AUTH_PRACTICE_CLAIM("fhirgateway.auth.practice-claim", "practice", false,
            "The token claim naming the practice (tenant) the token is for."),
    AUTH_INTROSPECTION_URL("fhirgateway.auth.introspection-url", null, false,
            "The RFC 7662 introspection endpoint; required for `introspection`."),
    AUTH_INTROSPECTION_CLIENT_ID("fhirgateway.auth.introspection-client-id", null, false,
            "The client id the gateway authenticates to the introspection endpoint with (HTTP Basic)."),
    AUTH_INTROSPECTION_CLIENT_SECRET("fhirgateway.auth.introspection-client-secret", null, true,
            "The client secret the gateway authenticates to the introspection endpoint with."),
    AUTH_INTROSPECTION_CACHE_TTL("fhirgateway.auth.introspection-cache-ttl", "PT30S", false,
            "How long an introspection answer is reused (never beyond the token's expiry)."),
    AUTH_VERIFIER("fhirgateway.auth.verifier", null, false,
            "In `custom` mode, the name of the `dev.fhirgateway.api.AccessTokenVerifierProvider` to use "
            + "when several are found (with one, it is used)."),
    PRACTICE_HEADER("fhirgateway.practice.header", "X-Practice-Pin", false,
            "The request header the `development-header` mode takes the practice from."),
    SMART_TOKEN_ENDPOINT("fhirgateway.smart.token-endpoint", null, false,
            "The authorization server's token endpoint, published in "
            + "`.well-known/smart-configuration` and the CapabilityStatement; required unless in "
            + "`development-header` mode."),
    SMART_AUTHORIZATION_ENDPOINT("fhirgateway.smart.authorization-endpoint", null, false,
            "The authorization endpoint (for user-facing apps), if the authorization server has one."),
    SMART_MANAGEMENT_ENDPOINT("fhirgateway.smart.management-endpoint", null, false,
            "Where apps are registered or managed, if published."),
    SMART_REVOCATION_ENDPOINT("fhirgateway.smart.revocation-endpoint", null, false,
            "The authorization server's token revocation endpoint (RFC 7009), if it has one."),
    SMART_GRANT_TYPES("fhirgateway.smart.grant-types", "client_credentials", false,
            "The grant types published (comma-separated)."),
    SMART_TOKEN_ENDPOINT_AUTH_METHODS("fhirgateway.smart.token-endpoint-auth-methods", "private_key_jwt,client_secret_basic", false,
            "The client authentication methods at the token endpoint (comma-separated)."),
    SMART_SCOPES_SUPPORTED("fhirgateway.smart.scopes-supported", "system/*.rs system/*.read patient/*.rs patient/*.read user/*.rs user/*.read", false,
            "The scopes published as supported (space- or comma-separated)."),
    SMART_CAPABILITIES("fhirgateway.smart.capabilities", "client-confidential-asymmetric,client-confidential-symmetric,permission-v1,permission-v2," + "permission-patient,permission-user", false,
            "The SMART capabilities published (comma-separated). Checked at startup against the other "
            + "`fhirgateway.smart.*` settings: launch, context, `client-public`, `sso-openid-connect` and "
            + "`permission-offline`/`-online` need an authorization endpoint, the permissions also the "
            + "`refresh_token` grant, `sso-openid-connect` an issuer, the `client-confidential-*` ones their "
            + "authentication method."),
    PAGING_SECRET("fhirgateway.paging.secret", null, true,
            "The key that encrypts and authenticates paging links (any string of 32+ characters). "
            + "Every gateway instance behind one load balancer needs the same value. Without it a "
            + "random key is made at start, and paging links stop working across restarts and "
            + "instances."),
    PAGING_PREVIOUS_SECRET("fhirgateway.paging.previous-secret", null, true,
            "The paging secret before the last rotation: links it sealed keep working until they expire, new links "
            + "are sealed with `fhirgateway.paging.secret`. Remove it once `fhirgateway.paging.link-ttl` has "
            + "passed since the rotation."),
    PAGING_DEFAULT_COUNT("fhirgateway.paging.default-count", "20", false,
            "The page size when a search has no `_count`."),
    PAGING_MAX_COUNT("fhirgateway.paging.max-count", "100", false,
            "The largest page size; a larger `_count` is lowered to it."),
    PAGING_LINK_TTL("fhirgateway.paging.link-ttl", "PT1H", false,
            "How long a paging link stays valid (ISO-8601 duration)."),
    ADAPTER_CALL_TIMEOUT("fhirgateway.adapter-call-timeout", "PT10S", false,
            "How long one adapter call may take before the answer is 504 (ISO-8601 duration): the gateway "
            + "waits this long for a call on a worker thread, and gives an adapter that keeps deadlines (SPI 1.2) "
            + "this deadline."),
    REQUEST_TIMEOUT("fhirgateway.request-timeout", "PT10S", false,
            "The time budget of one FHIR request from its arrival (ISO-8601 duration): every adapter call "
            + "it makes (the search or read, the reads of its includes, revinclude and chain searches, "
            + "`$docref`'s scan) shares it, each also capped by `adapter-call-timeout`. Past it the answer is "
            + "504 naming the step that ran out. Stopping the gateway waits this plus 5 s for requests in "
            + "flight."),
    TRUST_FORWARDED_HEADERS("fhirgateway.trust-forwarded-headers", "false", false,
            "Whether `Forwarded` / `X-Forwarded-Proto/Host/Port/Prefix` headers describe the public "
            + "address (`true`/`false`). Enable only when every request reaches the gateway through a "
            + "proxy that sets them: otherwise clients choose the host in the gateway's links. Ignored "
            + "when `public-base-url` is set."),
    PUBLIC_BASE_URL("fhirgateway.public-base-url", null, false,
            "The public base URL of the FHIR endpoint (e.g. "
            + "`https://ehr.example.com/fhir-gateway/fhir`) when the gateway sits behind a reverse "
            + "proxy; empty to derive it from each request."),
    METRICS_ENABLED("fhirgateway.metrics.enabled", "true", false,
            "Whether requests are metered and `/metrics` and `/usage` are served (`true`/`false`)."),
    METRICS_ALLOW_FROM("fhirgateway.metrics.allow-from", "127.0.0.1/32,::1/128", false,
            "Comma-separated CIDR ranges (e.g. `10.0.0.0/8,127.0.0.1/32`) whose clients may read "
            + "`/metrics` and `/usage`; loopback only by default. Behind a reverse proxy this is the "
            + "proxy's address."),
    METRICS_TOKEN("fhirgateway.metrics.token", null, true,
            "A bearer token that `/metrics` and `/usage` additionally require when set."),
    METRICS_MAX_PRACTICES("fhirgateway.metrics.max-practices", "1000", false,
            "How many distinct practices metrics tag; requests of further practices are tagged "
            + "`other`."),
    METRICS_MAX_CLIENTS("fhirgateway.metrics.max-clients", "200", false,
            "How many distinct API clients (`client` tag) metrics tag; further clients are tagged `other` and "
            + "counted in `fhirgateway_metrics_clients_capped_total`."),
    LIMITS_ENABLED("fhirgateway.limits.enabled", "true", false,
            "Whether request limits apply (`true`/`false`). With `false` no request is limited, throttled or "
            + "given `RateLimit` headers."),
    LIMITS_PRACTICE_RATE("fhirgateway.limits.practice-rate", "off", false,
            "The default request rate of one practice, all its clients together: `N/s`, `N/min` or `N/h` "
            + "(a token bucket refilled at that rate), or `off`. Over it: 429. Applies after authentication to "
            + "every FHIR request but `metadata` and discovery."),
    LIMITS_PRACTICE_BURST("fhirgateway.limits.practice-burst", null, false,
            "How many requests of one practice may come at once before `practice-rate` paces them (the token "
            + "bucket's size); defaults to the rate's `N`."),
    LIMITS_PRACTICE_CONCURRENCY("fhirgateway.limits.practice-concurrency", "off", false,
            "The most requests of one practice the gateway works on at the same time, per gateway instance "
            + "(a bulkhead in front of the adapter: the EHR's connections), or `off`. Further requests: 429."),
    LIMITS_CLIENT_RATE("fhirgateway.limits.client-rate", "off", false,
            "The default request rate of one client application within one practice (`N/s`, `N/min`, `N/h` "
            + "or `off`)."),
    LIMITS_CLIENT_BURST("fhirgateway.limits.client-burst", null, false,
            "The token bucket size of `client-rate`; defaults to the rate's `N`."),
    LIMITS_CLIENT_DAILY_QUOTA("fhirgateway.limits.client-daily-quota", "off", false,
            "How many requests one client application may make for one practice per UTC day, or `off`. "
            + "Over it: 429 until the next UTC midnight."),
    LIMITS_DISCOVERY_RATE("fhirgateway.limits.discovery-rate", "200/s", false,
            "One rate shared by every caller for the public endpoints that need no token, `metadata` and "
            + "`.well-known/smart-configuration` (they are not limited per practice), or `off`."),
    LIMITS_DISCOVERY_BURST("fhirgateway.limits.discovery-burst", null, false,
            "The token bucket size of `discovery-rate`; defaults to the rate's `N`."),
    LIMITS_OVERRIDES_FILE("fhirgateway.limits.overrides-file", null, false,
            "A properties file of limits per practice and per client that replace the defaults "
            + "(`practice.<id>.rate`, `.burst`, `.concurrency`; `client.<client id>.rate`, `.burst`, "
            + "`.daily-quota`). Re-read when it changes, without a restart; a file with an error is refused "
            + "with a WARN and the previous limits stay. A host can supply the same keys through a "
            + "`dev.fhirgateway.api.LimitOverrides` extension; the file wins where both set one."),
    LIMITS_OVERRIDES_CHECK_INTERVAL("fhirgateway.limits.overrides-check-interval", "PT5S", false,
            "How often the overrides file and the host's overrides are checked for changes (ISO-8601 "
            + "duration)."),
    LIMITS_REDIS_URL("fhirgateway.limits.redis-url", null, true,
            "A Redis URL (`redis://[:password@]host:port[/db]`, `rediss://` for TLS) through which every "
            + "instance shares one budget per limit (not the concurrency limit, which is per instance). Without "
            + "it each instance keeps its own buckets in memory (said in the startup log). When Redis cannot "
            + "be reached the gateway lets requests through (WARN and a metric) and uses Redis again as soon "
            + "as it answers."),
    LIMITS_REDIS_TIMEOUT("fhirgateway.limits.redis-timeout", "PT0.25S", false,
            "How long one limit check may wait for Redis before the request is let through (ISO-8601 "
            + "duration)."),
    DOCS_ENABLED("fhirgateway.docs.enabled", "true", false,
            "Whether the pages for app developers are served at `[context]/docs/` (`true`/`false`): the FHIR base "
            + "URL, SMART endpoints and scopes, and per served resource type its profiles, searches, USCDI data "
            + "elements and example requests, generated from what the adapters declare. Public (no token, no "
            + "PHI); `false` answers 404 there."),
    DOCS_TYPE_TEXT("fhirgateway.docs.type-text.", null, false, "<Type>",
            "A short plain-text note the developer pages show on the page of the resource type `<Type>` (e.g. "
            + "`fhirgateway.docs.type-text.Observation=Vital signs are available from 2015 on.`); blank lines "
            + "separate paragraphs. Read from context parameters, the properties file and system properties, "
            + "not from environment variables."),
    EXPORT_ENABLED("fhirgateway.export.enabled", "true", false,
            "Whether bulk export (`Patient/$export`, `Group/[id]/$export`, FHIR Bulk Data Access 2.0.0) is offered "
            + "(`true`/`false`)."),
    EXPORT_DIR("fhirgateway.export.dir", null, false,
            "The directory export jobs keep their state and NDJSON files in; default `fhir-gateway-export` under "
            + "the container's temporary directory (`jakarta.servlet.context.tempdir`, else `java.io.tmpdir`). "
            + "Instances behind one load balancer share it (a shared volume), so any instance answers any job."),
    EXPORT_EXPIRY("fhirgateway.export.expiry", "PT24H", false,
            "How long a finished export's files stay available (ISO-8601 duration); then they are deleted."),
    EXPORT_MAX_JOBS_PER_PRACTICE("fhirgateway.export.max-jobs-per-practice", "2", false,
            "How many exports of one practice may be waiting or running at once, over all instances sharing the "
            + "directory; one more is answered 429."),
    EXPORT_MAX_JOBS("fhirgateway.export.max-jobs", "8", false,
            "How many exports may be waiting or running at once over all instances; one more is answered 429. "
            + "Each instance also runs at most this many at a time."),
    EXPORT_PAGE_SIZE("fhirgateway.export.page-size", "200", false,
            "How many resources an export asks the adapter for per page; each page call has the deadline of a "
            + "request (`fhirgateway.request-timeout`)."),
    EXPORT_STALE_AFTER("fhirgateway.export.stale-after", "PT2M", false,
            "A running export whose instance has not recorded progress for this long (ISO-8601 duration) is "
            + "taken to have died with its instance, and is failed with an `OperationOutcome` saying so."),
    DOCS_POLICY("fhirgateway.docs.policy.", null, false, "<policy>",
            "A short plain-text statement of a practice-facing policy the developer pages show on their index "
            + "under the heading `<policy>` (letters, digits and `-`; `app-registration` is shown as \"App "
            + "registration\"), e.g. `fhirgateway.docs.policy.app-registration=Each practice approves the apps "
            + "that read its records.`; sorted by name. Read like `docs.type-text.`.");

    private final String key;
    private final String defaultValue;
    private final boolean secret;
    private final String placeholder;
    private final String description;

    GatewaySetting(String key, String defaultValue, boolean secret, String description) {
        this(key, defaultValue, secret, key.endsWith(".") ? "<Type>" : "", description);
    }

    GatewaySetting(String key, String defaultValue, boolean secret, String placeholder, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.placeholder = placeholder;
        this.description = description;
    }

    /** The setting's name in properties, init parameters and system properties. */
    public String key() {
        return key;
    }

    /**
     * The name as documented: the key, or for a prefix (a key ending in {@code .}) the key and what follows it,
     * e.g. {@code fhirgateway.adapter-for.<Type>}.
     */
    public String documentedName() {
        return key + placeholder;
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

    /**
     * What the setting means, in Markdown: the text of the settings reference page ({@code docs/settings.md}),
     * which is generated from these constants.
     */
    public String description() {
        return description;
    }
}
