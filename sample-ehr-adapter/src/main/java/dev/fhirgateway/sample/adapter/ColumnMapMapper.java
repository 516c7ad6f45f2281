package dev.fhirgateway.sample.adapter;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row to its columns by lower-case label, like Jdbi's {@code mapToMap()}, but reads the labels once per
 * SQL text instead of once per statement.
 *
 * <p>Why: the adapter runs the same few hundred SQL texts over and over, and a CPU profile of searches under load
 * showed {@code mapToMap()}'s per-statement work (asking the driver for every column's label, lower-casing each)
 * as a visible share of the adapter's time. The SQL texts are constants of the adapter (request values are bound
 * parameters); a condition with a variable number of values can still make new texts, so the cache stops growing
 * at {@value #MAX_CACHED_TEXTS} texts and further ones read their labels each time.
 */
final class ColumnMapMapper implements RowMapper<Map<String, Object>> {

    private static final int MAX_CACHED_TEXTS = 2048;

    static final ColumnMapMapper INSTANCE = new ColumnMapMapper();

    private final Map<String, String[]> labelsBySql = new ConcurrentHashMap<>();

    private ColumnMapMapper() {
    }

    @Override
    public RowMapper<Map<String, Object>> specialize(ResultSet resultSet, StatementContext ctx) throws SQLException {
        String sql = ctx.getRenderedSql();
        String[] labels = sql == null ? null : labelsBySql.get(sql);
        if (labels == null) {
            labels = labels(resultSet.getMetaData());
            if (sql != null && labelsBySql.size() < MAX_CACHED_TEXTS) {
                labelsBySql.putIfAbsent(sql, labels);
            }
        }
        String[] columns = labels;
        return (rs, c) -> {
            Map<String, Object> row = new HashMap<>(columns.length * 2);
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], rs.getObject(i + 1));
            }
            return row;
        };
    }

    @Override
    public Map<String, Object> map(ResultSet rs, StatementContext ctx) throws SQLException {
        return specialize(rs, ctx).map(rs, ctx);
    }

    private static String[] labels(ResultSetMetaData meta) throws SQLException {
        String[] labels = new String[meta.getColumnCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
            for (int j = 0; j < i; j++) {
                if (labels[j].equals(labels[i])) {
                    // mapToMap() refuses this too: one value would silently hide the other.
                    throw new IllegalStateException("column label '" + labels[i] + "' occurs twice in a query");
                }
            }
        }
        return labels;
    }
}
