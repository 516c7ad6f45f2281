package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.adapter.schema.AdditionalCodeColumns;
import dev.fhirgateway.sample.adapter.schema.CommonColumns;
import dev.fhirgateway.sample.adapter.schema.PracticeColumns;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Resource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads and searches the types served from {@link ResourceTable}s: the practice restriction, the search
 * conditions, keyset paging across a type's tables, and loading child rows, once for all tables.
 */
final class TableQueries {

    private static final String PRACTICE = "r." + CommonColumns.PRACTICE_ID + " = (SELECT pr." + PracticeColumns.ID
            + " FROM " + PracticeColumns.TABLE + " pr WHERE pr." + PracticeColumns.PIN + " = :practice)";

    /** A child table given by name (not a subquery): its rows' existence can be flagged in the main query. */
    private static final Pattern PLAIN_TABLE = Pattern.compile("[a-z_][a-z0-9_]*");
    /** The flag column saying whether a row owns {@code additional_code} rows. */
    private static final String CODES_FLAG = "x_has_codes";

    private final Map<String, List<ResourceTable>> tablesByType = new LinkedHashMap<>();
    private final Map<ResourceTable, String> selectLists = new IdentityHashMap<>();
    private final Map<ResourceTable, CountFrom> countFroms = new IdentityHashMap<>();
    private final Map<ResourceTable, List<ChildQuery>> childQueries = new IdentityHashMap<>();

    TableQueries(List<ResourceTable> tables) {
        for (ResourceTable table : tables) {
            tablesByType.computeIfAbsent(table.resourceType(), t -> new ArrayList<>()).add(table);
            List<ChildQuery> children = table.children().stream().map(ChildQuery::of).toList();
            childQueries.put(table, children);
            selectLists.put(table, table.columns() + existenceFlags(table, children));
            countFroms.put(table, new CountFrom(table.from()));
        }
    }

    /**
     * How the rows of one child table are loaded for a page, worked out once per table rather than per request.
     * Table and column names are constants of the ResourceTable, never request input. The ids go in one array
     * parameter, so the SQL text is the same for any page size and the database's statement cache (H2's query
     * cache, PostgreSQL's prepared statements) reuses its plan.
     */
    private record ChildQuery(ResourceTable.ChildTable child, boolean plain, String flag, String sql) {
        static ChildQuery of(ResourceTable.ChildTable child) {
            boolean plain = PLAIN_TABLE.matcher(child.table()).matches();
            String sql = plain
                    ? "SELECT c.*, " + codesExist(child.table(), "c") + " FROM " + child.table() + " c WHERE c."
                            + child.parentColumn() + " = ANY(:ids) ORDER BY c." + CommonColumns.ID
                    : "SELECT * FROM " + child.table() + " WHERE " + child.parentColumn() + " = ANY(:ids) ORDER BY "
                            + CommonColumns.ID;
            return new ChildQuery(child, plain, childFlag(child), sql);
        }
    }

    /**
     * The table's select list with one flag per named child table and one for {@code additional_code} rows
     * ({@link RowsExist}), so that the child queries run only for rows that have children.
     */
    private static String existenceFlags(ResourceTable table, List<ChildQuery> children) {
        StringBuilder flags = new StringBuilder();
        for (ChildQuery query : children) {
            ResourceTable.ChildTable child = query.child();
            if (query.plain()) {
                flags.append(", ").append(RowsExist.in(child.table(), child.parentColumn(), "r", query.flag()));
            }
        }
        return flags.append(", ").append(codesExist(table.mainTable(), "r")).toString();
    }

    private static String codesExist(String ownerTable, String alias) {
        return RowsExist.additionalCodes(ownerTable, null, alias, CODES_FLAG);
    }

    private static String childFlag(ResourceTable.ChildTable child) {
        return "x_has_" + child.name();
    }

    /** Whether the row's flag says it has such rows; a row without the flag column may have them. */
    private static boolean mayHave(Map<String, Object> row, String flag) {
        Object value = row.get(flag);
        return value == null ? !row.containsKey(flag) : Boolean.TRUE.equals(value);
    }

    private String selectList(ResourceTable table) {
        return selectLists.get(table);
    }

    Map<String, List<ResourceTable>> tablesByType() {
        return tablesByType;
    }

    boolean serves(String resourceType) {
        return tablesByType.containsKey(resourceType);
    }

