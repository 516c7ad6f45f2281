package dev.fhirgateway.gateway.internal.adapter;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an adapter with a deadline and turns its failures into FHIR errors.
 *
 * <p>Every call of one client request shares the request's deadline ({@code fhirgateway.request-timeout} from
 * its arrival), so a search with includes, a chain or {@code $docref} cannot add up call timeouts: once the
 * budget is spent the next call is not made, and the 504 names the step that ran out of time. Each call is
 * also capped by {@code fhirgateway.adapter-call-timeout}.
 *
 * <p>The call runs on a worker thread so a hung EHR costs the client a 504 at the deadline, not a request
 * thread forever (an adapter that ignores {@link CallContext#deadline()} keeps only a worker). An adapter that
 * declares it keeps deadlines itself ({@link dev.fhirgateway.spi.EhrAdapter#keepsDeadlines()}) is called on the
 * request's thread instead. Failures map
 * to: unsupported search 400, invalid cursor 410, unavailable 503, timeout 504. Anything else an adapter
 * throws is a bug in the adapter: 503, logged without its message (adapter messages, such as SQL errors, may
 * quote PHI).
 */
public final class AdapterCallExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterCallExecutor.class);
    /** How far past its deadline a call of an adapter that keeps deadlines may end before it is logged. */
    static final long OVERRUN_WARNING_MILLIS = 1_000;

    private final Duration callTimeout;
    private final Duration requestTimeout;
    private final ExecutorService workers;
    private final WorkerThreads threadFactory = new WorkerThreads();
    private final AdapterCallMeters meters;

    public AdapterCallExecutor(Duration callTimeout, Duration requestTimeout) {
        this(callTimeout, requestTimeout, AdapterCallMeters.none());
    }

    public AdapterCallExecutor(Duration callTimeout, Duration requestTimeout, AdapterCallMeters meters) {
        this.callTimeout = callTimeout;
        this.requestTimeout = requestTimeout;
        this.meters = meters;
        this.workers = meters.monitor(Executors.newCachedThreadPool(threadFactory));
    }

    /**
     * The context of the calls made for {@code request} on behalf of {@code practice}: its deadline is the
     * request's, the same for every call of the request.
     */
    public CallContext contextFor(RequestDetails request, String practice) {
        return new CallContext(practice, request.getRequestId(), RequestDeadline.of(request, requestTimeout));
    }

    /**
     * Runs {@code call} against {@code adapter} and returns its result. The call is given {@code context} with the
     * call's own deadline: the request's, or sooner when the per-call timeout ends first. An adapter that keeps
     * deadlines ({@link OpenAdapter#keepsDeadlines()}) is called on this thread; any other on a worker thread,
     * waited for until that deadline.
     *
     * @param operation what the call does, for meters and messages ({@code "search Observation"})
     * @throws BaseServerResponseException the FHIR error for the adapter's failure
     */
    public <T> T call(OpenAdapter adapter, CallContext context, String operation, AdapterCall<T> call) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        long budgetMillis = Duration.between(now, context.deadline()).toMillis();
        if (budgetMillis <= 0) {
            meters.record(adapter.name(), operation, "timeout", 0);
            LOG.warn("Request {} used up its time budget before {} on EHR adapter '{}'", context.requestId(),
                    operation, adapter.name());
            throw status(504, IssueType.TIMEOUT, "The request used up its time budget (" + seconds(requestTimeout)
                    + ") before this step could run: " + operation + ".");
        }
        boolean cappedByRequest = budgetMillis < callTimeout.toMillis();
        long waitMillis = cappedByRequest ? budgetMillis : callTimeout.toMillis();
        CallContext callContext = cappedByRequest ? context
                : new CallContext(context.practice(), context.requestId(), now.plusMillis(waitMillis));
        String outcome = "error";
        try {
            T result = adapter.keepsDeadlines()
                    ? callHere(adapter, callContext, call, operation)
                    : callOnWorker(adapter, callContext, call, waitMillis, operation, cappedByRequest);
            outcome = AdapterCallMeters.SUCCESS;
            return result;
        } catch (CallFailed e) {
            outcome = e.outcome;
            throw e.error;
        } finally {
            meters.record(adapter.name(), operation, outcome, System.nanoTime() - start);
        }
    }

    /**
     * The call on this thread: the adapter has declared that it ends by the deadline, so no worker has to wait
     * for it (the hand-off costs two thread wake-ups per call). A call that returns well past the deadline
     * breaks that promise; it is answered anyway, and logged.
     */
    private <T> T callHere(OpenAdapter adapter, CallContext context, AdapterCall<T> call, String operation) {
        try {
            return call.apply(adapter.adapter(), context);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // What a worker's ExecutionException carries too (an adapter jar missing a class, a runaway
            // recursion): a broken adapter is a 503, never HAPI's 500. OutOfMemoryError is the JVM's, not the call's.
            throw new CallFailed(failureOutcome(e), translate(adapter, operation, e));
        } finally {
            long overrunMillis = Duration.between(context.deadline(), Instant.now()).toMillis();
            if (overrunMillis > OVERRUN_WARNING_MILLIS) {
                LOG.warn("EHR adapter '{}' declares that it keeps deadlines, but {} ended {} ms after its deadline"
                        + " (request {})", adapter.name(), operation, overrunMillis, context.requestId());
            }
        }
    }

    /** The call on a worker thread, waited for until the deadline; at the deadline the worker is interrupted. */
    private <T> T callOnWorker(OpenAdapter adapter, CallContext context, AdapterCall<T> call, long waitMillis,
            String operation, boolean cappedByRequest) {
        Future<T> future = workers.submit(() -> call.apply(adapter.adapter(), context));
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("EHR adapter '{}' did not answer {} within {} ms (request {})", adapter.name(), operation,
                    waitMillis, context.requestId());
            throw new CallFailed("timeout", status(504, IssueType.TIMEOUT, cappedByRequest
                    ? "The EHR did not answer this step within the request's time budget (" + seconds(requestTimeout)
                            + "): " + operation + "."
                    : "The EHR did not answer in time (" + seconds(callTimeout) + "): " + operation + "."));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted", status(503, IssueType.TRANSIENT, "The request was interrupted."));
        } catch (ExecutionException e) {
            throw new CallFailed(failureOutcome(e.getCause()), translate(adapter, operation, e.getCause()));
        }
    }

    /** A failed call: the FHIR error to throw, and the outcome to meter. */
    private static final class CallFailed extends RuntimeException {
        private final String outcome;
        private final RuntimeException error;

        CallFailed(String outcome, RuntimeException error) {
            super(null, null, false, false);
            this.outcome = outcome;
            this.error = error;
        }
    }

    /** The metric outcome of a failed call: the adapter's reason, or {@code error} for anything unexpected. */
    private static String failureOutcome(Throwable failure) {
        if (failure instanceof AdapterException ae) {
            return ae.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return failure instanceof BaseServerResponseException ? "fhir-error" : "error";
    }

    private static RuntimeException translate(OpenAdapter adapter, String operation, Throwable failure) {
        if (failure instanceof BaseServerResponseException fhirError) {
            return fhirError;
        }
        if (failure instanceof AdapterException ae) {
            return switch (ae.reason()) {
                case UNSUPPORTED_SEARCH -> new InvalidRequestException(ae.getMessage(),
                        OperationOutcomes.error(IssueType.NOTSUPPORTED, ae.getMessage()));
                case INVALID_CURSOR -> new ResourceGoneException(ae.getMessage(),
                        OperationOutcomes.error(IssueType.EXPIRED, "This paging link is no longer valid: "
                                + ae.getMessage() + " Repeat the search."));
                case UNAVAILABLE -> {
                    LOG.warn("EHR adapter '{}' is unavailable during {}: {}", adapter.name(), operation,
                            causeChain(ae));
                    yield status(503, IssueType.TRANSIENT, "The EHR is unavailable: " + ae.getMessage());
                }
                case TIMEOUT -> {
                    LOG.warn("EHR adapter '{}' timed out during {}", adapter.name(), operation);
                    yield status(504, IssueType.TIMEOUT, "The EHR did not answer in time: " + ae.getMessage());
                }
            };
        }
        LOG.error("EHR adapter '{}' failed during {} with an unexpected {}", adapter.name(), operation,
                causeChain(failure));
        return status(503, IssueType.EXCEPTION, "The EHR adapter failed; the failure has been logged.");
    }

    /** The exception classes of a failure and its causes: enough to diagnose, without messages that may hold PHI. */
    static String causeChain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            b.append(c.getClass().getName());
            if (c.getCause() == c) {
                break;
            }
        }
        return b.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static UnclassifiedServerFailureException status(int status, IssueType type, String message) {
        return new UnclassifiedServerFailureException(status, message, OperationOutcomes.error(type, message));
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            // Idle workers end on the interrupt; waiting for them keeps the container's leak check quiet. The pool
            // terminates when its workers leave their loop, a moment before their threads die, so join them too.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            workers.awaitTermination(5, TimeUnit.SECONDS);
            for (Thread t : threadFactory.threads()) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();
        private final Set<Thread> created = ConcurrentHashMap.newKeySet();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "fhir-gateway-adapter-" + count.incrementAndGet());
            t.setDaemon(true);
            created.removeIf(old -> !old.isAlive()); // idle workers die after a minute; forget them
            created.add(t);
            return t;
        }

        /** The threads made so far that may still be alive. */
        List<Thread> threads() {
            return List.copyOf(created);
        }
    }
}
