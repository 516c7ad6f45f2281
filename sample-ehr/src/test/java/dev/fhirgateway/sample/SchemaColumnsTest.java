package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The table and column names the importer writes and the adapter reads are constants of the adapter's
 * {@code dev.fhirgateway.sample.adapter.schema} package; javac copies their values into both sides, so a name that
 * does not match the schema would fail only when a query runs. This test holds them against the schema the Flyway
 * migrations build: every {@code TABLE} is a table, every other constant a column of it (or, for a column group, the
 * prefix of columns named with a {@link ColumnGroups} suffix, or a value of one), and every table of the clinical
 * record has its class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaColumnsTest {

    private static final String SCHEMA_PACKAGE = ColumnGroups.class.getPackageName();
    /** Tables of the EHR application itself, neither imported nor served through the adapter. */
    private static final Set<String> APPLICATION_TABLES = Set.of("api_client", "auth_signing_key",
            "auth_refresh_token", "ehr_user", "registration_audit", "flyway_schema_history");

    private EhrDatabase database;
    private final Map<String, Set<String>> columnsByTable = new HashMap<>();

    @BeforeAll
    void migrate() {
        database = EhrDatabase.open("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.jdbi().useHandle(h -> h.createQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC'")
                .map((rs, ctx) -> Map.entry(rs.getString(1).toLowerCase(Locale.ROOT),
                        rs.getString(2).toLowerCase(Locale.ROOT)))
                .forEach(e -> columnsByTable.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue())));
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void everyTableConstantNamesATableAndEveryColumnConstantItsColumns() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> type : schemaClasses()) {
            if (type == ColumnGroups.class) {
                continue;
            }
            Map<String, String> constants = constants(type);
            String table = constants.remove("TABLE");
            if (table != null && !columnsByTable.containsKey(table)) {
                wrong.add(type.getSimpleName() + ".TABLE: no table " + table);
                continue;
            }
            // A class without TABLE names columns several tables share: each must be in one of them at least.
            Iterable<String> tables = table == null ? columnsByTable.keySet() : List.of(table);
            constants.forEach((name, column) -> {
                if (isValueOf(name, column)) {
                    return;
                }
                boolean found = false;
                for (String t : tables) {
                    found |= isColumnOrGroup(columnsByTable.get(t), column);
                }
                if (!found) {
                    wrong.add(type.getSimpleName() + "." + name + ": no column or column group " + column
                            + (table == null ? " in any table" : " in " + table));
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyTableOfTheClinicalRecordHasItsClass() throws Exception {
        Set<String> named = new TreeSet<>();
        for (Class<?> type : schemaClasses()) {
            String table = constants(type).get("TABLE");
            if (table != null) {
                named.add(table);
            }
        }
        Set<String> missing = new TreeSet<>(columnsByTable.keySet());
        missing.removeAll(named);
        missing.removeAll(APPLICATION_TABLES);
        assertThat(missing).isEmpty();
    }

    /**
     * Whether a constant is a value of a column rather than a column: a column's constant is named as its value
     * ({@code LIST_KIND = "list_kind"}), a value's adds what it is a value of ({@code LIST_KIND_PROBLEM_LIST =
     * "problem-list"}).
     */
    private static boolean isValueOf(String name, String value) {
        String named = value.toUpperCase(Locale.ROOT).replace('-', '_');
        return !name.equals(named) && name.endsWith("_" + named);
    }

    private static boolean isColumnOrGroup(Set<String> columns, String name) {
        if (columns.contains(name)) {
            return true;
        }
        for (String suffix : suffixes()) {
            if (columns.contains(name + suffix)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> suffixes() {
        try {
            return new ArrayList<>(constants(ColumnGroups.class).values());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> constants(Class<?> type) throws IllegalAccessException {
        Map<String, String> constants = new HashMap<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.put(field.getName(), (String) field.get(null));
            }
        }
        return constants;
    }

    /** The classes of the schema package, from the adapter's classes directory or jar. */
    private static List<Class<?>> schemaClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(ColumnGroups.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String folder = SCHEMA_PACKAGE.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(folder))) {
                files.map(p -> p.getFileName().toString()).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0)
                        .map(n -> n.substring(folder.length()))
                        .forEach(names::add);
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith(".class") && !name.contains("$")) {
                classes.add(Class.forName(SCHEMA_PACKAGE + "." + name.substring(0, name.length() - ".class".length())));
            }
        }
        assertThat(classes).contains(ColumnGroups.class).hasSizeGreaterThan(50);
        return classes;
    }
}