    Optional<Resource> read(Handle handle, String practice, String resourceType, String id) {
        for (ResourceTable table : tablesByType.getOrDefault(resourceType, List.of())) {
            List<Map<String, Object>> rows = handle.createQuery("SELECT " + selectList(table) + " FROM " + table.from()
                            + " WHERE " + PRACTICE + " AND r." + CommonColumns.PUBLIC_ID + " = :id")
                    .bind("practice", JdbcArguments.text(practice))
                    .bind("id", JdbcArguments.text(id))
                    .map(ColumnMapMapper.INSTANCE)
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
        Deque<Candidate> pending = new ArrayDeque<>(candidates(tables, cursor, request.criteria()));
        List<Resource> page = new ArrayList<>();
        TableCursor last = null;
        boolean more = false;
        boolean probed = false;
        while (!pending.isEmpty() && !more) {
            Candidate candidate = pending.removeFirst();
            int room = request.pageSize() - page.size();
            // One row more than fits tells whether there is a next page (also when this page is already full).
            List<TableRow> rows = searchTable(handle, practice, candidate, room + 1);
            for (int r = 0; r < rows.size() && r < room; r++) {
                page.add(toFhir(candidate.table(), rows.get(r)));
                last = new TableCursor(candidate.index(), rows.get(r).id());
            }
            more = rows.size() > room;
            if (!more && !probed && pending.size() > 1) {
                // Several tables are left (an Observation code search looks in four chart sections, most of which
                // hold nothing for it): one statement tells which of them hold matches, instead of a search each.
                pending = new ArrayDeque<>(withMatches(handle, practice, List.copyOf(pending)));
                probed = true;
            }
            if (!more && probed && page.size() == request.pageSize()) {
                more = !pending.isEmpty(); // a table left holds matches: they start the next page
            }
        }
        return new SearchPage(page, more ? last.text() : null);
    }

    /**
     * A table of the type that may hold matches: its position among the type's tables (for the cursor), the
     * search's conditions on it (their parameters named after the position, so that tables can share a statement),
     * and the id its rows continue after.
     */
    private record Candidate(int index, ResourceTable table, SqlConditions where, long afterId) {

        /** The condition that a row of the table (aliased {@code r}) is a match after the cursor. */
        String matchSql() {
            return PRACTICE + " AND " + where.sql() + " AND r." + CommonColumns.ID + " > :after" + index;
        }

        /** Binds the parameters of {@link #matchSql()} but the practice. */
        Query bindTo(Query query) {
            return query.bindMap(where.bindings()).bind("after" + index, JdbcArguments.number(afterId));
        }
    }

    /** The type's tables from the cursor's on whose rows the criteria can hold. */
    private static List<Candidate> candidates(List<ResourceTable> tables, TableCursor cursor,
            List<SearchCriterion> criteria) {
        List<Candidate> candidates = new ArrayList<>();
        for (int t = cursor.table(); t < tables.size(); t++) {
            ResourceTable table = tables.get(t);
            SqlConditions where = new SqlConditions(table.mainTable(), "t" + t);
            for (SearchCriterion criterion : criteria) {
                where.and(table.search().condition(where, criterion));
            }
            // e.g. category=laboratory on the vital-sign table: no row can match, so no query.
            if (!where.neverTrue()) {
                candidates.add(new Candidate(t, table, where, t == cursor.table() ? cursor.afterId() : 0));
            }
        }
        return candidates;
    }

    /** Those of {@code candidates} that hold a match, asked in one statement. */
    private List<Candidate> withMatches(Handle handle, String practice, List<Candidate> candidates) {
        Map<String, Object> found = perTable(handle, practice, candidates, ", ",
                (i, matches) -> "EXISTS (SELECT 1 FROM " + matches + ") AS m" + i)
                .map(ColumnMapMapper.INSTANCE)
                .one();
        List<Candidate> withMatches = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (Boolean.TRUE.equals(found.get("m" + i))) {
                withMatches.add(candidates.get(i));
            }
        }
        return withMatches;
    }

    /** What one table contributes to {@link #perTable}, given its index there and its matching rows. */
    private interface TableItem {
        String sql(int index, String matchingRows);
    }

