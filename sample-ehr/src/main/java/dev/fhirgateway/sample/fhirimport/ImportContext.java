package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.RowWriter;
import dev.fhirgateway.sample.adapter.schema.AdditionalCodeColumns;
import dev.fhirgateway.sample.adapter.schema.CommonColumns;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jdbi.v3.core.Handle;

/**
 * What an importer needs while one Bundle is written: the open transaction, the practice, the Bundle's own
 * {@code fullUrl}s (so {@code urn:uuid:} references resolve), and the report of what could not be mapped.
 */
public final class ImportContext {

    private final Handle handle;
    private final long practiceId;
    private final Map<String, String> targetByFullUrl;
    private final Map<String, String> tableByType;
    private final ImportReport report;
    private final RowWriter rows;
    private final boolean newRecordsOnly;
    private final Map<String, Optional<Long>> resolved = new HashMap<>();
    /** Further codings of coded fields, by the column map of the row they belong to (until it is inserted). */
    private final Map<Map<String, Object>, List<PendingCodes>> pendingCodes = new IdentityHashMap<>();

    private record PendingCodes(String field, List<Coding> codings, String element) {
    }
    private String current;
    private String currentType;
    private String notKeptReason;

    ImportContext(Handle handle, long practiceId, Map<String, String> targetByFullUrl, Map<String, String> tableByType,
            ImportReport report) {
        this(handle, practiceId, targetByFullUrl, tableByType, report, RowWriter.immediate(handle), false);
    }

    /**
     * @param rows where rows go (at once, or batched)
     * @param newRecordsOnly the caller guarantees no resource is in the practice yet (a bulk load of fresh ids):
     *     no look-up per resource to leave existing ones unchanged
     */
    ImportContext(Handle handle, long practiceId, Map<String, String> targetByFullUrl, Map<String, String> tableByType,
            ImportReport report, RowWriter rows, boolean newRecordsOnly) {
        this.rows = rows;
        this.newRecordsOnly = newRecordsOnly;
        this.handle = handle;
        this.practiceId = practiceId;
        this.targetByFullUrl = targetByFullUrl;
        this.tableByType = tableByType;
        this.report = report;
    }

    /** The internal id of the practice being imported into. */
    public long practiceId() {
        return practiceId;
    }

    /** The open transaction, for importers that write through existing EHR code. */
    public Handle handle() {
        return handle;
    }

    /** Where this import's rows go: pass it to EHR code that writes rows (e.g. the patient registry). */
    public RowWriter rows() {
        return rows;
    }

    /**
     * Inserts a row and returns its {@code id}. Column names are the importer's constants; values are bound. The
     * row of the current resource itself (its {@code public_id}) is remembered, so references to it resolve
     * without asking the database.
     */
    public long insert(String table, Map<String, Object> columns) {
        long id = rows.insert(table, columns);
        for (PendingCodes pending : pendingCodes.getOrDefault(columns, List.of())) {
            for (Coding coding : pending.codings()) {
                Map<String, Object> code = new java.util.LinkedHashMap<>();
                code.put(AdditionalCodeColumns.OWNER_TABLE, table);
                code.put(AdditionalCodeColumns.OWNER_ID, id);
                code.put(AdditionalCodeColumns.FIELD, pending.field());
                code.put(AdditionalCodeColumns.CODE_SYSTEM, coding.getSystem());
                code.put(AdditionalCodeColumns.CODE, coding.getCode());
                code.put(AdditionalCodeColumns.DISPLAY, coding.getDisplay());
                rows.insert(AdditionalCodeColumns.TABLE, code);
            }
        }
        pendingCodes.remove(columns);
        if (current != null && current.equals(currentType + "/" + columns.get(CommonColumns.PUBLIC_ID))) {
            resolved.put(current, Optional.of(id));
        }
        return id;
    }

    /** Inserts a row into a table without an identity column. */
    public void insertWithoutId(String table, Map<String, Object> columns) {
        rows.insertWithoutId(table, columns);
        // A row without an id cannot own further codes.
        pendingCodes.getOrDefault(columns, List.of())
                .forEach(p -> notMapped(p.element() + ".coding", "only the first coding is kept"));
        pendingCodes.remove(columns);
    }

