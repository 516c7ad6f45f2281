package dev.fhirgateway.sample.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FROM clause of a table's COUNT: the table's {@link ResourceTable#from()} without the optional to-one joins
 * that the search conditions do not use.
 *
 * <p>A {@code LEFT JOIN t a ON a.id = r.fk} adds at most one row per row of {@code r} ({@code id} is the key) and
 * never removes one, so leaving it out does not change the count. The joins are there for the select list (the
 * public ids the references name); H2 does not eliminate them itself, and a first page of 27 vital signs spent
 * about 10% of its request CPU in the COUNT's four per-row lookups. A join stays when anything else names its
 * alias: the conditions, or another part of the FROM clause.
 */
final class CountFrom {

    /** The shape {@code ReferenceJoins.leftJoin} writes. */
    private static final Pattern TO_ONE_JOIN = Pattern.compile(
            " LEFT JOIN [a-z_][a-z0-9_]* ([a-z_][a-z0-9_]*) ON \\1\\.id = r\\.[a-z_][a-z0-9_]*");

    private record OptionalJoin(String sql, String alias) {
    }

    private final String from;
    /** The to-one joins nothing else in the FROM clause builds on: left out unless the conditions name them. */
    private final List<OptionalJoin> joins = new ArrayList<>();

    CountFrom(String from) {
        this.from = from;
        Matcher m = TO_ONE_JOIN.matcher(from);
        while (m.find()) {
            String alias = m.group(1);
            String restOfFrom = from.substring(0, m.start()) + from.substring(m.end());
            if (!names(restOfFrom, alias)) {
                joins.add(new OptionalJoin(m.group(), alias));
            }
        }
    }

    /** The FROM clause for a COUNT with {@code whereSql}. */
    String forConditions(String whereSql) {
        String result = from;
        for (OptionalJoin join : joins) {
            if (!names(whereSql, join.alias())) {
                result = result.replace(join.sql(), "");
            }
        }
        return result;
    }

    /**
     * Whether {@code sql} qualifies a column with {@code alias} ({@code e.} but not {@code pe.}). A plain scan: a
     * regex with a word boundary ({@code \\be\\.}) cost 3% of a vital-signs search's CPU on these long conditions.
     */
    static boolean names(String sql, String alias) {
        String qualifier = alias + ".";
        for (int i = sql.indexOf(qualifier); i >= 0; i = sql.indexOf(qualifier, i + 1)) {
            if (i == 0 || !isWordChar(sql.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
