package dev.fhirgateway.gateway.internal.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket4j's buckets in Redis through its Lettuce integration (compare-and-swap, so any Redis 2.6+ works): every
 * instance pointed at the same Redis shares one budget per key. Each check waits at most the Redis timeout;
 * while Redis is unreachable every call fails at once with {@link StoreUnavailableException} (Lettuce rejects
 * commands while disconnected instead of queueing them) and Lettuce reconnects by itself. If Redis cannot be
 * reached at start, a background thread keeps trying to connect. Keys expire once their bucket would be full
 * again, so Redis holds only the buckets in use.
 */
final class RedisBucketStore implements BucketStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBucketStore.class);
    static final String KEY_PREFIX = "fhirgateway:limits:";

    private final RedisClient client;
    private final String address;
    private final Duration timeout;
    private final ScheduledExecutorService connector;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;

    RedisBucketStore(String url, Duration timeout) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url.trim());
        } catch (RuntimeException e) {
            // The URL may hold a password: never part of the message.
            throw new IllegalStateException("setting fhirgateway.limits.redis-url is not a Redis URL"
                    + " (redis://[:password@]host:port[/db] or rediss://...)");
        }
        this.address = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
                + "/" + uri.getDatabase();
        this.timeout = timeout;
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while disconnected: the request is let through instead of waiting for Redis.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .build());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fhirgateway-limits-redis-connect");
            t.setDaemon(true);
            return t;
        });
        if (!connect()) {
            LOG.warn("Request limits: Redis at {} cannot be reached now: requests are let through unlimited (except"
                    + " the per-instance concurrency limit) until it can; retrying every second", address);
            connector.scheduleWithFixedDelay(() -> {
                if (connection == null && connect()) {
                    LOG.info("Request limits: connected to Redis at {}; shared limits apply again", address);
                    connector.shutdown();
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    private boolean connect() {
        try {
            StatefulRedisConnection<String, byte[]> c = client.connect(RedisCodec.of(StringCodec.UTF8,
                    ByteArrayCodec.INSTANCE));
            buckets = Bucket4jLettuce.casBasedBuilder(c)
                    .requestTimeout(timeout)
                    // Dropped once full again (plus a minute): an idle client costs Redis nothing.
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
            connection = c;
            return true;
        } catch (RuntimeException e) {
            LOG.debug("Redis connection attempt failed: {}", e.toString());
            return false;
        }
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long version) {
        try {
            return proxies().builder()
                    .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                    .build(KEY_PREFIX + key, () -> configuration)
                    .tryConsumeAndReturnRemaining(1);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Redis at " + address + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * All buckets at once (Bucket4j's asynchronous proxies): a request waits for the slowest bucket's round trips,
     * not for their sum. If some answer and others fail, the tokens taken are given back (best effort) and the
     * whole check counts as unanswered.
     */
    @Override
    public List<ConsumptionProbe> tryConsumeAll(List<BucketRef> buckets, long version) {
        if (buckets.size() == 1) {
            return List.of(tryConsume(buckets.get(0).key(), buckets.get(0).configuration(), version));
        }
        List<CompletableFuture<ConsumptionProbe>> futures = new ArrayList<>(buckets.size());
        try {
            for (BucketRef b : buckets) {
                futures.add(asyncProxy(b, version).tryConsumeAndReturnRemaining(1));
            }
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        List<ConsumptionProbe> probes = new ArrayList<>(buckets.size());
        RuntimeException failure = null;
        for (CompletableFuture<ConsumptionProbe> f : futures) {
            try {
                probes.add(f.join());
            } catch (RuntimeException e) {
                probes.add(null);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            List<BucketRef> taken = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                if (probes.get(i) != null && probes.get(i).isConsumed()) {
                    taken.add(buckets.get(i));
                }
            }
            try {
                refundAll(taken, version);
            } catch (RuntimeException ignored) {
                // Redis is failing: the token is lost with the check; the bucket refills on its own.
            }
            throw unavailable(failure);
        }
        return probes;
    }

    @Override
    public void refundAll(List<BucketRef> buckets, long version) {
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>(buckets.size());
            for (BucketRef b : buckets) {
                futures.add(asyncProxy(b, version).addTokens(1));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private AsyncBucketProxy asyncProxy(BucketRef b, long version) {
        return proxies().asAsync().builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .build(KEY_PREFIX + b.key(), () -> CompletableFuture.completedFuture(b.configuration()));
    }

    private StoreUnavailableException unavailable(RuntimeException e) {
        if (e instanceof StoreUnavailableException s) {
            return s;
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return new StoreUnavailableException("Redis at " + address + ": " + cause.getClass().getSimpleName(), cause);
    }

    @Override
    public void refund(String key, BucketConfiguration configuration, long version) {
        try {
            proxies().builder()
                    .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                    .build(KEY_PREFIX + key, () -> configuration)
                    .addTokens(1);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Redis at " + address + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public long available(String key, BucketConfiguration configuration, long version) {
        try {
            return proxies().builder()
                    .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                    .build(KEY_PREFIX + key, () -> configuration)
                    .getAvailableTokens();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Redis at " + address + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private ProxyManager<String> proxies() {
        ProxyManager<String> b = buckets;
        if (b == null) {
            throw new StoreUnavailableException("Redis at " + address + " not connected yet", null);
        }
        return b;
    }

    @Override
    public String describe() {
        return "shared by every instance through Redis at " + address + " (Bucket4j, Lettuce); the concurrency"
                + " limit stays per instance";
    }

    @Override
    public void close() {
        connector.shutdownNow();
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
