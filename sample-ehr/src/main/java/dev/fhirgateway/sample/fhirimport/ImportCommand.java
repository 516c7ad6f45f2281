package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.CommandLines;
import dev.fhirgateway.sample.DatabaseOptions;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SeedData;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar sample-ehr.jar import --practice PIN [db options] FILE.json...}: loads FHIR Bundles into the
 * EHR's tables of a practice (created if new), prints what was imported and what could not be mapped, and exits.
 * A database without any practice gets the demo data first, as {@code serve} would.
 */
@Command(name = "import", description = {
    "Loads FHIR Bundles (transaction, batch or collection) into the practice's records (practice created if new).",
    "Each file is one transaction: imported whole or not at all. Ids in the Bundle are kept; resources the practice"
            + " already has are left unchanged."})
public final class ImportCommand implements Callable<Integer> {

    /** A parsed command line. */
    public record Invocation(String practice, String dbUrl, String dbUser, String dbPassword, List<Path> files) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--practice", paramLabel = "PIN", required = true,
            description = "the practice (letters, digits or '-', at most 16)")
    String practice;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    // Checked in invocation(), not by arity, so the message says what to give rather than a parameter label.
    @Parameters(paramLabel = "FILE.json", arity = "0..*", description = "FHIR Bundle files (at least one)")
    List<Path> files = new ArrayList<>();

    ImportCommand() {
    }

    /**
     * Reads the arguments after {@code import}.
     *
     * @throws ParameterException for a missing practice or file, or an unknown option
     */
    public static Invocation parse(List<String> args) {
        return CommandLines.parse(new ImportCommand(), args).invocation();
    }

    /** The checked command line. */
    Invocation invocation() {
        CommandLines.practicePin(spec, practice);
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one Bundle file (FILE.json) to import");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "no such file: " + file);
            }
        }
        return new Invocation(practice, database.url(), database.user(), database.password(), List.copyOf(files));
    }

    @Override
    public Integer call() {
        return run(invocation(), System.out, System.err);
    }

    /**
     * Runs the import: every file is tried, each in its own transaction. Returns the exit code: 0 when every file
     * was imported, 1 when one or more were refused (each refusal is printed to {@code err}: the file, and each
     * resource refused with its reason).
     */
    public static int run(Invocation invocation, PrintStream out, PrintStream err) {
        SampleEhrOptions options = SampleEhrOptions.defaults()
                .withDatabase(invocation.dbUrl(), invocation.dbUser(), invocation.dbPassword());
        try (EhrDatabase database = EhrDatabase.open(options.effectiveJdbcUrl(), options.dbUser(),
                options.dbPassword())) {
            SeedData.seedIfEmpty(database.jdbi());
            BundleImporter importer = new BundleImporter(database.jdbi());
            int refusedFiles = 0;
            for (Path file : invocation.files()) {
                try {
                    out.println(importer.importFiles(invocation.practice(), List.of(file)).get(0).summary());
                } catch (ImportException e) {
                    refusedFiles++;
                    if (e.refused().isEmpty()) {
                        err.println("import refused: " + e.getMessage());
                    } else {
                        err.println("import refused: " + file.getFileName() + ": nothing of it was kept; "
                                + e.refused().size() + " resources could not be imported:");
                        e.refused().forEach(r -> err.println("    " + r));
                    }
                }
            }
            if (refusedFiles > 0) {
                err.println(refusedFiles + " of " + invocation.files().size() + " files refused");
                return 1;
            }
            return 0;
        }
    }
}