    /**
     * Keeps further codings of the coded field {@code field} of the row whose columns are {@code row}: they are
     * written to {@code additional_code} when that row is inserted.
     */
    void additionalCodes(Map<String, Object> row, String field, List<Coding> codings, String element) {
        pendingCodes.computeIfAbsent(row, r -> new java.util.ArrayList<>())
                .add(new PendingCodes(field, List.copyOf(codings), element));
    }

    /** A new column map for a row of this practice with the resource's public id. */
    public Map<String, Object> row(Resource resource) {
        Map<String, Object> columns = new java.util.LinkedHashMap<>();
        columns.put(CommonColumns.PRACTICE_ID, practiceId);
        columns.put(CommonColumns.PUBLIC_ID, resource.getIdElement().getIdPart());
        return columns;
    }

    /**
     * The internal id of the {@code type} row a reference points to, in this practice; null when the reference is
     * empty. A reference to another type, or to something the EHR does not hold, is reported as not mapped and
     * gives null.
     */
    public Long internalId(Reference reference, String element, String type) {
        String target = target(reference);
        if (target == null) {
            return null;
        }
        if (!target.startsWith(type + "/")) {
            notMapped(element, "refers to a " + target.substring(0, Math.max(0, target.indexOf('/')))
                    + "; the EHR records a " + type + " here");
            return null;
        }
        Optional<Long> id = resolved.computeIfAbsent(target, this::lookUp);
        if (id.isEmpty()) {
            notMapped(element, "refers to " + target + ", which the EHR does not hold");
        }
        return id.orElse(null);
    }

    /**
     * Whether a reference kept as {@code Type/id} text (no foreign key) points at something the practice holds; when
     * it does not, it is reported as not mapped under {@code element} and should be left out, so that no served
     * reference dangles. A bulk load of generated records is trusted (no look-up per reference).
     */
    public boolean holdsOrReport(String target, String element) {
        if (newRecordsOnly || target == null) {
            return target != null;
        }
        if (resolved.computeIfAbsent(target, this::lookUp).isPresent()) {
            return true;
        }
        notMapped(element, "refers to " + target + ", which the EHR does not hold; left out");
        return false;
    }

    /** {@code Type/id} of a reference, resolving the Bundle's {@code urn:uuid:} full URLs; null when empty. */
    public String target(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        String ref = reference.getReference();
        if (targetByFullUrl.containsKey(ref)) {
            return targetByFullUrl.get(ref);
        }
        String[] parts = ref.split("/");
        if (parts.length >= 2) {
            return parts[parts.length - 2] + "/" + parts[parts.length - 1];
        }
        return ref;
    }

    /**
     * Declares that the current resource is not kept at all (nothing was written for it): the import reports it as
     * skipped, with the reason, instead of imported.
     */
    public void notKept(String why) {
        notKeptReason = why;
    }

    /** The reason the current resource was not kept, or null when it was. */
    String notKeptReason() {
        return notKeptReason;
    }

    /** Reports an element of the current resource that is present but not kept. */
    public void notMapped(String element, String why) {
        report.notMapped(current, element, why);
    }

    /**
     * Forgets the rows of the current resource after they were rolled back: references to it no longer resolve
     * (they are reported as dangling, not pointed at a row that is gone).
     */
    void forgetCurrent() {
        if (current != null) {
            resolved.put(current, Optional.empty());
        }
    }

    void startResource(Resource resource) {
        currentType = resource.fhirType();
        current = currentType + "/" + resource.getIdElement().getIdPart();
        notKeptReason = null;
    }

    /** Whether a row of {@code type} with this public id is already in the practice. */
    boolean exists(String type, String publicId) {
        if (newRecordsOnly) {
            return false;
        }
        return lookUp(type + "/" + publicId).isPresent();
    }

    private Optional<Long> lookUp(String target) {
        int slash = target.indexOf('/');
        String table = slash < 0 ? null : tableByType.get(target.substring(0, slash));
        if (table == null) {
            return Optional.empty();
        }
        return handle.createQuery("SELECT " + CommonColumns.ID + " FROM " + table + " WHERE "
                + CommonColumns.PRACTICE_ID
                        + " = :practice AND " + CommonColumns.PUBLIC_ID + " = :id")
                .bind("practice", practiceId)
                .bind("id", target.substring(slash + 1))
                .mapTo(Long.class)
                .findOne();
    }
}
