package dev.fhirgateway.sample.fhirimport;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import dev.fhirgateway.sample.adapter.schema.PracticeColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads FHIR Bundles (transaction, batch or collection) into the EHR's own tables of one practice, creating the
 * practice when it is new. Each Bundle is one database transaction: it is imported whole or not at all.
 * Resources keep the ids the Bundle gives them (or the UUID of their {@code urn:uuid:} full URL); a resource
 * whose id the practice already holds is left as it is, so importing a file twice changes nothing.
 */
public final class BundleImporter {

    private static final Logger LOG = LoggerFactory.getLogger(BundleImporter.class);
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** Elements no importer needs to keep: the id is the row's public id, meta and narrative are regenerated. */
    private static final Set<String> ALWAYS_MAPPED = Set.of("id", "meta", "text");

    private final Jdbi jdbi;
    private final List<ResourceImporter> importers;

    public BundleImporter(Jdbi jdbi) {
        this(jdbi, ResourceImporters.all());
    }

    BundleImporter(Jdbi jdbi, List<ResourceImporter> importers) {
        this.jdbi = jdbi;
        this.importers = importers;
    }

    /**
     * Imports each file (one transaction per file) and returns what each import did.
     *
     * @throws ImportException for an unreadable file or a Bundle that cannot be imported; files before it stay
     *     imported
     */
    public List<ImportReport> importFiles(String practicePin, List<Path> files) {
        List<ImportReport> reports = new ArrayList<>();
        for (Path file : files) {
            reports.add(importBundle(practicePin, read(file), file.getFileName().toString()));
        }
        return reports;
    }

