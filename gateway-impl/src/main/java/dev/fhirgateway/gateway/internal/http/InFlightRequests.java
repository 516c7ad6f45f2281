package dev.fhirgateway.gateway.internal.http;

import dev.fhirgateway.gateway.internal.adapter.RequestDeadline;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Counts the requests inside the gateway, so that stopping it can wait for them before closing the adapters.
 *
 * <p>When a container undeploys the web application it destroys servlets and filters and then notifies
 * listeners, without waiting for requests still running (Tomcat waits at most 2 s, Jetty not at all unless its
 * {@code graceful} module is on). A request in the middle of an adapter call would then fail when the adapter
 * is closed under it. The bootstrap listener waits on {@link #awaitIdle} first.
 *
 * <p>Being the outermost filter, it also notes each request's arrival, from which its time budget counts.
 */
public final class InFlightRequests implements Filter {

    private final Object lock = new Object();
    private int active;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestDeadline.markArrival(request);
        synchronized (lock) {
            active++;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            synchronized (lock) {
                active--;
                lock.notifyAll();
            }
        }
    }

    /** The number of requests running now. */
    public int active() {
        synchronized (lock) {
            return active;
        }
    }

    /**
     * Waits until no request runs, at most {@code limit}.
     *
     * @return whether none runs
     */
    public boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
