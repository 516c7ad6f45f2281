package dev.fhirgateway.gateway.internal.search;

import java.util.Arrays;
import java.util.Optional;

/**
 * The result parameters ({@code _count}, {@code _format}...) the gateway recognises, and whether it applies
 * them or refuses them. Everything else that starts with an underscore is unknown.
 */
enum SearchControlParameter {
    COUNT("_count", true),
    FORMAT("_format", true),
    PRETTY("_pretty", true),
    SUMMARY("_summary", true),
    ELEMENTS("_elements", true),
    /** HAPI's offset paging returns whole result sets from cursor-paged providers; paging links are the way. */
    OFFSET("_offset", false),
    SORT("_sort", false),
    INCLUDE("_include", false),
    REVINCLUDE("_revinclude", false),
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

    static Optional<SearchControlParameter> byCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
