package dev.fhirgateway.gateway.internal.chain;

import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.spi.SearchCriterion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The chained parameters of one search, checked and parsed but not yet resolved (resolving asks the adapters).
 *
 * @param remaining the request's other parameters, for the usual parsing
 * @param chainedNames every chained parameter name the request had, applied or ignored
 * @param chains the chains to resolve, one per value (several values of one chain are AND, as in FHIR)
 * @param applied the chained parameters applied, as given (name to raw values), for paging and self links
 */
public record ChainPlan(Map<String, String[]> remaining, Set<String> chainedNames, List<Chain> chains,
        SortedMap<String, List<String>> applied) {

    /**
     * One chained criterion to resolve.
     *
     * @param parameter the chained parameter as given, for messages
     * @param reference the searched type's reference parameter that receives the resolved ids
     * @param target the adapter serving the referenced type
     * @param criteria the criteria on the referenced type, parsed with its adapter's declarations
     */
    public record Chain(String parameter, String reference, AdapterRegistry.Route target, List<SearchCriterion> criteria) {

        public Chain {
            criteria = List.copyOf(criteria);
        }
    }

    public ChainPlan {
        remaining = Map.copyOf(remaining);
        chainedNames = Set.copyOf(chainedNames);
        chains = List.copyOf(chains);
        applied = new TreeMap<>(applied);
    }

    /** Whether the search has chains to resolve. */
    public boolean isEmpty() {
        return chains.isEmpty();
    }
}
