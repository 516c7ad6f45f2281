package dev.fhirgateway.sample.fhirimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did with one Bundle: resources kept per type, resources skipped (already present, or a type
 * the EHR does not keep) and elements it could not map. Holds ids and element paths only, no values.
 */
public final class ImportReport {

    private final String source;
    private final Map<String, Integer> imported = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> notMapped = new ArrayList<>();

    ImportReport(String source) {
        this.source = source;
    }

    void imported(String resourceType) {
        imported.merge(resourceType, 1, Integer::sum);
    }

    void skipped(String resourceRef, String why) {
        skipped.add(resourceRef + ": " + why);
    }

    void notMapped(String resourceRef, String element, String why) {
        notMapped.add(resourceRef + " " + element + (why == null ? "" : " (" + why + ")"));
    }

    public String source() {
        return source;
    }

    /** Resources kept, per type. */
    public Map<String, Integer> imported() {
        return Map.copyOf(imported);
    }

    public int importedCount() {
        return imported.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code Type/id: reason} for each resource not kept. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** {@code Type/id element (reason)} for each element that was present but is not kept. */
    public List<String> notMapped() {
        return List.copyOf(notMapped);
    }

    /** A readable summary for the command line. */
    public String summary() {
        StringBuilder out = new StringBuilder(source + ": imported " + importedCount() + " resources " + imported);
        if (!skipped.isEmpty()) {
            out.append(System.lineSeparator()).append("  skipped ").append(skipped.size()).append(':');
            skipped.forEach(s -> out.append(System.lineSeparator()).append("    ").append(s));
        }
        if (!notMapped.isEmpty()) {
            out.append(System.lineSeparator()).append("  not mapped ").append(notMapped.size()).append(':');
            notMapped.forEach(s -> out.append(System.lineSeparator()).append("    ").append(s));
        }
        return out.toString();
    }
}
