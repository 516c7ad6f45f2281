package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.adapter.schema.CommonColumns;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One row of a sample-EHR table as the mappers see it: column values by lower-case column name (or alias), with
 * typed getters, plus the rows of its child tables that were loaded with it.
 */
public final class TableRow {

    private final Map<String, Object> columns;
    private final Map<String, List<TableRow>> children;
    private final Map<String, List<TableRow>> additionalCodes;

    TableRow(Map<String, Object> columns, Map<String, List<TableRow>> children) {
        this(columns, children, Map.of());
    }

    TableRow(Map<String, Object> columns, Map<String, List<TableRow>> children,
            Map<String, List<TableRow>> additionalCodes) {
        this.columns = columns;
        this.children = children;
        this.additionalCodes = additionalCodes;
    }

    /** The internal key ({@code id} column); it never leaves the adapter except inside a cursor. */
    public long id() {
        return longValue(CommonColumns.ID);
    }

    /** Whether the column is in the row and not NULL. */
    public boolean has(String column) {
        return columns.get(column) != null;
    }

    /** Whether the row has the column at all (NULL or not). */
    public boolean hasColumn(String column) {
        return columns.containsKey(column);
    }

    /** The column's text, or null. */
    public String string(String column) {
        Object value = value(column);
        return value == null ? null : value.toString();
    }

    /** The column's value as the JDBC driver returned it, or null. */
    public Object object(String column) {
        return value(column);
    }

    public Long longValue(String column) {
        Object value = value(column);
        return value == null ? null : ((Number) value).longValue();
    }

    public Integer intValue(String column) {
        Object value = value(column);
        return value == null ? null : ((Number) value).intValue();
    }

    public BigDecimal decimal(String column) {
        Object value = value(column);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        return new BigDecimal(value.toString());
    }

    public Boolean bool(String column) {
        Object value = value(column);
        return value == null ? null : (Boolean) value;
    }

    /** The rows of the child table registered under {@code name} (see {@link ResourceTable#children()}). */
    public List<TableRow> children(String name) {
        return children.getOrDefault(name, List.of());
    }

    /**
     * The further codes of the coded field {@code field} (rows of {@code additional_code}: {@code code_system},
     * {@code code}, {@code display}), in the order recorded; empty when it has none.
     */
    public List<TableRow> additionalCodes(String field) {
        return additionalCodes.getOrDefault(field, List.of());
    }

    private Object value(String column) {
        if (!columns.containsKey(column)) {
            throw new IllegalArgumentException("no column '" + column + "' in this row; columns: " + columns.keySet());
        }
        return columns.get(column);
    }
}
