package dev.fhirgateway.gateway.internal.search;

import ca.uhn.fhir.rest.api.QualifiedParamList;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Turns a search request's query parameters into the SPI's typed criteria, using the types the adapter
 * declared for its parameters.
 *
 * <p>Strict by default: an unknown parameter, a refused result parameter ({@code _sort}...) or a malformed
 * value fails the whole search with 400 and an {@code OperationOutcome} that lists every problem. With
 * {@code Prefer: handling=lenient} unknown and refused parameters are ignored instead; malformed values
 * of known parameters still fail.
 */
public final class SearchCriteriaParser {

    /**
     * The parsed search.
     *
     * @param criteria the criteria for the adapter
     * @param applied the search parameters applied, as given (name with modifier to raw values), for paging links
     * @param pageSize the page size after {@code _count} and the configured limits
     */
    public record ParsedSearch(List<SearchCriterion> criteria, SortedMap<String, List<String>> applied, int pageSize) {
    }

    private final int defaultCount;
    private final int maxCount;

    public SearchCriteriaParser(int defaultCount, int maxCount) {
        this.defaultCount = defaultCount;
        this.maxCount = maxCount;
    }

    /** The page size of a search without {@code _count}. */
    public int defaultCount() {
        return defaultCount;
    }

    /** The largest page size; a larger {@code _count} is lowered to it. */
    public int maxCount() {
        return maxCount;
    }

    /**
     * @param support what the adapter declared for the resource type
     * @param parameters the request's parameters (name, possibly with ':modifier', to values)
     * @param lenient whether unknown parameters are ignored rather than refused
     * @throws InvalidRequestException listing every problem found
     */
    public ParsedSearch parse(ResourceSupport support, Map<String, String[]> parameters, boolean lenient) {
        List<String> problems = new ArrayList<>();
        List<SearchCriterion> criteria = new ArrayList<>();
        SortedMap<String, List<String>> applied = new TreeMap<>();
        int pageSize = defaultCount;

        for (Map.Entry<String, String[]> e : new TreeMap<>(parameters).entrySet()) {
            String qualifiedName = e.getKey();
            int colon = qualifiedName.indexOf(':');
            String name = colon < 0 ? qualifiedName : qualifiedName.substring(0, colon);
            String modifier = colon < 0 ? null : qualifiedName.substring(colon + 1);

            Optional<SearchControlParameter> control = SearchControlParameter.byCode(name);
            if (control.isPresent()) {
                if (!control.get().isSupported() && !lenient) {
                    problems.add("Parameter '" + name + "' is not supported by this server"
                            + (control.get() == SearchControlParameter.OFFSET ? "; follow the Bundle's 'next' link to page" : ""));
                } else if (control.get() == SearchControlParameter.COUNT) {
                    try {
                        pageSize = pageSize(e.getValue());
                    } catch (InvalidSearchException ex) {
                        problems.add("Parameter '_count': " + ex.getMessage());
                    }
                }
                continue;
            }
            Optional<SearchParameterSupport> declared = support.searchParameter(name);
            if (declared.isEmpty()) {
                if (!lenient) {
                    problems.add("Unknown search parameter " + ClientNames.quote(name) + " for " + support.resourceType()
                            + ". Supported: " + support.searchParameters().stream().map(SearchParameterSupport::name)
                            .sorted().collect(Collectors.joining(", ")));
                }
                continue;
            }
            for (String rawValue : e.getValue()) {
                if (rawValue == null || rawValue.isEmpty()) {
                    continue; // FHIR: a parameter without a value is ignored
                }
                try {
                    List<SearchValue> anyOf = new ArrayList<>();
                    for (String alternative : QualifiedParamList.splitQueryStringByCommasIgnoreEscape(null, rawValue)) {
                        if (alternative != null && !alternative.isEmpty()) {
                            anyOf.add(SearchValueParser.parse(name, declared.get().type(), modifier, alternative));
                        }
                    }
                    if (!anyOf.isEmpty()) {
                        criteria.add(new SearchCriterion(name, anyOf));
                        applied.computeIfAbsent(qualifiedName, k -> new ArrayList<>()).add(rawValue);
                    }
                } catch (InvalidSearchException ex) {
                    problems.add("Parameter " + ClientNames.quote(ex.parameter()) + ": " + ex.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new ParsedSearch(List.copyOf(criteria), applied, pageSize);
    }

    /** Parses parameters saved in a paging link; they were valid when the link was made. */
    public List<SearchCriterion> reparse(ResourceSupport support, Map<String, List<String>> applied) {
        Map<String, String[]> asArrays = new TreeMap<>();
        applied.forEach((k, v) -> asArrays.put(k, v.toArray(String[]::new)));
        return parse(support, asArrays, false).criteria();
    }

    private int pageSize(String[] values) {
        if (values.length != 1) {
            throw new InvalidSearchException("_count", "give it once");
        }
        try {
            int requested = Integer.parseInt(values[0].trim());
            if (requested < 1) {
                throw new NumberFormatException();
            }
            return Math.min(requested, maxCount);
        } catch (NumberFormatException ex) {
            throw new InvalidSearchException("_count", "must be a whole number from 1 to " + maxCount);
        }
    }

    private static InvalidRequestException invalid(List<String> problems) {
        OperationOutcome oo = dev.fhirgateway.gateway.internal.outcome.OperationOutcomes.newOutcome();
        for (String p : problems) {
            IssueType type = p.startsWith("Unknown") || p.contains("not supported") ? IssueType.NOTSUPPORTED : IssueType.INVALID;
            oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(p);
        }
        return new InvalidRequestException(String.join("; ", problems), oo);
    }
}
