package dev.fhirgateway.api;

import java.util.Map;

/**
 * The host's limits per practice and per client, replacing the defaults of the {@code fhirgateway.limits.*}
 * settings: a vendor that sells usage tiers keeps them in its own database and hands them to the gateway here. A
 * host extension point, found like the others by {@link java.util.ServiceLoader} (a public class with a public
 * no-argument constructor, named in {@code META-INF/services/dev.fhirgateway.api.LimitOverrides}, its jar in the
 * plugin directory or {@code WEB-INF/lib}); at most one.
 *
 * <p>The answer uses the keys of the overrides file ({@code fhirgateway.limits.overrides-file}), so both read
 * the same:
 *
 * <pre>
 * practice.&lt;practice id&gt;.rate        = 50/s     (N/s, N/min, N/h or off)
 * practice.&lt;practice id&gt;.burst       = 100
 * practice.&lt;practice id&gt;.concurrency = 8        (or off)
 * client.&lt;client id&gt;.rate            = 10/s
 * client.&lt;client id&gt;.burst           = 20
 * client.&lt;client id&gt;.daily-quota     = 10000    (or off)
 * </pre>
 *
 * <p>The gateway calls {@link #overrides()} at start and then every
 * {@code fhirgateway.limits.overrides-check-interval} on one background thread (never on a request), and
 * applies a changed answer to the next requests. Where the overrides file sets the same key, the file wins. An
 * answer with an invalid key or value is refused as a whole (WARN) and the previous overrides stay.
 */
public interface LimitOverrides {

    /**
     * The current overrides, keyed as above; an empty map keeps the defaults.
     *
     * @throws Exception when they cannot be read now: the previous overrides stay (WARN), and the gateway asks
     *         again at the next check
     */
    Map<String, String> overrides() throws Exception;
}
