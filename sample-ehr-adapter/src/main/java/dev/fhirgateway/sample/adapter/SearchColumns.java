package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.adapter.schema.AdditionalCodeColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.CommonColumns;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The search parameters of one {@link ResourceTable} and how each translates to SQL on its columns, following
 * FHIR R4 search semantics (the {@code matches} rules of {@link SearchValue}): values of one criterion are
 * alternatives (OR), criteria all apply (AND). Every request value is bound, never written into SQL text.
 *
 * <p>Dates: a clinical time {@code x} is stored as its range in local time and in UTC (see
 * {@code V4__clinical_record_foundation.sql}). A search value of date precision (no time of day, hence no
 * offset) is compared with the local range, so {@code date=2020-01-01} finds {@code 2020-01-01T23:30:00-08:00}
 * (the day as recorded); a value with a time of day is compared in UTC (its own offset, or UTC without one).
 */
public final class SearchColumns {

    /** Translates one value of a criterion to an SQL condition. */
    @FunctionalInterface
    public interface ValueCondition {
        String sql(SqlConditions sql, SearchValue value);
    }

    private static final String MIN_TIME = "TIMESTAMP '0001-01-01 00:00:00'";
    private static final String MAX_TIME = "TIMESTAMP '9999-12-31 23:59:59'";

    private record Param(SearchParameterSupport support, ValueCondition condition) {
    }

    private final Map<String, Param> params = new LinkedHashMap<>();

    /**
     * A new set with {@code _id} (the {@code r.public_id} column) and {@code _lastUpdated} (the row's
     * {@code r.updated_at}, see {@code V61__row_updated_at.sql}) already in it: every table has both.
     */
    public static SearchColumns withId() {
        return new SearchColumns().token("_id", null, "r." + CommonColumns.PUBLIC_ID)
                .add(SearchParameterSupport.lastUpdated(), (sql, v) -> lastUpdatedSql(sql, (SearchValue.Date) v,
                        "r." + CommonColumns.UPDATED_AT));
    }

