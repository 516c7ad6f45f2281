package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request every 20 ms on its own thread while a redeploy happens, recording every answer that is not a 200
 * (and every exception): what "no request fails during a redeploy" is checked with.
 *
 * <p>{@link #retryingClient} behaves like a client that honours {@code 503} with {@code Retry-After}: the gateway
 * answers so when Tomcat hands the stopping instance a request it had routed just before the reload paused the
 * application (docs/deploy.md). Such a request is retried once after the delay and must then succeed; the 503
 * must carry {@code Retry-After} and an {@code OperationOutcome} marked {@code transient}, and there may be only a
 * few of them. Anything else (404, 500, an exception, a failed retry) is a failure.
 */
final class SteadyTraffic implements AutoCloseable {

    /** More retried answers than this in one redeploy means the gateway turned traffic away, not a rare race. */
    private static final int MAX_RETRIED = 3;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> retried = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final boolean honoursRetryAfter;
    private final Thread thread;

    /** Traffic from a client that counts every answer other than 200 as a failure. */
    SteadyTraffic(Callable<HttpResponse<String>> request) {
        this(request, false);
    }

    /** Traffic from a client that retries once on 503 with {@code Retry-After}, as FHIR clients should. */
    static SteadyTraffic retryingClient(Callable<HttpResponse<String>> request) {
        return new SteadyTraffic(request, true);
    }

    private SteadyTraffic(Callable<HttpResponse<String>> request, boolean honoursRetryAfter) {
        this.honoursRetryAfter = honoursRetryAfter;
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = request.call();
                    if (honoursRetryAfter && isRetryable(r)) {
                        retried.add(Instant.now() + " " + r.statusCode() + " " + r.body());
                        Thread.sleep(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) * 1000);
                        r = request.call();
                    }
                    if (r.statusCode() != 200) {
                        failures.add(Instant.now() + " " + r.statusCode() + " " + r.body());
                    }
                    answered.incrementAndGet();
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.add(Instant.now() + " " + e);
                }
            }
        }, "steady-traffic");
        thread.start();
    }

    private static boolean isRetryable(HttpResponse<String> r) {
        return r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()
                && r.body().contains("\"OperationOutcome\"") && r.body().contains("\"transient\"");
    }

    /** Stops the traffic, then checks that every request got a 200 and that there were enough of them. */
    void assertNoRequestFailed() throws InterruptedException {
        close();
        assertThat(failures).as("requests that failed during the redeploy (of %d)", answered.get()).isEmpty();
        assertThat(retried).as("requests answered 503 Retry-After during the redeploy, then retried")
                .hasSizeLessThanOrEqualTo(honoursRetryAfter ? MAX_RETRIED : 0);
        assertThat(answered.get()).isGreaterThan(20);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(120_000);
    }
}
