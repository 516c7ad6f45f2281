package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.jdbi.v3.core.Handle;

/**
 * Reads and searches the types served from {@link ResourceTable}s: the practice restriction, the search
 * conditions, keyset paging across a type's tables, and loading child rows, once for all tables.
 */
final class TableQueries {

    private static final String PRACTICE = "r.practice_id = (SELECT pr.id FROM practice pr WHERE pr.pin = :practice)";

    private final Map<String, List<ResourceTable>> tablesByType = new LinkedHashMap<>();

    TableQueries(List<ResourceTable> tables) {
        for (ResourceTable table : tables) {
            tablesByType.computeIfAbsent(table.resourceType(), t -> new ArrayList<>()).add(table);
        }
    }

    Map<String, List<ResourceTable>> tablesByType() {
        return tablesByType;
    }

    boolean serves(String resourceType) {
        return tablesByType.containsKey(resourceType);
    }

    Optional<Resource> read(Handle handle, String practice, String resourceType, String id) {
        for (ResourceTable table : tablesByType.getOrDefault(resourceType, List.of())) {
            List<Map<String, Object>> rows = handle.createQuery("SELECT " + table.columns() + " FROM " + table.from()
                            + " WHERE " + PRACTICE + " AND r.public_id = :id")
                    .bind("practice", practice)
                    .bind("id", id)
                    .mapToMap()
                    .list();
            if (!rows.isEmpty()) {
                return Optional.of(toFhir(table, withChildren(handle, table, rows).get(0)));
            }
        }
        return Optional.empty();
    }

    SearchPage search(Handle handle, String practice, SearchRequest request) {
        List<ResourceTable> tables = tablesByType.get(request.resourceType());
        TableCursor cursor = request.cursorIfAny()
                .map(c -> TableCursor.parse(c, tables.size()))
                .orElse(TableCursor.START);
        rejectUnknownParameters(tables, request);
        List<Resource> page = new ArrayList<>();
        TableCursor last = null;
        boolean more = false;
        for (int t = cursor.table(); t < tables.size() && !more; t++) {
            ResourceTable table = tables.get(t);
            long afterId = t == cursor.table() ? cursor.afterId() : 0;
            int room = request.pageSize() - page.size();
            // One row more than fits tells whether there is a next page (also when this page is already full).
            List<TableRow> rows = searchTable(handle, practice, table, request.criteria(), afterId,
                    room + 1);
            for (int i = 0; i < rows.size() && i < room; i++) {
                page.add(toFhir(table, rows.get(i)));
                last = new TableCursor(t, rows.get(i).id());
            }
            more = rows.size() > room;
        }
        return new SearchPage(page, more ? last.text() : null);
    }

    /** The table's mapping, with {@code meta.lastUpdated} from the row. */
    private static Resource toFhir(ResourceTable table, TableRow row) {
        return LastUpdated.apply(table.toFhir(row), row.object(LastUpdated.COLUMN));
    }

    /** The number of the practice's rows of the type's tables that match every criterion. */
    long count(Handle handle, String practice, SearchRequest request) {
        List<ResourceTable> tables = tablesByType.get(request.resourceType());
        rejectUnknownParameters(tables, request);
        long total = 0;
        for (ResourceTable table : tables) {
            SqlConditions where = conditions(table, request.criteria());
            if (where.neverTrue()) {
                continue;
            }
            total += handle.createQuery("SELECT COUNT(*) FROM " + table.from() + " WHERE " + PRACTICE + " AND "
                            + where.sql())
                    .bindMap(where.bindings())
                    .bind("practice", practice)
                    .mapTo(Long.class)
                    .one();
        }
        return total;
    }

    private static SqlConditions conditions(ResourceTable table, List<SearchCriterion> criteria) {
        SqlConditions where = new SqlConditions(table.mainTable());
        for (SearchCriterion criterion : criteria) {
            where.and(table.search().condition(where, criterion));
        }
        return where;
    }