    /**
     * One statement over several tables: {@code SELECT} and an item per table, joined by {@code separator}. Each
     * item is given the table's matching rows as {@code <from> WHERE <conditions>}, with the to-one joins the
     * conditions do not need left out ({@link CountFrom}); the parameters are bound.
     */
    private Query perTable(Handle handle, String practice, List<Candidate> candidates, String separator,
            TableItem item) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            sql.append(i == 0 ? "" : separator).append(item.sql(i,
                    countFroms.get(c.table()).forConditions(c.where().sql()) + " WHERE " + c.matchSql()));
        }
        Query query = handle.createQuery(sql.toString()).bind("practice", JdbcArguments.text(practice));
        candidates.forEach(c -> c.bindTo(query));
        return query;
    }

    /** The table's mapping, with {@code meta.lastUpdated} from the row. */
    private static Resource toFhir(ResourceTable table, TableRow row) {
        return LastUpdated.apply(table.toFhir(row), row.object(LastUpdated.COLUMN));
    }

    /**
     * The number of the practice's rows of the type's tables that match every criterion: one statement adding up
     * a COUNT per table.
     */
    long count(Handle handle, String practice, SearchRequest request) {
        List<ResourceTable> tables = tablesByType.get(request.resourceType());
        rejectUnknownParameters(tables, request);
        List<Candidate> candidates = candidates(tables, TableCursor.START, request.criteria());
        if (candidates.isEmpty()) {
            return 0;
        }
        return perTable(handle, practice, candidates, " + ", (i, matches) -> "(SELECT COUNT(*) FROM " + matches + ")")
                .mapTo(Long.class)
                .one();
    }

    private List<TableRow> searchTable(Handle handle, String practice, Candidate candidate, int limit) {
        ResourceTable table = candidate.table();
        List<Map<String, Object>> rows = candidate.bindTo(handle.createQuery("SELECT " + selectList(table) + " FROM "
                        + table.from() + " WHERE " + candidate.matchSql() + " ORDER BY r." + CommonColumns.ID
                        + " LIMIT :limit"))
                .bind("practice", JdbcArguments.text(practice))
                .bind("limit", JdbcArguments.number(limit))
                .map(ColumnMapMapper.INSTANCE)
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

    private List<TableRow> withChildren(Handle handle, ResourceTable table, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, List<TableRow>>> childrenById = new HashMap<>();
        for (ChildQuery query : childQueries.get(table)) {
            List<Long> ids = idsOf(rows, query.flag());
            if (ids.isEmpty()) {
                continue;
            }
            ResourceTable.ChildTable child = query.child();
            List<Map<String, Object>> childRows = handle.createQuery(query.sql())
                    .bind("ids", JdbcArguments.longs(ids))
                    .map(ColumnMapMapper.INSTANCE)
                    .list();
            // A subquery child has no table name of its own for additional_code rows to point at.
            Map<Long, Map<String, List<TableRow>>> childCodes = query.plain()
                    ? additionalCodes(handle, child.table(), childRows)
                    : Map.of();
            childRows.forEach(c -> childrenById
                    .computeIfAbsent(((Number) c.get(child.parentColumn())).longValue(), k -> new HashMap<>())
                    .computeIfAbsent(child.name(), k -> new ArrayList<>())
                    .add(new TableRow(c, Map.of(),
                            childCodes.getOrDefault(((Number) c.get(CommonColumns.ID)).longValue(), Map.of()))));
        }
        Map<Long, Map<String, List<TableRow>>> codes = additionalCodes(handle,
                table.mainTable(), rows);
        return rows.stream()
                .map(r -> {
                    long id = ((Number) r.get(CommonColumns.ID)).longValue();
                    return new TableRow(r, childrenById.getOrDefault(id, Map.of()), codes.getOrDefault(id, Map.of()));
                })
                .toList();
    }

    /** The {@code additional_code} rows of a page of {@code table}'s rows: by row id, then by field. */
    private static Map<Long, Map<String, List<TableRow>>> additionalCodes(Handle handle,
            String table, List<Map<String, Object>> rows) {
        if (rows.isEmpty() || !rows.get(0).containsKey(CommonColumns.ID)) {
            return Map.of();
        }
        List<Long> ids = idsOf(rows, CODES_FLAG);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Map<String, List<TableRow>>> byId = new HashMap<>();
        handle.createQuery("SELECT * FROM " + AdditionalCodeColumns.TABLE + " WHERE "
                + AdditionalCodeColumns.OWNER_TABLE
                        + " = :table AND " + AdditionalCodeColumns.OWNER_ID + " = ANY(:ids) ORDER BY "
                        + AdditionalCodeColumns.ID)
                .bind("table", JdbcArguments.text(table))
                .bind("ids", JdbcArguments.longs(ids))
                .map(ColumnMapMapper.INSTANCE)
                .forEach(c -> byId.computeIfAbsent(((Number) c.get(AdditionalCodeColumns.OWNER_ID)).longValue(),
                        k -> new HashMap<>())
                        .computeIfAbsent((String) c.get(AdditionalCodeColumns.FIELD), k -> new ArrayList<>())
                        .add(new TableRow(c, Map.of())));
        return byId;
    }

    /** The ids of the rows whose {@code flag} says they may have rows of that kind. */
    private static List<Long> idsOf(List<Map<String, Object>> rows, String flag) {
        List<Long> ids = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            if (mayHave(row, flag)) {
                ids.add(((Number) row.get(CommonColumns.ID)).longValue());
            }
        }
        return ids;
    }
}
