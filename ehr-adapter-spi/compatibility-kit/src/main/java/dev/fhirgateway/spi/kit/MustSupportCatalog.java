package dev.fhirgateway.spi.kit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The must-support elements of each US Core 6.1.0 profile, each with a FHIRPath that finds it in a resource.
 * Generated from {@code shared/us-core/us-core-6.1.0-must-support.json}; includes the elements US Core marks as
 * "Additional USCDI Requirements", which ONC-certified servers treat as must support.
 *
 * <p>Slices become FHIRPath filters: extension slices by URL, pattern and fixed-value slices by their codes,
 * type slices by {@code ofType}. A slice discriminated only by a value-set binding is found by its element
 * alone, because the kit has no terminology server.
 */
final class MustSupportCatalog {

    static final String FILE = "us-core-6.1.0-must-support.tsv";

    /**
     * One must-support element.
     *
     * @param path the element id in the profile, e.g. {@code Patient.extension:race}
     * @param uscdiOnly whether it is must support only as an Additional USCDI Requirement
     * @param fhirPath the expression that yields the element in a resource of the profile
     */
    record Element(String path, boolean uscdiOnly, String fhirPath) {
    }

    private static final MustSupportCatalog INSTANCE = new MustSupportCatalog();

    private final Map<String, List<Element>> byProfile = new LinkedHashMap<>();

    private MustSupportCatalog() {
        for (String[] row : KitResourceFiles.rows(FILE)) {
            byProfile.computeIfAbsent(row[0], p -> new ArrayList<>())
                    .add(new Element(row[2], Boolean.parseBoolean(row[3]), row[4]));
        }
    }

    static MustSupportCatalog get() {
        return INSTANCE;
    }

    /** Whether the catalog knows the profile (a US Core 6.1.0 profile URL, without version). */
    boolean knows(String profile) {
        return byProfile.containsKey(stripVersion(profile));
    }

    /** The profile's must-support elements; empty for a profile the catalog does not know. */
    List<Element> elements(String profile) {
        return byProfile.getOrDefault(stripVersion(profile), List.of());
    }

    Map<String, List<Element>> all() {
        return Map.copyOf(byProfile);
    }

    private static String stripVersion(String profile) {
        int bar = profile.indexOf('|');
        return bar < 0 ? profile : profile.substring(0, bar);
    }
}
