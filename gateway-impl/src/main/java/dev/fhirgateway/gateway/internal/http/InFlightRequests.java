package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.gateway.internal.adapter.RequestDeadline;
import dev.fhirgateway.gateway.internal.outcome.RestartingAnswer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Counts the requests inside the gateway, so that stopping it can wait for them before closing the adapters, and
 * turns away the ones that arrive once it has begun to stop.
 *
 * <p>When a container undeploys the web application it destroys servlets and filters and then notifies
 * listeners, without waiting for requests still running (Tomcat waits at most 2 s, Jetty not at all unless its
 * {@code graceful} module is on). A request in the middle of an adapter call would then fail when the adapter
 * is closed under it. The bootstrap listener waits on {@link #awaitIdle} first.
 *
 * <p>A container may still hand this instance a request after that: Tomcat routes a request to the servlet it
 * mapped a moment before a reload paused the application, and that request can reach the filter chain after the
 * FHIR servlet was destroyed (seen in CI as a 404 "unknown resource type" during a WAR replacement). Once
 * {@link #stopAdmitting} was called such a request gets 503 with {@code Retry-After}: the gateway is restarting,
 * and a retry reaches the new instance. Checking and counting under one lock leaves no gap between them.
 *
 * <p>Being the outermost filter, it also notes each request's arrival, from which its time budget counts.
 */
public final class InFlightRequests implements Filter {

    private final FhirContext fhirContext;
    private final Object lock = new Object();
    private int active;
    private boolean admitting = true;

    public InFlightRequests(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestDeadline.markArrival(request);
        synchronized (lock) {
            if (!admitting) {
                RestartingAnswer.write((HttpServletRequest) request, (HttpServletResponse) response, fhirContext);
                return;
            }
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

    /** From now on every request is answered 503 (restarting); those already inside go on. */
    public void stopAdmitting() {
        synchronized (lock) {
            admitting = false;
        }
    }

    /** Whether {@link #stopAdmitting} was called: the gateway is stopping. */
    public boolean stopping() {
        synchronized (lock) {
            return !admitting;
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
