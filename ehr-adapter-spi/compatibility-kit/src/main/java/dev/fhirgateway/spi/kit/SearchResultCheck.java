package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.SearchCriterion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs one search through all its pages and compares what came back with what the oracle expects, failing with
 * a message that names the search, the ids missing and the ids that should not be there, each with the values
 * the searched parameters index in it, so the author can see why it should or should not match.
 */
final class SearchResultCheck {

    private final AdapterProbe probe;
    private final String practice;
    private final String otherPractice;
    private final int pageSize;

    SearchResultCheck(AdapterProbe probe, String practice, String otherPractice, int pageSize) {
        this.probe = probe;
        this.practice = practice;
        this.otherPractice = otherPractice;
        this.pageSize = pageSize;
    }

    void check(TypeData data, SearchCase search) {
        AdapterProbe.Walk walk = probe.walk(practice, search.resourceType(), search.criteria(), pageSize);
        Set<String> expected = data.oracle().expectedIds(data.resources(), search.criteria());
        Set<String> actual = new LinkedHashSet<>(walk.ids());
        List<String> problems = new ArrayList<>();

        List<String> wrongType = walk.resources().stream().filter(r -> !r.fhirType().equals(search.resourceType()))
                .map(r -> r.fhirType() + "/" + TypeData.id(r)).toList();
        if (!wrongType.isEmpty()) {
            problems.add("returned resources of another type: " + wrongType);
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<String> unexpected = new LinkedHashSet<>(actual);
        unexpected.removeAll(expected);
        Map<String, Resource> all = byId(data.resources());
        Map<String, Resource> returned = byId(walk.resources());
        if (!missing.isEmpty()) {
            problems.add("missing (they match, but were not returned): " + describe(data, missing, all::get, search));
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected (returned, but they do not match): "
                    + describe(data, unexpected, id -> all.getOrDefault(id, returned.get(id)), search));
        }
        List<String> duplicates = walk.duplicateIds();
        if (!duplicates.isEmpty()) {
            problems.add("returned more than once across the pages: " + duplicates);
        }
        List<Integer> oversized = new ArrayList<>();
        for (int i = 0; i < walk.pages().size(); i++) {
            if (walk.pages().get(i).resources().size() > pageSize) {
                oversized.add(i + 1);
            }
        }
        if (!oversized.isEmpty()) {
            problems.add("pages " + oversized + " hold more than the page size " + pageSize);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("search " + search.query() + " [" + search.purpose() + "] for practice "
                    + practice + ", page size " + pageSize + ": expected " + expected.size() + " resources "
                    + expected + ", got " + walk.ids().size() + " in " + walk.pages().size() + " pages.\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** Each id with the values the searched parameters index in it, and whose it is when not the practice's. */
    private String describe(TypeData data, Set<String> ids, Function<String, Resource> lookup, SearchCase search) {
        List<String> parameters = search.criteria().stream().map(SearchCriterion::parameter).distinct().toList();
        return ids.stream().map(id -> {
            String owner = data.ids().contains(id) ? ""
                    : data.otherIds().contains(id) ? " (a resource of the other practice " + otherPractice + "!)"
                    : " (not among the practice's resources)";
            Resource r = lookup.apply(id);
            if (r == null) {
                return id + owner;
            }
            String values = parameters.stream()
                    .map(p -> p + " = " + IndexedValuesFormat.format(data.oracle().values(r, p)))
                    .collect(Collectors.joining("; "));
            return id + owner + " {" + values + "}";
        }).collect(Collectors.joining(", ", "[", "]"));
    }

    private static Map<String, Resource> byId(List<Resource> resources) {
        Map<String, Resource> out = new java.util.LinkedHashMap<>();
        resources.forEach(r -> out.putIfAbsent(TypeData.id(r), r));
        return out;
    }
}
