package dev.fhirgateway.sample.generate;

import dev.fhirgateway.sample.CommandLines;
import dev.fhirgateway.sample.DatabaseOptions;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.sample.fhirimport.BundleImporter;
import dev.fhirgateway.sample.fhirimport.ImportException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.List;
import java.util.concurrent.Callable;
import org.hl7.fhir.r4.model.Bundle;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar sample-ehr.jar generate --practice PIN --patients N [--seed S] [--batch B] [db options]}:
 * fills a practice with N generated patients ({@link PracticeGenerator}) through the EHR's importers, B patients
 * per transaction in JDBC batches, printing progress (patients, resources, rate, ETA) on long runs.
 */
@Command(name = "generate", description = {
    "Fills the practice (created if new) with N realistic patients, each at least "
            + PracticeGenerator.MIN_RESOURCES_PER_PATIENT + " US Core resources: copies of the Inferno US Core"
            + " patients 85 and 355 with fresh ids, MRNs, names and addresses and shifted dates. Deterministic for a"
            + " seed.",
    "Patient ids are gen-PIN-0, gen-PIN-1, ...; patients 0 and 1 keep their template's whole record.",
    "The EHR must not write to the database meanwhile."})
public final class GenerateCommand implements Callable<Integer> {

    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    /** A parsed command line. */
    public record Invocation(String practice, int patients, long seed, int batch, String dbUrl, String dbUser,
            String dbPassword) {
    }

    /** What a run did. */
    public record Result(int patients, long resources, Duration elapsed) {

        public double resourcesPerSecond() {
            return resources / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--practice", paramLabel = "PIN", required = true,
            description = "the practice (letters, digits or '-', at most 16)")
    String practice;

    @Option(names = "--patients", paramLabel = "N", required = true, description = "how many patients (at least 1)")
    int patients;

    @Option(names = "--seed", paramLabel = "S", description = "the generator's seed (default 1)")
    int seed = 1;

    @Option(names = "--batch", paramLabel = "B", description = "patients per transaction (default 100)")
    int batch = 100;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    GenerateCommand() {
    }

    /**
     * Reads the arguments after {@code generate}.
     *
     * @throws ParameterException for a missing or malformed option
     */
    public static Invocation parse(List<String> args) {
        return CommandLines.parse(new GenerateCommand(), args).invocation();
    }

    /** The checked command line. */
    Invocation invocation() {
        CommandLines.practicePin(spec, practice);
        if (patients < 1) {
            throw new ParameterException(spec.commandLine(), "generate needs --patients N (at least 1)");
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch needs at least 1");
        }
        return new Invocation(practice, patients, seed, batch, database.url(), database.user(), database.password());
    }

    @Override
    public Integer call() {
        return run(invocation(), System.out, System.err);
    }

    /** Runs the generation; returns the exit code. */
    public static int run(Invocation invocation, PrintStream out, PrintStream err) {
        SampleEhrOptions options = SampleEhrOptions.defaults()
                .withDatabase(invocation.dbUrl(), invocation.dbUser(), invocation.dbPassword());
        try (EhrDatabase database = EhrDatabase.open(batchedInserts(options.effectiveJdbcUrl()), options.dbUser(),
                options.dbPassword())) {
            SeedData.seedIfEmpty(database.jdbi());
            Result result = generate(database.jdbi(), invocation, out);
            out.printf("generated %,d patients, %,d resources in %s (%,.0f resources/s)%n", result.patients(),
                    result.resources(), format(result.elapsed()), result.resourcesPerSecond());
            return 0;
        } catch (ImportException | IllegalStateException e) {
            err.println("generate failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Generates the invocation's patients into the practice through {@code importer}, printing progress to
     * {@code out} at most every 5 seconds.
     *
     * @throws IllegalStateException when the practice already holds generated patients of this generator
     */
    public static Result generate(Jdbi jdbi, Invocation invocation, PrintStream out) {
        boolean generatedBefore = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient p JOIN practice r"
                        + " ON r.id = p.practice_id WHERE r.pin = :pin AND p.public_id = :id")
                .bind("pin", invocation.practice())
                .bind("id", PracticeGenerator.patientId(invocation.practice(), 0))
                .mapTo(Integer.class).one()) > 0;
        if (generatedBefore) {
            throw new IllegalStateException("practice " + invocation.practice() + " already holds generated patients"
                    + " (ids gen-" + invocation.practice() + "-N); use another practice or database");
        }
        BundleImporter importer = new BundleImporter(jdbi);
        PracticeGenerator generator = new PracticeGenerator(invocation.practice(), invocation.seed());
        importer.importBundle(invocation.practice(), generator.directory(), "directory");
        long started = System.nanoTime();
        long lastProgress = started;
        long resources = 0;
        // Records are made on another thread while the previous chunk is written: HAPI copying and the database
        // then overlap.
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(2);
        Thread maker = new Thread(() -> makeChunks(generator, invocation, chunks), "generate-records");
        maker.setDaemon(true);
        maker.start();
        try (BundleImporter.BulkSession session = importer.bulkSession()) {
            while (true) {
                Chunk chunk = chunks.take();
                if (chunk.bundle() == null) {
                    break;
                }
                resources += chunk.resources();
                session.importNew(invocation.practice(), chunk.bundle(),
                        "patients " + chunk.first() + "-" + (chunk.end() - 1));
                long now = System.nanoTime();
                int end = chunk.end();
                if (now - lastProgress >= PROGRESS_EVERY_NANOS && end < invocation.patients()) {
                    lastProgress = now;
                    double seconds = (now - started) / 1e9;
                    double rate = resources / seconds;
                    long etaSeconds = Math.round(seconds / end * (invocation.patients() - end));
                    out.printf("%,d/%,d patients, %,d resources, %,.0f resources/s, ETA %s%n", end,
                            invocation.patients(), resources, rate, format(Duration.ofSeconds(etaSeconds)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            maker.interrupt();
        }
        // Fresh statistics, or the planner keeps planning for the empty tables it last saw (until autovacuum, if
        // it runs, gets to them) and searches scan the practice instead of using the patient's index.
        jdbi.useHandle(h -> h.execute("ANALYZE"));
        return new Result(invocation.patients(), resources, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Patients {@code first} to {@code end - 1} in one Bundle; a null bundle ends the stream. */
    private record Chunk(int first, int end, Bundle bundle, int resources) {
    }

    private static void makeChunks(PracticeGenerator generator, Invocation invocation, BlockingQueue<Chunk> chunks) {
        try {
            for (int first = 0; first < invocation.patients(); first += invocation.batch()) {
                int end = Math.min(invocation.patients(), first + invocation.batch());
                Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
                int resources = 0;
                for (int i = first; i < end; i++) {
                    resources += generator.addPatient(bundle, i);
                }
                chunks.put(new Chunk(first, end, bundle, resources));
            }
            chunks.put(new Chunk(0, 0, null, 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PostgreSQL's driver sends a batch as multi-row INSERTs only when asked: about 3x faster loads. */
    static String batchedInserts(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:") || jdbcUrl.contains("reWriteBatchedInserts")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    private static String format(Duration d) {
        return String.format("%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }
}
