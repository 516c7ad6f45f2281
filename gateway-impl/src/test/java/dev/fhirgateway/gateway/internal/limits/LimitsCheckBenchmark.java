package dev.fhirgateway.gateway.internal.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one limit check costs inside the gateway, without HTTP: {@link RateLimiter#admit} with every limit on
 * (practice and client rate, daily quota, concurrency; far above the load, so nothing is refused) from T threads,
 * in memory and through Redis. Not a test: {@code mvn -pl gateway-impl -am -Plimits-benchmark verify
 * -Dlimits-benchmark.args="--seconds 10 --threads 4 --redis redis://127.0.0.1:6379"}. The HTTP-level ratio against
 * limits off is {@code bench/limits-cost.sh}.
 */
public final class LimitsCheckBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int threads = 4;
        String redis = "redis://127.0.0.1:6379";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--redis" -> redis = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("limit checks: %d threads, %d s per variant (after %d s warm-up), %d cores%n", threads, seconds,
                Math.max(2, seconds / 2), Runtime.getRuntime().availableProcessors());
        System.out.println("| store | checks/s | mean µs per check (per thread) | store failures |");
        System.out.println("|---|---|---|---|");
        run("memory", new LocalBucketStore(), seconds, threads);
        run("Redis", new RedisBucketStore(redis, Duration.ofSeconds(1)), seconds, threads);
    }

    private static void run(String name, BucketStore store, int seconds, int threads) throws Exception {
        Map<String, String> practice = Map.of("rate", "1000000/s", "concurrency", "100000");
        Map<String, String> client = Map.of("rate", "1000000/s", "daily-quota", "2000000000");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RateLimiter limiter = new RateLimiter(new LimitPolicy(practice, client, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(5)), store, Optional.empty(), l -> new LimitMeters(registry, true, l::storeAvailable),
                Clock.systemUTC())) {
            measure(limiter, Math.max(2, seconds / 2), threads);
            LongAdder checks = measure(limiter, seconds, threads);
            double perSecond = checks.sum() / (double) seconds;
            double failures = registry.counter("fhirgateway.limits.store.failures").count();
            System.out.printf("| %s | %.0f | %.1f | %.0f |%n", name, perSecond, threads * 1_000_000.0 / perSecond, failures);
        }
    }

    private static LongAdder measure(RateLimiter limiter, int seconds, int threads) throws InterruptedException {
        LongAdder checks = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String practice = "bench-" + (t % 2);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    RateLimiter.Decision d = limiter.admit(practice, "bench-client", "bench-client");
                    if (!d.allowed()) {
                        throw new IllegalStateException("refused: " + d.message());
                    }
                    limiter.release(d);
                    checks.increment();
                }
                done.countDown();
            });
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        return checks;
    }
}
