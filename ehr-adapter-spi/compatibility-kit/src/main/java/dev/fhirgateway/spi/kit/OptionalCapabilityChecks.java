package dev.fhirgateway.spi.kit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SearchValue.Date.Precision;
import dev.fhirgateway.spi.SearchValue.Prefix;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The kit's checks of the SPI's optional capabilities (SPI 1.1), run only for adapters that declare them:
 * {@code _lastUpdated} (every resource carries {@code meta.lastUpdated}; ranges of two criteria) and counting
 * ({@code EhrAdapter.count} agrees with what the searches return, for the practice only). The searches by
 * {@code _lastUpdated} with every prefix run with the other declared parameters.
 */
final class OptionalCapabilityChecks {

    /** Counts are compared for at most this many searches of each parameter. */
    private static final int COUNTED_CASES_PER_PARAMETER = 3;

    private final AdapterProbe probe;
    private final String practice;
    private final String otherPractice;
    private final int pageSize;
    private final SearchResultCheck searchCheck;

    OptionalCapabilityChecks(AdapterProbe probe, String practice, String otherPractice, int pageSize,
            SearchResultCheck searchCheck) {
        this.probe = probe;
        this.practice = practice;
        this.otherPractice = otherPractice;
        this.pageSize = pageSize;
        this.searchCheck = searchCheck;
    }

    Stream<DynamicNode> forType(TypeData d) {
        List<DynamicNode> nodes = new ArrayList<>();
        if (d.support().searchParameter(SearchParameterSupport.LAST_UPDATED).isPresent()) {
            nodes.add(dynamicContainer("_lastUpdated (declared)", lastUpdated(d)));
        }
        if (probe.adapter().canCount(d.type())) {
            nodes.add(dynamicContainer("counting (canCount is true)", counting(d)));
        }
        return nodes.stream();
    }

    private Stream<DynamicNode> lastUpdated(TypeData d) {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("every resource carries meta.lastUpdated", () -> {
            List<String> without = d.resources().stream().filter(r -> !r.getMeta().hasLastUpdated())
                    .map(r -> d.type() + "/" + TypeData.id(r)).toList();
            if (!without.isEmpty()) {
                throw new AssertionError("resources without meta.lastUpdated, although " + d.type()
                        + " declares _lastUpdated: " + without);
            }
        }));
        List<Instant> times = d.resources().stream().filter(r -> r.getMeta().hasLastUpdated())
                .map(r -> r.getMeta().getLastUpdated().toInstant()).sorted().toList();
        if (times.isEmpty()) {
            return nodes.stream();
        }
        LocalDateTime first = LocalDateTime.ofInstant(times.get(0), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime last = LocalDateTime.ofInstant(times.get(times.size() - 1), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
        nodes.add(range(d, "a range around every resource (ge first second, le last second) finds them all",
                at(Prefix.GE, first), at(Prefix.LE, last)));
        nodes.add(range(d, "a range after every resource (gt the last second, lt a day later) finds none",
                at(Prefix.GT, last), at(Prefix.LT, last.plusDays(1))));
        nodes.add(range(d, "a range of the first second (ge, lt one second later)",
                at(Prefix.GE, first), at(Prefix.LT, first.plusSeconds(1))));
        return nodes.stream();
    }

    private DynamicNode range(TypeData d, String name, SearchValue.Date from, SearchValue.Date to) {
        SearchCase c = new SearchCase(d.type(), List.of(criterion(from), criterion(to)),
                "_lastUpdated: " + name);
        return dynamicTest(c.displayName(), () -> searchCheck.check(d, c));
    }

    private static SearchValue.Date at(Prefix prefix, LocalDateTime utc) {
        return new SearchValue.Date(prefix, utc, Precision.SECOND, ZoneOffset.UTC);
    }

    private static SearchCriterion criterion(SearchValue value) {
        return new SearchCriterion(SearchParameterSupport.LAST_UPDATED, List.of(value));
    }

    private Stream<DynamicNode> counting(TypeData d) {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("count without criteria is the number of the practice's resources", () -> {
            long counted = count(practice, new SearchRequest(d.type(), List.of(), pageSize, null));
            if (counted != d.resources().size()) {
                throw new AssertionError("count(" + d.type() + "?) for practice " + practice + " is " + counted
                        + ", but the search without criteria returns " + d.resources().size() + " resources");
            }
        }));
        nodes.add(dynamicTest("count for the other practice is the number of its resources", () -> {
            long counted = count(otherPractice, new SearchRequest(d.type(), List.of(), pageSize, null));
            if (counted != d.otherResources().size()) {
                throw new AssertionError("count(" + d.type() + "?) for practice " + otherPractice + " is " + counted
                        + ", but the search without criteria returns " + d.otherResources().size() + " resources");
            }
        }));
        CriteriaSampler sampler = new CriteriaSampler(d.type(), d.resources(), d.oracle());
        for (SearchParameterSupport p : d.support().searchParameters()) {
            for (SearchCase c : sampler.singleParameterCases(p).stream().limit(COUNTED_CASES_PER_PARAMETER).toList()) {
                nodes.add(dynamicTest("count " + c.displayName() + " equals the matches", () -> {
                    int expected = d.oracle().expectedIds(d.resources(), c.criteria()).size();
                    long counted = count(practice, new SearchRequest(d.type(), c.criteria(), pageSize, null));
                    if (counted != expected) {
                        throw new AssertionError("count of " + c.query() + " for practice " + practice + " is "
                                + counted + "; " + expected + " resources match");
                    }
                }));
            }
        }
        nodes.add(dynamicTest("count of an undeclared parameter fails with UNSUPPORTED_SEARCH", () -> {
            SearchRequest request = new SearchRequest(d.type(), List.of(new SearchCriterion("kit-undeclared-parameter",
                    List.of(new SearchValue.Token(null, "x")))), pageSize, null);
            try {
                long counted = count(practice, request);
                throw new AssertionError("count with an undeclared parameter answered " + counted
                        + "; expected AdapterException UNSUPPORTED_SEARCH");
            } catch (AdapterException e) {
                if (e.reason() != AdapterException.Reason.UNSUPPORTED_SEARCH) {
                    throw new AssertionError("count with an undeclared parameter failed with " + e.reason()
                            + "; expected UNSUPPORTED_SEARCH", e);
                }
            }
        }));
        return nodes.stream();
    }

    private long count(String forPractice, SearchRequest request) {
        return probe.adapter().count(probe.context(forPractice), request);
    }
}
