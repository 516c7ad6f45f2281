package dev.fhirgateway.gateway.internal.search;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result parameters ({@code _count}, {@code _format}...) the gateway recognises, and whether it applies
 * them or refuses them. Everything else that starts with an underscore is unknown.
 */
public enum SearchControlParameter {
    COUNT("_count", true),
    FORMAT("_format", true),
    PRETTY("_pretty", true),
    SUMMARY("_summary", true),
    ELEMENTS("_elements", true),
    /** HAPI's offset paging returns whole result sets from cursor-paged providers; paging links are the way. */
    OFFSET("_offset", false),
    SORT("_sort", false),
    /** Validated and applied by {@code internal.include.IncludePlanner}, not by the criteria parser. */
    INCLUDE("_include", true),
    REVINCLUDE("_revinclude", true),
    TOTAL("_total", false),
    CONTAINED("_contained", false);

    private final String code;
    private final boolean supported;

    SearchControlParameter(String code, boolean supported) {
        this.code = code;
        this.supported = supported;
    }

    String code() {
        return code;
    }

    boolean isSupported() {
        return supported;
    }

    /**
     * The result parameters of a request that HAPI applies to the response ({@code _count}, {@code _format},
     * {@code _summary}...), name to values; the include parameters are not among them.
     */
    public static SortedMap<String, List<String>> appliedByHapi(Map<String, String[]> parameters) {
        SortedMap<String, List<String>> out = new TreeMap<>();
        parameters.forEach((name, values) -> {
            if (isAppliedByHapi(name)) {
                out.put(name, List.of(values));
            }
        });
        return out;
    }

    /** Whether HAPI applies this result parameter to the response ({@code _count}, {@code _format}...). */
    public static boolean isAppliedByHapi(String name) {
        return byCode(name).filter(p -> p.supported && p != INCLUDE && p != REVINCLUDE).isPresent();
    }

    static Optional<SearchControlParameter> byCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