    /**
     * Reads a file as a Bundle: a Bundle, or one resource of a type the EHR keeps (a collection of one).
     *
     * @throws ImportException in one line naming the file and, for malformed JSON, the line and column
     */
    Bundle read(Path file) {
        String name = file.getFileName().toString();
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImportException(name + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonSyntax.check(name, json);
        IBaseResource parsed;
        try {
            parsed = FHIR.newJsonParser().parseResource(json);
        } catch (DataFormatException e) {
            // HAPI's first line says what is wrong with the structure (no values); the rest may quote the file.
            throw new ImportException(name + ": not a FHIR resource: " + firstLine(e.getMessage()));
        }
        if (parsed instanceof Bundle bundle) {
            return bundle;
        }
        Resource resource = (Resource) parsed;
        boolean kept = importers.stream().anyMatch(i -> i.resourceType().equals(resource.fhirType()));
        if (!kept) {
            throw new ImportException(name + ": a " + resource.fhirType() + ", neither a Bundle nor a resource the EHR"
                    + " keeps; nothing imported");
        }
        Bundle single = new Bundle().setType(Bundle.BundleType.COLLECTION);
        single.addEntry().setResource(resource);
        return single;
    }

    /**
     * Imports one Bundle in one transaction.
     *
     * @param source a name for the report (a file name)
     * @throws ImportException when an entry cannot be kept; nothing of the Bundle is then kept
     */
    public ImportReport importBundle(String practicePin, Bundle bundle, String source) {
        return importBundle(practicePin, bundle, source, null);
    }

    /**
     * A bulk load of records new to the practice (a generator's output): rows go in JDBC batches with ids
     * allocated ahead, and no resource is first looked up to be left unchanged. The database must have no other
     * writer until the session is closed.
     */
    public BulkSession bulkSession() {
        return new BulkSession();
    }

    /** See {@link #bulkSession()}. */
    public final class BulkSession implements AutoCloseable {

        private final BulkRows rows = new BulkRows();

        private BulkSession() {
        }

        /**
         * Imports one Bundle of resources whose ids the practice does not hold, in one transaction.
         *
         * @throws ImportException when an entry cannot be kept, or an id is already taken; nothing of the Bundle
         *     is then kept
         */
        public ImportReport importNew(String practicePin, Bundle bundle, String source) {
            try {
                return importBundle(practicePin, bundle, source, rows);
            } finally {
                restartIdentities();
            }
        }

        private void restartIdentities() {
            jdbi.useHandle(rows::restartIdentities);
        }

        @Override
        public void close() {
            restartIdentities();
        }
    }

    private ImportReport importBundle(String practicePin, Bundle bundle, String source, BulkRows bulk) {
        ImportReport report = new ImportReport(source);
        long started = System.nanoTime();
        try {
            jdbi.useTransaction(handle -> {
                long practiceId = practiceId(handle, practicePin);
                Map<String, String> tableByType = new HashMap<>();
                importers.forEach(i -> tableByType.put(i.resourceType(), i.table()));
                Map<String, String> targetByFullUrl = new HashMap<>();
                Map<String, List<Resource>> byType = new LinkedHashMap<>();
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    Resource resource = entry.getResource();
                    if (resource == null) {
                        continue;
                    }
                    // HAPI's parser gives a resource without id its entry's fullUrl; urn:uuid:X keeps X as id.
                    String id = resource.getIdElement().getIdPart();
                    if (id == null || id.isEmpty() || id.startsWith("urn:")) {
                        String fullUrl = entry.getFullUrl();
                        // Without a urn:uuid, the id comes from the content: a re-run finds the same resource again
                        // instead of adding a copy under a new random id.
                        resource.setId(fullUrl != null && fullUrl.startsWith("urn:uuid:")
                                ? fullUrl.substring("urn:uuid:".length()) : contentId(resource));
                    }
                    String target = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
                    if (entry.hasFullUrl()) {
                        targetByFullUrl.put(entry.getFullUrl(), target);
                    }
                    byType.computeIfAbsent(resource.fhirType(), t -> new ArrayList<>()).add(resource);
                }
                ImportContext context = bulk == null
                        ? new ImportContext(handle, practiceId, targetByFullUrl, tableByType, report)
                        : new ImportContext(handle, practiceId, targetByFullUrl, tableByType, report,
                                bulk.writerFor(handle), true);
                List<String> refused = new ArrayList<>();
                int savepoints = 0;
                for (ResourceImporter importer : importers) {
                    for (Resource resource : byType.getOrDefault(importer.resourceType(), List.of())) {
                        context.startResource(resource);
                        String ref = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
                        if (context.exists(importer.resourceType(), resource.getIdElement().getIdPart())) {
                            report.skipped(ref, "already in the EHR; left unchanged");
                            continue;
                        }
                        // A savepoint per resource: a refused one is undone alone, so the import goes on and reports
                        // every refusal of the file at once (the file is then rolled back as a whole). A bulk load
                        // batches rows and has nothing to undo: it stops at the first refusal.
                        String savepoint = "r" + (savepoints++);
                        if (bulk == null) {
                            handle.savepoint(savepoint);
                        }
                        try {
                            reportUnmappedElements(context, importer, resource);
                            importer.importResource(context, resource);
                        } catch (RuntimeException e) {
                            // "Type/id: reason", whether or not the importer's message named the resource itself.
                            String reason = refusal(e);
                            String line = ref + ": " + (reason.startsWith(ref + " ")
                                    ? reason.substring(ref.length() + 1) : reason);
                            if (bulk != null) {
                                throw new ImportException(line);
                            }
                            handle.rollbackToSavepoint(savepoint);
                            context.forgetCurrent();
                            refused.add(line);
                            continue;
                        }
                        if (bulk == null) {
                            handle.releaseSavepoint(savepoint);
                        }
                        if (context.notKeptReason() != null) {
                            report.skipped(ref, context.notKeptReason());
                        } else {
                            report.imported(importer.resourceType());
                        }
                    }
                    if (bulk != null) {
                        // A type's rows are in the database before the types that refer to them are written.
                        bulk.flush();
                    }
                }
                if (!refused.isEmpty()) {
                    throw new ImportException(source + " was refused, nothing of it was kept: " + refused.size()
                            + " of its resources could not be imported: " + String.join("; ", refused), refused);
                }
                byType.forEach((type, resources) -> {
                    if (!tableByType.containsKey(type)) {
                        resources.forEach(r -> report.skipped(type + "/" + r.getIdElement().getIdPart(),
                                "the EHR keeps no " + type));
                    }
                });
            });
        } catch (ImportException e) {
            throw e;
        } catch (JdbiException e) {
            // The cause is not chained: Jdbi's message quotes the statement's arguments, which may be PHI.
            throw new ImportException(source + " could not be imported, nothing of it was kept: " + rootMessage(e));
        } catch (RuntimeException e) {
            throw new ImportException(source + " could not be imported, nothing of it was kept: " + refusal(e));
        }
        if (bulk == null || LOG.isDebugEnabled()) {
            // A bulk load reports its progress itself; a line per chunk would bury it.
            String line = "imported {} resources from {} into practice {} in {} ms ({} skipped, {} elements not mapped)";
            Object[] values = {report.importedCount(), source, practicePin, (System.nanoTime() - started) / 1_000_000,
                report.skipped().size(), report.notMapped().size()};
            if (bulk == null) {
                LOG.info(line, values);
            } else {
                LOG.debug(line, values);
            }
        }
        return report;
    }

