package dev.fhirgateway.gateway.internal.export;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the shared export directory tidy, on every instance: deletes the files of jobs past their expiry and of
 * cancelled jobs, and fails jobs whose instance died.
 *
 * <p>A job is taken for dead when it is waiting or running, no instance-local runner has it, and its heartbeat
 * (written after every page) is older than {@link ExportSettings#staleAfter()}. Such a job is <b>failed, not
 * resumed</b>: its files hold whatever pages were written before the instance died, and a resumed run would have to
 * trust that the adapter's cursors still mean the same thing after an unknown pause; the client is told to start a
 * new export instead (the status request then answers 500 with an {@code OperationOutcome} that says so). Exactly
 * one instance declares it ({@link ExportJobStore#claimTakeover}); a runner that was only slow stops at its next
 * page when it sees the claim.
 */
@Singleton
public final class ExportJanitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportJanitor.class);
    static final String DIED = "The gateway instance running this export stopped before it finished. Start a new"
            + " export.";

    private final ExportJobStore store;
    private final ExportRunner runner;
    private final ExportSettings settings;
    private final ExportMeters meters;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    @Inject
    public ExportJanitor(ExportJobStore store, ExportRunner runner, ExportSettings settings, ExportMeters meters,
            Clock clock) {
        this.store = store;
        this.runner = runner;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fhirgateway-export-janitor");
            t.setDaemon(true);
            return t;
        });
        long periodMillis = Math.max(1_000, Math.min(settings.staleAfter().toMillis() / 2, 60_000));
        timer.scheduleWithFixedDelay(this::sweepQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether the job still holds a place: waiting or running on a live instance. */
    boolean holdsPlace(ExportJob job) {
        return job.status().isActive() && !isStale(job) && !store.isCancelRequested(job.id());
    }

    boolean isStale(ExportJob job) {
        return job.status().isActive() && !runner.isRunningHere(job.id())
                && job.heartbeatAt().plus(settings.staleAfter()).isBefore(clock.instant());
    }

    /** The job as it stands now: a stale one is declared dead first. */
    ExportJob refresh(ExportJob job) {
        if (!isStale(job)) {
            return job;
        }
        if (store.claimTakeover(job.id())) {
            Instant now = clock.instant();
            ExportJob failed = job.finished(ExportJob.Status.FAILED, now, now.plus(settings.expiry()), DIED);
            store.write(failed);
            meters.finished(job, ExportJob.Status.FAILED, Duration.between(job.transactionTime(), now));
            LOG.warn("Export job {} of practice {}: its instance {} stopped recording progress; failed", job.id(),
                    job.practice(), job.instance());
            return failed;
        }
        // Another instance claimed it at the same moment: read what it wrote.
        for (int i = 0; i < 50; i++) {
            ExportJob now = store.read(job.id()).orElse(job);
            if (!now.status().isActive()) {
                return now;
            }
            sleep();
        }
        return job;
    }

    void sweep() {
        Instant now = clock.instant();
        for (ExportJob job : store.list()) {
            if (job.status().isActive()) {
                refresh(job);
            } else if (job.status() == ExportJob.Status.CANCELLED
                    || (job.expiresAt() != null && job.expiresAt().isBefore(now))) {
                store.delete(store.directory(job.id()));
                LOG.info("Export job {} of practice {} removed ({})", job.id(), job.practice(),
                        job.status() == ExportJob.Status.CANCELLED ? "cancelled" : "expired");
            }
        }
        for (Path orphan : store.orphans()) {
            try {
                if (Files.getLastModifiedTime(orphan).toInstant().plus(settings.expiry()).isBefore(now)) {
                    store.delete(orphan);
                }
            } catch (java.io.IOException e) {
                LOG.debug("orphan export directory vanished: {}", e.getClass().getName());
            }
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Export directory sweep failed: {}", e.getClass().getName(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
