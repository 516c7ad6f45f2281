package dev.fhirgateway.gateway.internal.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export jobs in the background, at most {@link ExportSettings#maxJobs()} at a time on this instance: pages
 * through the adapter (each page call with a request's deadline, a page that fails with 503/504 retried twice),
 * writes one NDJSON file per type (a new one every {@value #RESOURCES_PER_FILE} resources), records progress in the
 * job's state after every page (its heartbeat), stops when the job is cancelled or taken over, and meters what it
 * wrote.
 */
public final class ExportRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
    static final int RESOURCES_PER_FILE = 50_000;
    private static final int ATTEMPTS_PER_PAGE = 3;
    /** A job stopped because its client cancelled it or another instance declared it dead. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final ExportJobStore store;
    private final AdapterCallExecutor calls;
    private final FhirContext fhir;
    private final ExportSettings settings;
    private final ExportMeters meters;
    private final String instanceId;
    private final Clock clock;
    private final ExecutorService workers;
    private final Map<String, Boolean> runningHere = new ConcurrentHashMap<>();

    public ExportRunner(ExportJobStore store, AdapterCallExecutor calls, FhirContext fhir, ExportSettings settings,
            ExportMeters meters, String instanceId, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.fhir = fhir;
        this.settings = settings;
        this.meters = meters;
        this.instanceId = instanceId;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.maxJobs(), settings.maxJobs(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "fhirgateway-export-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public String instanceId() {
        return instanceId;
    }

    /** Whether this instance is running the job now (its heartbeat is then not stale, whatever its age). */
    public boolean isRunningHere(String jobId) {
        return runningHere.containsKey(jobId);
    }

    void start(ExportJob job, ExportPlan plan) {
        runningHere.put(job.id(), Boolean.TRUE);
        workers.execute(() -> {
            try {
                run(job, plan);
            } finally {
                runningHere.remove(job.id());
            }
        });
    }

    private void run(ExportJob accepted, ExportPlan plan) {
        ExportJob job = accepted.running(instanceId, clock.instant(), null, 0);
        try {
            save(job);
            List<ExportJob.OutputFile> output = new ArrayList<>();
            long written = 0;
            for (ExportPlan.TypeExport type : plan.types()) {
                TypeWriter writer = new TypeWriter(job, type.type(), output);
                try {
                    for (List<SearchCriterion> criteria : type.searches()) {
                        String cursor = null;
                        do {
                            stopIfAsked(job);
                            SearchPage page = page(job, type, criteria, cursor);
                            writer.write(page.resources());
                            written += page.resources().size();
                            job = job.running(instanceId, clock.instant(), type.type(), written)
                                    .withFiles(writer.filesSoFar(), job.errors());
                            save(job);
                            cursor = page.nextCursor();
                        } while (cursor != null);
                    }
                } finally {
                    writer.close();
                }
                output = writer.filesSoFar();
                job = job.withFiles(output, job.errors());
            }
            List<ExportJob.OutputFile> errors = new ArrayList<>();
            if (!plan.warnings().isEmpty()) {
                errors.add(writeOutcomes(job, plan.warnings(), IssueSeverity.WARNING, IssueType.INFORMATIONAL));
            }
            stopIfAsked(job);
            Instant now = clock.instant();
            job = job.withFiles(output, errors).finished(ExportJob.Status.COMPLETED, now, now.plus(settings.expiry()),
                    null);
            save(job);
            meters.finished(job, ExportJob.Status.COMPLETED, Duration.between(job.transactionTime(), now));
            LOG.info("Export job {} of practice {} completed: {} resources in {} ms", job.id(), job.practice(),
                    job.resourcesWritten(), Duration.between(job.transactionTime(), now).toMillis());
        } catch (Stopped stopped) {
            finishStopped(job);
        } catch (BaseServerResponseException e) {
            fail(job, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Export job {} failed with an unexpected {}", job.id(), e.getClass().getName(), e);
            fail(job, "The export failed; the failure has been logged.");
        }
    }

    /** One page, with the deadline of a request; 503/504 (a busy or slow EHR) retried after a pause. */
    private SearchPage page(ExportJob job, ExportPlan.TypeExport type, List<SearchCriterion> criteria, String cursor) {
        for (int attempt = 1; ; attempt++) {
            CallContext context = new CallContext(job.practice(), "export-" + job.id(),
                    clock.instant().plus(settings.pageTimeout()));
            SearchRequest request = new SearchRequest(type.type(), criteria, settings.pageSize(), cursor);
            try {
                return calls.call(type.route().adapter(), context, "export " + type.type(),
                        (ehr, callContext) -> ehr.search(callContext, request));
            } catch (BaseServerResponseException e) {
                boolean transientFailure = e.getStatusCode() == 503 || e.getStatusCode() == 504;
                if (!transientFailure || attempt >= ATTEMPTS_PER_PAGE) {
                    throw e;
                }
                LOG.warn("Export job {}: {} page failed with {}, retrying", job.id(), type.type(), e.getStatusCode());
                pause(Duration.ofSeconds(attempt));
                stopIfAsked(job);
            }
        }
    }

    private void stopIfAsked(ExportJob job) {
        if (store.isCancelRequested(job.id()) || store.isTakenOver(job.id()) || Thread.currentThread().isInterrupted()) {
            throw new Stopped();
        }
    }

    /** Writes the state unless another instance has taken the job over meanwhile. */
    private void save(ExportJob job) {
        if (store.isTakenOver(job.id())) {
            throw new Stopped();
        }
        store.write(job);
    }

    private void finishStopped(ExportJob job) {
        if (store.isCancelRequested(job.id())) {
            store.deleteFiles(job.id());
            ExportJob cancelled = job.finished(ExportJob.Status.CANCELLED, clock.instant(), clock.instant(), null);
            if (!store.isTakenOver(job.id())) {
                store.write(cancelled);
            }
            meters.finished(job, ExportJob.Status.CANCELLED, Duration.between(job.transactionTime(), clock.instant()));
            LOG.info("Export job {} of practice {} cancelled by its client", job.id(), job.practice());
        } else if (store.isTakenOver(job.id())) {
            LOG.warn("Export job {} was declared dead by another instance; this instance stops it", job.id());
        } else {
            // This instance is stopping (undeploy): fail the job cleanly rather than leave it for the staleness check.
            fail(job, "The gateway instance running this export stopped before it finished. Start a new export.");
        }
    }

    private void fail(ExportJob job, String why) {
        if (store.isTakenOver(job.id())) {
            return;
        }
        Instant now = clock.instant();
        List<ExportJob.OutputFile> errors = new ArrayList<>(job.errors());
        try {
            errors.add(writeOutcomes(job, List.of(why), IssueSeverity.ERROR, IssueType.EXCEPTION));
        } catch (UncheckedIOException e) {
            LOG.warn("Export job {}: could not write its error file ({})", job.id(), e.getClass().getName());
        }
        ExportJob failed = job.withFiles(job.output(), errors).finished(ExportJob.Status.FAILED, now,
                now.plus(settings.expiry()), why);
        store.write(failed);
        meters.finished(job, ExportJob.Status.FAILED, Duration.between(job.transactionTime(), now));
        LOG.warn("Export job {} of practice {} failed after {} resources", job.id(), job.practice(),
                job.resourcesWritten());
    }

    /** An error file: one {@code OperationOutcome} per message. */
    private ExportJob.OutputFile writeOutcomes(ExportJob job, List<String> messages, IssueSeverity severity,
            IssueType type) {
        String name = "OperationOutcome-" + (job.errors().size() + 1) + ".ndjson";
        IParser parser = fhir.newJsonParser().setPrettyPrint(false);
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(store.file(job.id(), name)))) {
            for (String message : messages) {
                OperationOutcome oo = OperationOutcomes.newOutcome();
                oo.addIssue().setSeverity(severity).setCode(type).setDiagnostics(message);
                byte[] line = (parser.encodeResourceToString(oo) + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(line);
                bytes += line.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExportJob.OutputFile("OperationOutcome", name, messages.size(), bytes);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** The NDJSON files of one type: opened at the first resource, a new one every RESOURCES_PER_FILE. */
    private final class TypeWriter implements AutoCloseable {
        private final ExportJob job;
        private final String type;
        private final List<ExportJob.OutputFile> earlier;
        private final List<ExportJob.OutputFile> closed = new ArrayList<>();
        private final IParser parser = fhir.newJsonParser().setPrettyPrint(false);
        private OutputStream out;
        private String fileName;
        private long count;
        private long bytes;

        TypeWriter(ExportJob job, String type, List<ExportJob.OutputFile> earlier) {
            this.job = job;
            this.type = type;
            this.earlier = List.copyOf(earlier);
        }

        void write(List<Resource> resources) {
            long pageBytes = 0;
            try {
                for (Resource r : resources) {
                    if (out == null || count >= RESOURCES_PER_FILE) {
                        roll();
                    }
                    byte[] line = (parser.encodeResourceToString(r) + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(line);
                    count++;
                    bytes += line.length;
                    pageBytes += line.length;
                }
                if (out != null) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            meters.written(job, type, resources.size(), pageBytes);
        }

        private void roll() throws IOException {
            closeCurrent();
            fileName = type + "-" + (closed.size() + 1) + ".ndjson";
            out = new BufferedOutputStream(Files.newOutputStream(store.file(job.id(), fileName)), 64 * 1024);
            count = 0;
            bytes = 0;
        }

        private void closeCurrent() throws IOException {
            if (out != null) {
                out.close();
                closed.add(new ExportJob.OutputFile(type, fileName, count, bytes));
                out = null;
            }
        }

        /** The files written so far, the open one with what it holds now. */
        List<ExportJob.OutputFile> filesSoFar() {
            List<ExportJob.OutputFile> all = new ArrayList<>(earlier);
            all.addAll(closed);
            if (out != null) {
                all.add(new ExportJob.OutputFile(type, fileName, count, bytes));
            }
            return all;
        }

        @Override
        public void close() {
            try {
                closeCurrent();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        // Interrupting the workers makes each running job stop at its next page and fail cleanly (finishStopped).
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
