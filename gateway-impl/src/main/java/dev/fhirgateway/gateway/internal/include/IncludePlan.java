package dev.fhirgateway.gateway.internal.include;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The includes a search applies to each of its pages.
 *
 * @param includes the {@code _include}s: references in the page's resources to follow
 * @param revincludes the {@code _revinclude}s: resources referring to the page's resources
 * @param applied the include parameters applied, as given (name to raw values), carried in paging links
 */
public record IncludePlan(List<IncludeSpec> includes, List<IncludeSpec> revincludes,
        SortedMap<String, List<String>> applied) {

    /** A search without includes. */
    public static final IncludePlan NONE = new IncludePlan(List.of(), List.of(), new TreeMap<>());

    public IncludePlan {
        includes = List.copyOf(includes);
        revincludes = List.copyOf(revincludes);
        applied = new TreeMap<>(applied);
    }

    public boolean isEmpty() {
        return includes.isEmpty() && revincludes.isEmpty();
    }
}
