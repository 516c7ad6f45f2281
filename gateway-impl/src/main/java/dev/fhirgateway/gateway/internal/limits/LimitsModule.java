package dev.fhirgateway.gateway.internal.limits;

import ca.uhn.fhir.context.FhirContext;
import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.TypeLiteral;
import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.api.LimitOverrides;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import dev.fhirgateway.gateway.internal.adapter.HostExtensions;
import dev.fhirgateway.gateway.internal.metrics.GatewayMeters;
import dev.fhirgateway.gateway.internal.metrics.MetricsSettings;
import dev.fhirgateway.gateway.internal.metrics.QuotaReport;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the request limits from the {@code fhirgateway.limits.*} settings: the limiter (absent with
 * {@code fhirgateway.limits.enabled=false}), its store (Redis when {@code redis-url} is set, else memory, which
 * the startup log says), the overrides (file and host) and the HAPI interceptor.
 */
public final class LimitsModule extends AbstractModule {

    private static final Logger LOG = LoggerFactory.getLogger(LimitsModule.class);

    @Provides
    @Singleton
    Optional<RateLimiter> limiter(GatewaySettings settings, GatewayMeters meters, MetricsSettings metrics,
            AdapterDiscovery.Result discovery, Clock clock) {
        String enabled = settings.get(GatewaySetting.LIMITS_ENABLED).orElseThrow().trim().toLowerCase(Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalStateException("setting " + GatewaySetting.LIMITS_ENABLED.key()
                    + " must be true or false, was '" + enabled + "'");
        }
        if (enabled.equals("false")) {
            LOG.info("Request limits are off ({}=false)", GatewaySetting.LIMITS_ENABLED.key());
            return Optional.empty();
        }
        Optional<TokenBucketLimit> discoveryLimit;
        try {
            discoveryLimit = bucket(settings, GatewaySetting.LIMITS_DISCOVERY_RATE,
                    GatewaySetting.LIMITS_DISCOVERY_BURST);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting " + e.getMessage(), e);
        }
        Map<String, String> practice = new HashMap<>();
        put(practice, LimitsConfig.RATE, settings, GatewaySetting.LIMITS_PRACTICE_RATE);
        put(practice, LimitsConfig.BURST, settings, GatewaySetting.LIMITS_PRACTICE_BURST);
        put(practice, LimitsConfig.CONCURRENCY, settings, GatewaySetting.LIMITS_PRACTICE_CONCURRENCY);
        Map<String, String> client = new HashMap<>();
        put(client, LimitsConfig.RATE, settings, GatewaySetting.LIMITS_CLIENT_RATE);
        put(client, LimitsConfig.BURST, settings, GatewaySetting.LIMITS_CLIENT_BURST);
        put(client, LimitsConfig.DAILY_QUOTA, settings, GatewaySetting.LIMITS_CLIENT_DAILY_QUOTA);
        Optional<Path> file = settings.get(GatewaySetting.LIMITS_OVERRIDES_FILE).map(String::trim).map(Path::of);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new IllegalStateException("setting " + GatewaySetting.LIMITS_OVERRIDES_FILE.key() + ": no file "
                    + file.get());
        }
        ClassLoader loader = discovery.pluginLoader().<ClassLoader>map(l -> l)
                .orElseGet(() -> LimitsModule.class.getClassLoader());
        Optional<LimitOverrides> host = hostOverrides(loader);
        LimitPolicy policy;
        try {
            policy = new LimitPolicy(practice, client, file, host,
                    settings.getDuration(GatewaySetting.LIMITS_OVERRIDES_CHECK_INTERVAL));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting " + e.getMessage(), e);
        }
        BucketStore store = settings.get(GatewaySetting.LIMITS_REDIS_URL).filter(s -> !s.isBlank())
                .<BucketStore>map(url -> new RedisBucketStore(url,
                        settings.getDuration(GatewaySetting.LIMITS_REDIS_TIMEOUT)))
                .orElseGet(LocalBucketStore::new);
        RateLimiter limiter = new RateLimiter(policy, store, discoveryLimit,
                l -> new LimitMeters(meters.registry(), metrics.enabled(), l::storeAvailable), clock);
        LOG.info("Request limits: {}", limiter.describe());
        return Optional.of(limiter);
    }

    @Provides
    @Singleton
    Optional<RateLimitInterceptor> interceptor(Optional<RateLimiter> limiter, FhirContext context) {
        return limiter.map(l -> new RateLimitInterceptor(l, context));
    }

    @Provides
    @Singleton
    QuotaReport quotaReport(Optional<RateLimiter> limiter) {
        return limiter.<QuotaReport>map(l -> l::quotaUse).orElse(QuotaReport.NONE);
    }

    /** Stops the limiter of a gateway's object graph: the overrides thread, the Redis connection. */
    public static void close(Injector injector) {
        injector.getInstance(Key.get(new TypeLiteral<Optional<RateLimiter>>() { })).ifPresent(RateLimiter::close);
    }

    private static void put(Map<String, String> raw, String field, GatewaySettings settings, GatewaySetting setting) {
        settings.get(setting).ifPresent(v -> raw.put(field, v));
    }

    private static Optional<TokenBucketLimit> bucket(GatewaySettings settings, GatewaySetting rate,
            GatewaySetting burst) {
        Optional<Rate> r = Rate.parse(settings.get(rate).orElse("off"), rate.key());
        if (r.isEmpty()) {
            return Optional.empty();
        }
        String b = settings.get(burst).map(String::trim).orElse("");
        if (b.isEmpty()) {
            return Optional.of(new TokenBucketLimit(r.get(), r.get().requests()));
        }
        try {
            long size = Long.parseLong(b);
            if (size > 0) {
                return Optional.of(new TokenBucketLimit(r.get(), size));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(burst.key() + " must be a positive number, was '" + b + "'");
    }

    private static Optional<LimitOverrides> hostOverrides(ClassLoader loader) {
        List<HostExtensions.Found<LimitOverrides>> found = HostExtensions.find(LimitOverrides.class, loader);
        if (found.size() > 1) {
            throw new IllegalStateException("Several LimitOverrides extensions found ("
                    + found.stream().map(f -> f.extension().getClass().getName() + " from " + f.source())
                            .collect(Collectors.joining(", "))
                    + "): the gateway takes limits from one host only; remove the others from the plugin directory"
                    + " and WEB-INF/lib");
        }
        return found.stream().findFirst().map(HostExtensions.Found::extension);
    }
}
