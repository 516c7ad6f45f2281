package dev.fhirgateway.sample.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts the requests a handler serves and the CPU time its threads spend in them. Two web applications in one
 * JVM share its threads, its garbage collector and its JIT compiler, so the process's CPU time cannot tell them
 * apart; the CPU time of the thread that runs each request can. A servlet request runs on the thread that calls
 * {@link #handle}, so this covers the application's own work (filters, servlet, writing the response) and leaves
 * out what both share: HTTP parsing before it, garbage collection and compilation on their own threads.
 */
public final class ThreadCpuMeter extends Handler.Wrapper {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LongAdder started = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder cpuNanos = new LongAdder();

    public ThreadCpuMeter(Handler handler) {
        super(handler);
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        started.increment();
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            return super.handle(request, response, callback);
        } finally {
            cpuNanos.add(THREADS.getCurrentThreadCpuTime() - start);
            requests.increment();
        }
    }

    /**
     * Requests begun and not yet counted. A client may have its whole answer before the handling thread gets back
     * here to count it, so a reading that must include a given request waits for this to be 0.
     */
    public long inFlight() {
        return started.sum() - requests.sum();
    }

    /** Requests and CPU time so far (of requests whose handling has returned). */
    public Reading read() {
        return new Reading(requests.sum(), cpuNanos.sum());
    }

    /**
     * A reading of the meter.
     *
     * @param requests requests handled
     * @param cpuNanos CPU time of the threads handling them, in nanoseconds
     */
    public record Reading(long requests, long cpuNanos) {

        /** What happened between {@code earlier} and this reading. */
        public Reading since(Reading earlier) {
            return new Reading(requests - earlier.requests, cpuNanos - earlier.cpuNanos);
        }

        /** CPU microseconds per request. */
        public double cpuMicrosPerRequest() {
            return requests == 0 ? Double.NaN : cpuNanos / 1000.0 / requests;
        }
    }
}