    private List<TableRow> searchTable(Handle handle, String practice, ResourceTable table,
            List<SearchCriterion> criteria, long afterId, int limit) {
        SqlConditions where = conditions(table, criteria);
        if (where.neverTrue()) {
            // e.g. category=laboratory on the vital-sign table: no row can match, so no query.
            return List.of();
        }
        List<Map<String, Object>> rows = handle.createQuery("SELECT " + table.columns() + " FROM " + table.from()
                        + " WHERE " + PRACTICE + " AND " + where.sql() + " AND r.id > :afterId ORDER BY r.id"
                        + " LIMIT :limit")
                .bindMap(where.bindings())
                .bind("practice", practice)
                .bind("afterId", afterId)
                .bind("limit", limit)
                .mapToMap()
                .list();
        return withChildren(handle, table, rows);
    }

    /** A parameter no table of the type knows is the caller's error, not "no match". */
    private static void rejectUnknownParameters(List<ResourceTable> tables, SearchRequest request) {
        for (SearchCriterion criterion : request.criteria()) {
            if (tables.stream().noneMatch(t -> t.search().supports(criterion.parameter()))) {
                throw AdapterException.unsupportedSearch(request.resourceType() + " has no search parameter '"
                        + criterion.parameter() + "' in this EHR");
            }
        }
    }

    private static List<TableRow> withChildren(Handle handle, ResourceTable table,
            List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        Map<Long, Map<String, List<TableRow>>> childrenById = new HashMap<>();
        for (ResourceTable.ChildTable child : table.children()) {
            // Table and column names are constants of the ResourceTable, never request input. The ids go in one
            // array parameter, so the SQL text is the same for any page size and the database's statement
            // cache (H2's query cache, PostgreSQL's prepared statements) reuses its plan.
            List<Map<String, Object>> childRows = handle.createQuery("SELECT * FROM " + child.table() + " WHERE "
                            + child.parentColumn() + " = ANY(:ids) ORDER BY id")
                    .bindArray("ids", Long.class, ids)
                    .mapToMap()
                    .list();
            Map<Long, Map<String, List<TableRow>>> childCodes = additionalCodes(handle,
                    child.table(), childRows);
            childRows.forEach(c -> childrenById
                    .computeIfAbsent(((Number) c.get(child.parentColumn())).longValue(), k -> new HashMap<>())
                    .computeIfAbsent(child.name(), k -> new ArrayList<>())
                    .add(new TableRow(c, Map.of(),
                            childCodes.getOrDefault(((Number) c.get("id")).longValue(), Map.of()))));
        }
        Map<Long, Map<String, List<TableRow>>> codes = additionalCodes(handle,
                table.mainTable(), rows);
        return rows.stream()
                .map(r -> {
                    long id = ((Number) r.get("id")).longValue();
                    return new TableRow(r, childrenById.getOrDefault(id, Map.of()), codes.getOrDefault(id, Map.of()));
                })
                .toList();
    }

    /** The {@code additional_code} rows of a page of {@code table}'s rows: by row id, then by field. */
    private static Map<Long, Map<String, List<TableRow>>> additionalCodes(Handle handle,
            String table, List<Map<String, Object>> rows) {
        if (rows.isEmpty() || !rows.get(0).containsKey("id")) {
            return Map.of();
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        Map<Long, Map<String, List<TableRow>>> byId = new HashMap<>();
        handle.createQuery("SELECT * FROM additional_code WHERE owner_table = :table AND owner_id = ANY(:ids)"
                        + " ORDER BY id")
                .bind("table", table)
                .bindArray("ids", Long.class, ids)
                .mapToMap()
                .forEach(c -> byId.computeIfAbsent(((Number) c.get("owner_id")).longValue(), k -> new HashMap<>())
                        .computeIfAbsent((String) c.get("field"), k -> new ArrayList<>())
                        .add(new TableRow(c, Map.of())));
        return byId;
    }
}
