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
 */
final class SteadyTraffic implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final Thread thread;

    SteadyTraffic(Callable<HttpResponse<String>> request) {
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = request.call();
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

    /** Stops the traffic, then checks that every request got a 200 and that there were enough of them. */
    void assertNoRequestFailed() throws InterruptedException {
        close();
        assertThat(failures).as("requests that failed during the redeploy (of %d)", answered.get()).isEmpty();
        assertThat(answered.get()).isGreaterThan(20);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(120_000);
    }
}
