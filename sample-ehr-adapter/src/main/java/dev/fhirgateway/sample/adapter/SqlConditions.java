package dev.fhirgateway.sample.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.argument.Argument;

/**
 * A conjunction of SQL conditions being built, with the values they bind. Every value from a request goes
 * through {@link #bind}, so user input never becomes SQL text.
 */
public final class SqlConditions {

    public static final String TRUE = "1 = 1";
    public static final String FALSE = "1 = 0";

    private final List<String> conjuncts = new ArrayList<>();
    private final Map<String, Argument> bindings = new LinkedHashMap<>();
    private boolean neverTrue;
    private final String ownerTable;
    private final String parameterPrefix;

    /**
     * @param ownerTable the table aliased {@code r} whose rows the conditions test (for their further codes)
     * @param parameterPrefix starts the name of every parameter bound, so that the conditions of several tables can
     *     share one statement
     */
    public SqlConditions(String ownerTable, String parameterPrefix) {
        this.ownerTable = ownerTable;
        this.parameterPrefix = parameterPrefix;
    }

    /** The table aliased {@code r}, or null when not known. */
    String ownerTable() {
        return ownerTable;
    }

    /**
     * Registers a value and returns the named parameter ({@code :p0}, ... after the prefix) to write in its place.
     * The value is text, a number, a date or a date-time ({@link JdbcArguments#of}); any other type fails here.
     */
    public String bind(Object value) {
        String name = parameterPrefix + "p" + bindings.size();
        bindings.put(name, JdbcArguments.of(value));
        return ":" + name;
    }

    /** Adds a condition that must hold. */
    void and(String condition) {
        if (condition.equals(FALSE)) {
            neverTrue = true;
        }
        conjuncts.add("(" + condition + ")");
    }

    /** Whether a condition added is {@link #FALSE} itself, so that no row can match. */
    boolean neverTrue() {
        return neverTrue;
    }

    /** The conditions joined with AND; {@link #TRUE} when there are none. */
    String sql() {
        return conjuncts.isEmpty() ? TRUE : String.join(" AND ", conjuncts);
    }

    /** The values to bind, by parameter name without the colon. */
    Map<String, Argument> bindings() {
        return Collections.unmodifiableMap(bindings);
    }
}
