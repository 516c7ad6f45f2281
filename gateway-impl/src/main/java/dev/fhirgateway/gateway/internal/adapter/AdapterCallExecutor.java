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
import java.util.function.Function;
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
 * thread forever (an adapter that ignores {@link CallContext#deadline()} keeps only a worker). Failures map
 * to: unsupported search 400, invalid cursor 410, unavailable 503, timeout 504. Anything else an adapter
 * throws is a bug in the adapter: 503, logged without its message (adapter messages, such as SQL errors, may
 * quote PHI).
 */
public final class AdapterCallExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterCallExecutor.class);

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
     * Runs {@code call} against {@code adapter} and returns its result, waiting until the context's deadline
     * (at most the per-call timeout).
     *
     * @param operation what the call does, for meters and messages ({@code "search Observation"})
     * @throws BaseServerResponseException the FHIR error for the adapter's failure
     */
    public <T> T call(OpenAdapter adapter, CallContext context, String operation, Function<OpenAdapter, T> call) {
        long start = System.nanoTime();
        long budgetMillis = Duration.between(Instant.now(), context.deadline()).toMillis();
        if (budgetMillis <= 0) {
            meters.record(adapter.name(), operation, "timeout", 0);
            LOG.warn("Request {} used up its time budget before {} on EHR adapter '{}'", context.requestId(),
                    operation, adapter.name());
            throw status(504, IssueType.TIMEOUT, "The request used up its time budget (" + seconds(requestTimeout)
                    + ") before this step could run: " + operation + ".");
        }
        boolean cappedByRequest = budgetMillis < callTimeout.toMillis();
        long waitMillis = cappedByRequest ? budgetMillis : callTimeout.toMillis();
        String outcome = "error";
        Future<T> future = workers.submit(() -> call.apply(adapter));
        try {
            T result = future.get(waitMillis, TimeUnit.MILLISECONDS);
            outcome = AdapterCallMeters.SUCCESS;
            return result;
        } catch (TimeoutException e) {
            outcome = "timeout";
            future.cancel(true);
            LOG.warn("EHR adapter '{}' did not answer {} within {} ms (request {})", adapter.name(), operation,
                    waitMillis, context.requestId());
            throw status(504, IssueType.TIMEOUT, cappedByRequest
                    ? "The EHR did not answer this step within the request's time budget (" + seconds(requestTimeout)
                            + "): " + operation + "."
                    : "The EHR did not answer in time (" + seconds(callTimeout) + "): " + operation + ".");
        } catch (InterruptedException e) {
            outcome = "interrupted";
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw status(503, IssueType.TRANSIENT, "The request was interrupted.");
        } catch (ExecutionException e) {
            outcome = failureOutcome(e.getCause());
            throw translate(adapter, operation, e.getCause());
        } finally {
            meters.record(adapter.name(), operation, outcome, System.nanoTime() - start);
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
