package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SeedData;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code java -jar sample-ehr.jar import --practice PIN [db options] FILE.json...}: loads FHIR Bundles into the
 * EHR's tables of a practice (created if new), prints what was imported and what could not be mapped, and exits.
 * A database without any practice gets the demo data first, as {@code serve} would.
 */
public final class ImportCommand {

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar sample-ehr.jar import --practice PIN [db options] FILE.json...",
            "  Loads FHIR Bundles (transaction, batch or collection) into the practice's records (practice created"
                    + " if new).",
            "  Each file is one transaction: imported whole or not at all. Ids in the Bundle are kept; resources the"
                    + " practice already has are left unchanged.",
            "  db options: --db JDBC_URL, --db-user USER, --db-password PASSWORD"
                    + " (default: H2 in ./.sample-ehr; stop the EHR first)");

    /** A parsed command line. */
    public record Invocation(String practice, String dbUrl, String dbUser, String dbPassword, List<Path> files) {
    }

    private ImportCommand() {
    }

    /**
     * Reads the arguments after {@code import}.
     *
     * @throws IllegalArgumentException for a missing practice or file, or an unknown option
     */
    public static Invocation parse(List<String> args) {
        String practice = null;
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        List<Path> files = new ArrayList<>();
        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String arg = it.next();
            switch (arg) {
                case "--practice" -> practice = value(arg, it);
                case "--db" -> dbUrl = value(arg, it);
                case "--db-user" -> dbUser = value(arg, it);
                case "--db-password" -> dbPassword = value(arg, it);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("Unknown option: " + arg);
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (practice == null || !practice.matches("[A-Za-z0-9-]{1,16}")) {
            throw new IllegalArgumentException("import needs --practice PIN (letters, digits or '-', at most 16)");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("import needs at least one Bundle file");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
        }
        return new Invocation(practice, dbUrl, dbUser, dbPassword, List.copyOf(files));
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

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }
}