    private static long practiceId(org.jdbi.v3.core.Handle handle, String pin) {
        return handle.createQuery("SELECT " + PracticeColumns.ID + " FROM " + PracticeColumns.TABLE + " WHERE "
                + PracticeColumns.PIN
                        + " = :pin")
                .bind("pin", pin)
                .mapTo(Long.class)
                .findOne()
                .orElseGet(() -> handle.createUpdate("INSERT INTO " + PracticeColumns.TABLE + " ("
                        + PracticeColumns.PIN + ", " + PracticeColumns.NAME + ") VALUES (:pin, :name)")
                        .bind("pin", pin)
                        .bind("name", "Practice " + pin)
                        .executeAndReturnGeneratedKeys(PracticeColumns.ID)
                        .mapTo(Long.class)
                        .one());
    }

    private static void reportUnmappedElements(ImportContext context, ResourceImporter importer, Resource resource) {
        Set<String> mapped = importer.mappedElements();
        for (BaseRuntimeChildDefinition child : FHIR.getResourceDefinition(resource).getChildren()) {
            String name = child.getElementName();
            if (!ALWAYS_MAPPED.contains(name) && !mapped.contains(name)
                    && !child.getAccessor().getValues(resource).isEmpty()) {
                context.notMapped(name, null);
            }
        }
    }

    /**
     * Why a resource was refused, in words fit for the report: an importer's own reason, the constraint the
     * database named, or for anything else (a mapping the EHR lacks) the exception's type and where it arose;
     * never the exception's message, which may quote the record's values.
     */
    private static String refusal(RuntimeException e) {
        if (e instanceof ImportException) {
            return e.getMessage();
        }
        if (e instanceof JdbiException) {
            String message = rootMessage(e);
            // The one refusal valid FHIR runs into: two patients of a practice under one MRN.
            if (message.contains("UQ_PATIENT_PRACTICE_MRN")) {
                return "its MRN is already another patient's in this practice (UQ_PATIENT_PRACTICE_MRN)";
            }
            return "the database refused it: " + message;
        }
        StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        return "could not be mapped to the EHR's tables (" + e.getClass().getSimpleName()
                + (at == null ? "" : " at " + at.getFileName() + ":" + at.getLineNumber()) + ")";
    }

    /** A stable id for a resource the Bundle gives none: a name-based UUID of its type and content. */
    private static String contentId(Resource resource) {
        String content = resource.fhirType() + FHIR.newJsonParser().encodeResourceToString(resource);
        return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A constraint name as the schema's migrations spell them, e.g. {@code UQ_PATIENT_PRACTICE_MRN}. */
    private static final Pattern CONSTRAINT =
            Pattern.compile("\\b(?:UQ|FK|PK|CK|IDX)_[A-Z0-9_]+\\b", Pattern.CASE_INSENSITIVE);

    /**
     * What a database error may say in a report: its SQLSTATE and the constraint it names. Never the driver's text:
     * H2 and PostgreSQL quote the offending row's values (names, MRNs, dates) in different places.
     */
    private static String rootMessage(Throwable e) {
        SQLException sql = null;
        Throwable root = e;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException found && sql == null) {
                sql = found;
            }
            root = t;
        }
        StringBuilder out = new StringBuilder(root.getClass().getSimpleName());
        if (sql != null && sql.getSQLState() != null) {
            out.append(", SQLSTATE ").append(sql.getSQLState());
        }
        Matcher constraint = CONSTRAINT.matcher(String.valueOf(root.getMessage()));
        if (constraint.find()) {
            out.append(", constraint ").append(constraint.group().toUpperCase(Locale.ROOT));
        }
        return out.toString();
    }
}
