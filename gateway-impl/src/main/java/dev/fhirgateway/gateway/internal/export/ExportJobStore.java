package dev.fhirgateway.gateway.internal.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export jobs in the shared export directory, one directory per job: {@code job.json} (the {@link ExportJob}, written
 * whole and moved into place atomically, so a reader on any instance sees an old or a new state, never half of one),
 * the NDJSON files, and two marker files that instances use to hand a job over without a database:
 * {@code cancel} (the client cancelled; whoever runs the job stops and deletes its files) and {@code takeover}
 * (created once, atomically, by the instance that declares a dead instance's job failed; the runner, if it was only
 * slow, stops when it sees it).
 */
public final class ExportJobStore {

    private static final Logger LOG = LoggerFactory.getLogger(ExportJobStore.class);
    private static final Pattern JOB_ID = Pattern.compile("[a-f0-9]{32}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z]{1,64}-[0-9]{1,6}\\.ndjson");
    private static final String JOB_FILE = "job.json";
    private static final String CANCEL_MARKER = "cancel";
    private static final String TAKEOVER_MARKER = "takeover";

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public ExportJobStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the export directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** Whether a text has the shape of a job id (anything else is answered as unknown without touching disk). */
    public static boolean isJobId(String id) {
        return id != null && JOB_ID.matcher(id).matches();
    }

    /** Whether a text has the shape of an output file name. */
    public static boolean isFileName(String name) {
        return name != null && FILE_NAME.matcher(name).matches();
    }

    /** Thrown by {@link #createIfRoom} when a limit is reached. */
    public static final class NoRoomException extends Exception {
        private static final long serialVersionUID = 1L;

        NoRoomException(String message) {
            super(message);
        }
    }

    /**
     * Creates the job unless the practice or all practices already have as many active jobs as allowed. The count
     * and the creation happen under a lock file in the directory, so instances sharing it do not both take the
     * last place (a lock the file system of a shared volume must honour; local disks and NFSv4 do).
     *
     * @param active which existing jobs still count (active ones whose instance is alive)
     */
    public synchronized void createIfRoom(ExportJob job, int maxPerPractice, int maxTotal, Predicate<ExportJob> active)
            throws NoRoomException {
        try (FileChannel channel = FileChannel.open(root.resolve(".kickoff.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            List<ExportJob> running = list().stream().filter(active).toList();
            if (running.size() >= maxTotal) {
                throw new NoRoomException("The server is running as many exports as it allows (" + maxTotal + ").");
            }
            long ofPractice = running.stream().filter(j -> j.practice().equals(job.practice())).count();
            if (ofPractice >= maxPerPractice) {
                throw new NoRoomException("This practice already has " + ofPractice + " exports waiting or running"
                        + " (at most " + maxPerPractice + ").");
            }
            Files.createDirectories(directory(job.id()));
            write(job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the job's state, replacing the previous one atomically. */
    public void write(ExportJob job) {
        Path dir = directory(job.id());
        try {
            Path temp = Files.createTempFile(dir, ".job-", ".tmp");
            json.writeValue(temp.toFile(), job);
            Files.move(temp, dir.resolve(JOB_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job, if its directory and state exist. */
    public Optional<ExportJob> read(String id) {
        if (!isJobId(id)) {
            return Optional.empty();
        }
        Path file = directory(id).resolve(JOB_FILE);
        try {
            return Optional.of(json.readValue(file.toFile(), ExportJob.class));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Export job {}: unreadable state ({})", id, e.getClass().getName());
            return Optional.empty();
        }
    }

    /** Every job with a readable state. */
    public List<ExportJob> list() {
        List<ExportJob> jobs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(ExportJobStore::isJobId)
                    .forEach(id -> read(id).ifPresent(jobs::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jobs;
    }

    /** Job directories without a readable state (a crash between creating the directory and writing it). */
    List<Path> orphans() {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).filter(p -> isJobId(p.getFileName().toString()))
                    .filter(p -> !Files.exists(p.resolve(JOB_FILE))).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Path directory(String id) {
        if (!isJobId(id)) {
            throw new IllegalArgumentException("not a job id");
        }
        return root.resolve(id);
    }

    /** An output file of the job; the name must be one {@link #isFileName} accepts. */
    public Path file(String id, String name) {
        if (!isFileName(name)) {
            throw new IllegalArgumentException("not an export file name");
        }
        return directory(id).resolve(name);
    }

    /** Asks whoever runs the job to stop. */
    public void requestCancel(String id) {
        mark(id, CANCEL_MARKER);
    }

    public boolean isCancelRequested(String id) {
        return Files.exists(directory(id).resolve(CANCEL_MARKER));
    }

    /** Claims a job whose instance died; true for the one instance whose claim created the marker. */
    public boolean claimTakeover(String id) {
        return mark(id, TAKEOVER_MARKER);
    }

    public boolean isTakenOver(String id) {
        return Files.exists(directory(id).resolve(TAKEOVER_MARKER));
    }

    private boolean mark(String id, String marker) {
        try {
            Files.createFile(directory(id).resolve(marker));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the job's NDJSON files, keeping its state and markers. */
    public void deleteFiles(String id) {
        try (Stream<Path> files = Files.list(directory(id))) {
            files.filter(p -> p.getFileName().toString().endsWith(".ndjson")).forEach(ExportJobStore::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("Export job {}: could not list its files ({})", id, e.getClass().getName());
        }
    }

    /** Deletes the job's directory and everything in it. */
    public void delete(Path jobDirectory) {
        try (Stream<Path> all = Files.walk(jobDirectory)) {
            all.sorted(Comparator.reverseOrder()).forEach(ExportJobStore::deleteQuietly);
        } catch (NoSuchFileException e) {
            // another instance deleted it first
        } catch (IOException e) {
            LOG.warn("Could not delete export directory {} ({})", jobDirectory.getFileName(), e.getClass().getName());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {} ({})", p.getFileName(), e.getClass().getName());
        }
    }
}