    /**
     * {@code _lastUpdated} on a row's {@code updated_at} (an instant with millisecond precision, so the range
     * {@code [u, u + 1 ms)}): FHIR's prefix rules reduce to comparisons of {@code u} with the value's range
     * {@code [s, e)}. A value without offset is in UTC, as the instants are.
     */
    private static String lastUpdatedSql(SqlConditions sql, SearchValue.Date date, String column) {
        String s = sql.bind(java.time.OffsetDateTime.ofInstant(date.startInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        String e = sql.bind(java.time.OffsetDateTime.ofInstant(date.endInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        return switch (date.prefix()) {
            case EQ -> column + " >= " + s + " AND " + column + " < " + e;
            case NE -> "NOT (" + column + " >= " + s + " AND " + column + " < " + e + ")";
            case GT, SA -> column + " >= " + e;
            case LT, EB -> column + " < " + s;
            case GE -> column + " >= " + s;
            case LE -> column + " < " + e;
        };
    }

    /** A token on a code column with its system in {@code systemColumn} (null: values never have a system). */
    public SearchColumns token(String name, String systemColumn, String codeColumn) {
        return add(SearchParameterSupport.token(name), (sql, v) -> withAdditionalCodes(sql, (SearchValue.Token) v,
                tokenSql(sql, (SearchValue.Token) v, systemColumn, codeColumn), systemColumn, codeColumn));
    }

    /**
     * A token held by any of several codings of the row, given as system/code column pairs, e.g. a concept
     * kept with a second coding: {@code "r.code_system", "r.code_code", "r.alt_code_system", "r.alt_code_code"}.
     */
    public SearchColumns tokenInColumns(String name, String... systemAndCodeColumns) {
        if (systemAndCodeColumns.length == 0 || systemAndCodeColumns.length % 2 != 0) {
            throw new IllegalArgumentException("system/code column pairs expected");
        }
        List<String> columns = List.of(systemAndCodeColumns);
        return add(SearchParameterSupport.token(name), (sql, v) -> {
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < columns.size(); i += 2) {
                alternatives.add("(" + withAdditionalCodes(sql, (SearchValue.Token) v,
                        tokenSql(sql, (SearchValue.Token) v, columns.get(i), columns.get(i + 1)), columns.get(i),
                        columns.get(i + 1)) + ")");
            }
            return String.join(" OR ", alternatives);
        });
    }

    /** A token on a code column whose values all belong to {@code system} (null: no system). */
    public SearchColumns tokenOfSystem(String name, String system, String codeColumn) {
        return add(SearchParameterSupport.token(name), (sql, v) -> {
            SearchValue.Token token = (SearchValue.Token) v;
            // The system is decided here, once for the column; only the code reaches SQL.
            boolean systemMatches = token.system() == null
                    || (token.system().isEmpty() ? system == null : token.system().equals(system));
            if (!systemMatches) {
                return SqlConditions.FALSE;
            }
            return token.code() == null ? codeColumn + " IS NOT NULL" : codeColumn + " = " + sql.bind(token.code());
        });
    }

    /** A token every row of this table has, e.g. the category {@code vital-signs} of the vital-sign table. */
    public SearchColumns tokenConstant(String name, String system, String code) {
        return add(SearchParameterSupport.token(name), constant(system, code));
    }

    /**
     * A token every row of this table has (the category its chart section implies), or that a row holds in a child
     * table (further categories recorded with it): {@code childFromWhere} as for {@link #tokenInChild}.
     */
    public SearchColumns tokenConstantOrInChild(String name, String system, String code, String childFromWhere,
            String systemColumn, String codeColumn) {
        return tokenOrInChild(name, constant(system, code), childFromWhere, systemColumn, codeColumn);
    }

    /**
     * A token on a code column whose values all belong to {@code system}, or held by a row of a child table
     * ({@code childFromWhere} as for {@link #tokenInChild}).
     */
    public SearchColumns tokenOfSystemOrInChild(String name, String system, String codeColumn, String childFromWhere,
            String systemColumn, String childCodeColumn) {
        ValueCondition own = (sql, v) -> {
            SearchValue.Token token = (SearchValue.Token) v;
            boolean systemMatches = token.system() == null
                    || (token.system().isEmpty() ? system == null : token.system().equals(system));
            if (!systemMatches) {
                return SqlConditions.FALSE;
            }
            return token.code() == null ? codeColumn + " IS NOT NULL" : codeColumn + " = " + sql.bind(token.code());
        };
        return tokenOrInChild(name, own, childFromWhere, systemColumn, childCodeColumn);
    }

    private SearchColumns tokenOrInChild(String name, ValueCondition own, String childFromWhere, String systemColumn,
            String codeColumn) {
        ChildRows rows = ChildRows.of(childFromWhere);
        return add(SearchParameterSupport.token(name), (sql, v) -> {
            String mine = own.sql(sql, v);
            if (SqlConditions.TRUE.equals(mine)) {
                return mine;
            }
            String child = childToken(sql, (SearchValue.Token) v, rows, systemColumn, codeColumn);
            return SqlConditions.FALSE.equals(mine) ? child : "(" + mine + ") OR " + child;
        });
    }

    private static ValueCondition constant(String system, String code) {
        return (sql, v) -> ((SearchValue.Token) v).matches(system, code) ? SqlConditions.TRUE : SqlConditions.FALSE;
    }

    /**
     * A child table's rows of the row {@code r}, as {@code "condition_category c WHERE c.condition_id = r.id"}: the
     * table is its first word, the alias the second (split once, not per search).
     */
    private record ChildRows(String fromWhere, String table, String alias) {
        static ChildRows of(String fromWhere) {
            String[] words = fromWhere.strip().split("\\s+");
            return new ChildRows(fromWhere, words[0], words[1]);
        }
    }

    /** EXISTS a row of the child table holding the token, in its own columns or among its further codes. */
    private static String childToken(SqlConditions sql, SearchValue.Token token, ChildRows child,
            String systemColumn, String codeColumn) {
        return "EXISTS (SELECT 1 FROM " + child.fromWhere() + " AND (" + withAdditionalCodes(
                new ChildCodes(sql, child.table(), child.alias()), token,
                tokenSql(sql, token, systemColumn, codeColumn), systemColumn, codeColumn) + "))";
    }

    /**
     * A token held by rows of a child table: {@code childFromWhere} names the table and links it to the row,
     * e.g. {@code "condition_category c WHERE c.condition_id = r.id"}.
     */
    public SearchColumns tokenInChild(String name, String childFromWhere, String systemColumn, String codeColumn) {
        // The child row's further codes match too.
        ChildRows rows = ChildRows.of(childFromWhere);
        return add(SearchParameterSupport.token(name), (sql, v) -> childToken(sql, (SearchValue.Token) v,
                rows, systemColumn, codeColumn));
    }

    /** A string on {@code rawColumn}, with {@code normalizedColumn} holding {@link SearchValue.Text#normalize}. */
    public SearchColumns string(String name, String rawColumn, String normalizedColumn) {
        return add(SearchParameterSupport.string(name), (sql, v) -> stringSql(sql, (SearchValue.Text) v, rawColumn,
                normalizedColumn));
    }

    /**
     * A string held by rows of a child table: {@code childFromWhere} names the table and links it to the row, e.g.
     * {@code "patient_name_part np WHERE np.patient_id = r.id AND np.part_kind IN ('family')"}; the columns are
     * the child's, as for {@link #string}.
     */
    public SearchColumns stringInChild(String name, String childFromWhere, String rawColumn, String normalizedColumn) {
        return add(SearchParameterSupport.string(name), (sql, v) -> "EXISTS (SELECT 1 FROM " + childFromWhere + " AND "
                + stringSql(sql, (SearchValue.Text) v, rawColumn, normalizedColumn) + ")");
    }

    /**
     * A string held in several fields, any of which may match, e.g. the lines, city and state of an address:
     * {@code columns} alternates each raw column with its normalized copy.
     */
    public SearchColumns stringInAny(String name, String... columns) {
        if (columns.length == 0 || columns.length % 2 != 0) {
            throw new IllegalArgumentException("give pairs of raw and normalized columns");
        }
        return add(SearchParameterSupport.string(name), (sql, v) -> {
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < columns.length; i += 2) {
                alternatives.add("(" + stringSql(sql, (SearchValue.Text) v, columns[i], columns[i + 1]) + ")");
            }
            return String.join(" OR ", alternatives);
        });
    }

    /** A reference to one resource type whose public id is {@code idColumn}. */
    public SearchColumns reference(String name, String targetType, String idColumn) {
        return reference(name, Map.of(targetType, idColumn));
    }

    /** A reference that may point at several types, each with the column holding the target's public id. */
    public SearchColumns reference(String name, Map<String, String> idColumnByType) {
        Map<String, String> columns = Map.copyOf(idColumnByType);
        return add(SearchParameterSupport.reference(name), (sql, v) -> {
            SearchValue.Reference ref = (SearchValue.Reference) v;
            List<String> alternatives = new ArrayList<>();
            columns.forEach((type, column) -> {
                if (ref.resourceType() == null || ref.resourceType().equals(type)) {
                    alternatives.add(column + " = " + sql.bind(ref.id()));
                }
            });
            return alternatives.isEmpty() ? SqlConditions.FALSE : String.join(" OR ", alternatives);
        });
    }

    /** A date on the clinical time whose columns start with {@code prefix}, e.g. {@code r.onset}. */
    public SearchColumns date(String name, String prefix) {
        return add(SearchParameterSupport.date(name), (sql, v) -> {
            SearchValue.Date date = (SearchValue.Date) v;
            boolean local = date.precision().isDate();
            String start = prefix + (local ? ColumnGroups.LOCAL_START : ColumnGroups.UTC_START);
            String end = prefix + (local ? ColumnGroups.LOCAL_END : ColumnGroups.UTC_END);
            return start + " IS NOT NULL AND (" + dateSql(sql, date, start, end) + ")";
        });
    }

    /**
     * A date on a DATE column (a day without time of day or zone, e.g. a birth date), per the plain-date table of
     * {@link SearchValue.Date}: the search range is {@code [s, e)}, and a value with a time of day is refused. A NULL
     * column matches no prefix, not even {@code ne}: a patient without a date of death is not "deceased on a date
     * other than ...".
     */
    public SearchColumns day(String name, String column) {
        return add(SearchParameterSupport.date(name), (sql, v) -> {
            SearchValue.Date date = (SearchValue.Date) v;
            if (!date.precision().isDate()) {
                throw AdapterException.unsupportedSearch(name
                        + " takes a date (YYYY, YYYY-MM or YYYY-MM-DD), not a date with a time of day");
            }
            return switch (date.prefix()) {
                case EQ -> column + " >= " + sql.bind(date.startDate()) + " AND " + column + " < "
                        + sql.bind(date.endDate());
                case NE -> column + " < " + sql.bind(date.startDate()) + " OR " + column + " >= "
                        + sql.bind(date.endDate());
                case GT, SA -> column + " >= " + sql.bind(date.endDate());
                case LT, EB -> column + " < " + sql.bind(date.startDate());
                case GE -> column + " >= " + sql.bind(date.startDate());
                case LE -> column + " < " + sql.bind(date.endDate());
            };
        });
    }

    /**
     * A date on a period: from the start of the time {@code startPrefix} to the end of {@code endPrefix}; a
     * missing start or end is open.
     */
    public SearchColumns period(String name, String startPrefix, String endPrefix) {
        return add(SearchParameterSupport.date(name), (sql, v) -> {
            SearchValue.Date date = (SearchValue.Date) v;
            boolean local = date.precision().isDate();
            String startColumn = startPrefix + (local ? ColumnGroups.LOCAL_START : ColumnGroups.UTC_START);
            String endColumn = endPrefix + (local ? ColumnGroups.LOCAL_END : ColumnGroups.UTC_END);
            return "(" + startColumn + " IS NOT NULL OR " + endColumn + " IS NOT NULL) AND ("
                    + dateSql(sql, date, "COALESCE(" + startColumn + ", " + MIN_TIME + ")",
                            "COALESCE(" + endColumn + ", " + MAX_TIME + ")") + ")";
        });
    }

    /** A quantity on a NUMERIC column with its unit system and code columns (units compare exactly). */
    public SearchColumns quantity(String name, String valueColumn, String systemColumn, String codeColumn) {
        return add(SearchParameterSupport.quantity(name), (sql, v) -> quantitySql(sql, (SearchValue.Quantity) v,
                valueColumn, systemColumn, codeColumn));
    }

    /** Any other translation. */
    public SearchColumns custom(SearchParameterSupport support, ValueCondition condition) {
        return add(support, condition);
    }

    /** The declared parameters, in the order added. */
    public List<SearchParameterSupport> parameters() {
        return params.values().stream().map(Param::support).toList();
    }

    boolean supports(String parameter) {
        return params.containsKey(parameter);
    }

    /**
     * The SQL for one criterion: its values OR-ed.
     *
     * @throws AdapterException {@link AdapterException.Reason#UNSUPPORTED_SEARCH} for a value of the wrong kind
     */
    String condition(SqlConditions sql, SearchCriterion criterion) {
        Param param = params.get(criterion.parameter());
        if (param == null) {
            return SqlConditions.FALSE;
        }
        Class<? extends SearchValue> expected = switch (param.support().type()) {
            case TOKEN -> SearchValue.Token.class;
            case STRING -> SearchValue.Text.class;
            case DATE -> SearchValue.Date.class;
            case REFERENCE -> SearchValue.Reference.class;
            case QUANTITY -> SearchValue.Quantity.class;
            default -> SearchValue.class;
        };
        List<String> alternatives = criterion.anyOf().stream().map(value -> {
            if (!expected.isInstance(value)) {
                throw AdapterException.unsupportedSearch("parameter '" + criterion.parameter() + "' takes a "
                        + param.support().type().name().toLowerCase(Locale.ROOT) + " value");
            }
            return param.condition().sql(sql, value);
        }).toList();
        // No value can match on this table (e.g. another category than the table's): say so plainly, so the
        // query can be skipped.
        if (alternatives.stream().allMatch(SqlConditions.FALSE::equals)) {
            return SqlConditions.FALSE;
        }
        return alternatives.stream().map(a -> "(" + a + ")").collect(Collectors.joining(" OR "));
    }

    private SearchColumns add(SearchParameterSupport support, ValueCondition condition) {
        if (params.putIfAbsent(support.name(), new Param(support, condition)) != null) {
            throw new IllegalStateException("search parameter " + support.name() + " declared twice");
        }
        return this;
    }

    /**
     * A token on a coded field of the row ({@code r.<field>_system}, {@code r.<field>_code}) also matches the
     * field's further codes in {@code additional_code}.
     */
    private static String withAdditionalCodes(SqlConditions sql, SearchValue.Token token, String condition,
            String systemColumn, String codeColumn) {
        return withAdditionalCodes(new ChildCodes(sql, sql.ownerTable(), "r"), token, condition, systemColumn,
                codeColumn);
    }

    /** Whose further codes a token looks at: the rows of {@code table}, aliased {@code alias} in the query. */
    private record ChildCodes(SqlConditions sql, String table, String alias) {
    }

    private static String withAdditionalCodes(ChildCodes owner, SearchValue.Token token, String condition,
            String systemColumn, String codeColumn) {
        String prefix = owner.alias() + ".";
        if (owner.table() == null || systemColumn == null || !codeColumn.startsWith(prefix)
                || !codeColumn.endsWith(ColumnGroups.CODE)
                || !systemColumn.equals(codeColumn.substring(0, codeColumn.length() - ColumnGroups.CODE.length())
                        + ColumnGroups.SYSTEM)
                || token.code() == null) {
            return condition;
        }
        String field = codeColumn.substring(prefix.length(), codeColumn.length() - ColumnGroups.CODE.length());
        // The table, alias and field are constants of the ResourceTable; the code and system are bound.
        return "(" + condition + ") OR EXISTS (SELECT 1 FROM " + AdditionalCodeColumns.TABLE + " ac WHERE ac."
                + AdditionalCodeColumns.OWNER_TABLE + " = '" + owner.table() + "' AND ac."
                + AdditionalCodeColumns.OWNER_ID
                + " = " + owner.alias() + "." + CommonColumns.ID + " AND ac." + AdditionalCodeColumns.FIELD + " = '"
                + field + "' AND " + tokenSql(owner.sql(), token, "ac." + AdditionalCodeColumns.CODE_SYSTEM,
                        "ac." + AdditionalCodeColumns.CODE) + ")";
    }

    private static String tokenSql(SqlConditions sql, SearchValue.Token token, String systemColumn, String codeColumn) {
        List<String> parts = new ArrayList<>();
        if (token.system() != null) {
            if (token.system().isEmpty()) {
                if (systemColumn != null) {
                    parts.add(systemColumn + " IS NULL");
                }
            } else if (systemColumn == null) {
                return SqlConditions.FALSE;
            } else {
                parts.add(systemColumn + " = " + sql.bind(token.system()));
            }
        }
        parts.add(token.code() == null ? codeColumn + " IS NOT NULL" : codeColumn + " = " + sql.bind(token.code()));
        return String.join(" AND ", parts);
    }

    private static String stringSql(SqlConditions sql, SearchValue.Text text, String raw, String normalized) {
        return switch (text.mode()) {
            case EXACT -> raw + " = " + sql.bind(text.value());
            case STARTS_WITH -> normalized + " LIKE "
                    + sql.bind(LikePatterns.startsWith(SearchValue.Text.normalize(text.value())))
                    + " ESCAPE '" + LikePatterns.ESCAPE + "'";
            case CONTAINS -> normalized + " LIKE "
                    + sql.bind(LikePatterns.contains(SearchValue.Text.normalize(text.value())))
                    + " ESCAPE '" + LikePatterns.ESCAPE + "'";
        };
    }

    /** The prefix table of {@link SearchValue.Date} on the row range {@code [rs, re)}. */
    private static String dateSql(SqlConditions sql, SearchValue.Date date, String rs, String re) {
        LocalDateTime s;
        LocalDateTime e;
        if (date.precision().isDate()) {
            s = date.start();
            e = date.end();
        } else {
            s = LocalDateTime.ofInstant(date.startInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            e = LocalDateTime.ofInstant(date.endInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        }
        String sb = sql.bind(s);
        String eb = sql.bind(e);
        String eq = rs + " >= " + sb + " AND " + re + " <= " + eb;
        return switch (date.prefix()) {
            case EQ -> eq;
            case NE -> "NOT (" + eq + ")";
            case GT -> re + " > " + eb;
            case LT -> rs + " < " + sb;
            case GE -> re + " > " + eb + " OR (" + eq + ")";
            case LE -> rs + " < " + sb + " OR (" + eq + ")";
            case SA -> rs + " >= " + eb;
            case EB -> re + " <= " + sb;
        };
    }

    private static String quantitySql(SqlConditions sql, SearchValue.Quantity q, String valueColumn,
            String systemColumn, String codeColumn) {
        List<String> parts = new ArrayList<>();
        parts.add(valueColumn + " IS NOT NULL");
        if (q.system() != null) {
            parts.add(systemColumn + " = " + sql.bind(q.system()));
        }
        if (q.code() != null) {
            parts.add(codeColumn + " = " + sql.bind(q.code()));
        }
        // The implicit range of the value's precision: 5.4 stands for [5.35, 5.45).
        BigDecimal half = BigDecimal.ONE.movePointLeft(q.value().scale()).divide(BigDecimal.valueOf(2));
        String low = sql.bind(q.value().subtract(half));
        String high = sql.bind(q.value().add(half));
        String exact = sql.bind(q.value());
        parts.add(switch (q.prefix()) {
            case EQ -> valueColumn + " >= " + low + " AND " + valueColumn + " < " + high;
            case NE -> valueColumn + " < " + low + " OR " + valueColumn + " >= " + high;
            case GT, SA -> valueColumn + " > " + exact;
            case LT, EB -> valueColumn + " < " + exact;
            case GE -> valueColumn + " >= " + exact;
            case LE -> valueColumn + " <= " + exact;
        });
        return parts.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" AND "));
    }
}
