package dev.fhirgateway.gateway.internal.chain;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.adapter.SearchScan;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.search.ClientNames;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterType;
import dev.fhirgateway.spi.SearchValue;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Chained search parameters ({@code PractitionerRole?practitioner.identifier=...}), resolved by the gateway so
 * adapters only ever see plain criteria: the referenced type is searched with the chained criterion (all pages,
 * at most {@link #MAX_CHAIN_TARGETS} matches), and the search continues with the reference parameter set to
 * those ids (an OR list). No match means an empty result without asking the adapter.
 *
 * <p>The chains offered are US Core 6.1.0's ({@code PractitionerRole.practitioner} with {@code identifier} and
 * {@code name}), where the adapters declare every parameter involved. Others are refused with 400 naming them,
 * or ignored under {@code Prefer: handling=lenient}, like unknown parameters. The referenced type is searched for
 * the request's practice and under the token's restrictions on that type, so a chain never reveals what the
 * token could not have searched for directly. Paging links carry the chained parameter, not the ids, and each
 * page resolves it again the same way (sorted ids, so the adapter sees the same criteria).
 */
@Singleton
public final class ChainResolver {

    /** Matches of a chained criterion above which the search is refused rather than sent as a huge OR list. */
    public static final int MAX_CHAIN_TARGETS = 1000;

    /** A chain US Core defines: {@code sourceType?reference.parameter} for each of the target's parameters. */
    private record UsCoreChain(String sourceType, String reference, String targetType, List<String> targetParameters) {
    }

    private static final List<UsCoreChain> US_CORE_CHAINS = List.of(
            new UsCoreChain("PractitionerRole", "practitioner", "Practitioner", List.of("identifier", "name")));

    private final AdapterRegistry registry;
    private final SearchCriteriaParser parser;
    private final AccessPolicy policy;
    private final AdapterCallExecutor calls;
    private final SearchScan scan;

    @Inject
    public ChainResolver(AdapterRegistry registry, SearchCriteriaParser parser, AccessPolicy policy,
            AdapterCallExecutor calls, SearchScan scan) {
        this.registry = registry;
        this.parser = parser;
        this.policy = policy;
        this.calls = calls;
        this.scan = scan;
    }

    /**
     * The chains offered on searches of {@code type}, as the CapabilityStatement documents them: reference
     * parameter to the parameters of the referenced type that may follow it, in a stable order.
     */
    public Map<String, List<String>> supportedChains(String type) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Optional<ResourceSupport> searched = registry.route(type).map(AdapterRegistry.Route::support);
        if (searched.isEmpty()) {
            return out;
        }
        for (UsCoreChain chain : US_CORE_CHAINS) {
            for (String parameter : chain.targetParameters()) {
                ChainedParameter chained = new ChainedParameter(chain.reference() + "." + parameter, chain.reference(),
                        null, parameter);
                if (target(searched.get(), chained).isPresent()) {
                    out.computeIfAbsent(chain.reference(), k -> new ArrayList<>()).add(parameter);
                }
            }
        }
        return out;
    }

    /**
     * Checks and parses the chained parameters of a search; asks no adapter.
     *
     * @param searched what the adapter declared for the searched type
     * @param parameters the request's parameters
     * @param lenient whether unsupported chains are ignored rather than refused
     * @throws InvalidRequestException naming every unsupported chain (strict) and every malformed chained value
     */
    public ChainPlan plan(ResourceSupport searched, Map<String, String[]> parameters, boolean lenient) {
        Map<String, String[]> remaining = new TreeMap<>();
        Set<String> chainedNames = new TreeSet<>();
        List<ChainPlan.Chain> chains = new ArrayList<>();
        SortedMap<String, List<String>> applied = new TreeMap<>();
        List<String> unsupported = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Map.Entry<String, String[]> e : new TreeMap<>(parameters).entrySet()) {
            Optional<ChainedParameter> chained = ChainedParameter.parse(e.getKey());
            if (chained.isEmpty()) {
                remaining.put(e.getKey(), e.getValue());
                continue;
            }
            chainedNames.add(e.getKey());
            Optional<AdapterRegistry.Route> target = target(searched, chained.get());
            if (target.isEmpty()) {
                unsupported.add("Chained parameter " + ClientNames.quote(e.getKey()) + " is not supported for " + searched.resourceType()
                        + ". Supported chains: " + describe(supportedChains(searched.resourceType())));
                continue;
            }
            for (String value : e.getValue()) {
                if (value == null || value.isEmpty()) {
                    continue; // FHIR: a parameter without a value is ignored
                }
                try {
                    List<SearchCriterion> criteria = parser.parse(target.get().support(),
                            Map.of(chained.get().targetParameter(), new String[] {value}), false).criteria();
                    chains.add(new ChainPlan.Chain(e.getKey(), chained.get().reference(), target.get(), criteria));
                    applied.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(value);
                } catch (InvalidRequestException ex) {
                    invalid.add("Chained parameter " + ClientNames.quote(e.getKey()) + ": " + ex.getMessage());
                }
            }
        }
        List<String> problems = new ArrayList<>(invalid);
        if (!lenient) {
            problems.addAll(unsupported);
        }
        if (!problems.isEmpty()) {
            OperationOutcome oo = dev.fhirgateway.gateway.internal.outcome.OperationOutcomes.newOutcome();
            for (String p : problems) {
                oo.addIssue().setSeverity(IssueSeverity.ERROR)
                        .setCode(unsupported.contains(p) ? IssueType.NOTSUPPORTED : IssueType.INVALID).setDiagnostics(p);
            }
            throw new InvalidRequestException(String.join("; ", problems), oo);
        }
        return new ChainPlan(remaining, chainedNames, chains, applied);
    }

    /**
     * Resolves the planned chains for the request's practice and token.
     *
     * @return the criteria on the searched type's reference parameters; empty when a chain matches nothing, so
     *     the search has no result
     * @throws InvalidRequestException (400, too-costly) when a chain matches more than {@link #MAX_CHAIN_TARGETS}
     */
    public Optional<List<SearchCriterion>> resolve(RequestDetails request, ChainPlan plan) {
        if (plan.isEmpty()) {
            return Optional.of(List.of());
        }
        AccessContext access = AccessContext.of(request);
        CallContext context = calls.contextFor(request, access.practice());
        List<SearchCriterion> out = new ArrayList<>();
        for (ChainPlan.Chain chain : plan.chains()) {
            String targetType = chain.target().support().resourceType();
            List<SearchCriterion> criteria = new ArrayList<>(chain.criteria());
            criteria.addAll(policy.narrowing(access, Permission.SEARCH, chain.target().support()));
            List<Resource> matches = scan.upTo(context, chain.target(), criteria, MAX_CHAIN_TARGETS)
                    .orElseThrow(() -> tooBroad(chain.parameter(), targetType));
            // Sorted and without duplicates: every page of the search sends the adapter the same criteria.
            Set<String> ids = new TreeSet<>();
            matches.stream().filter(r -> r.fhirType().equals(targetType))
                    .forEach(r -> ids.add(r.getIdElement().getIdPart()));
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            out.add(new SearchCriterion(chain.reference(),
                    ids.stream().map(id -> (SearchValue) new SearchValue.Reference(targetType, id)).toList()));
        }
        return Optional.of(out);
    }

    /** The adapter of the chain's referenced type, if the chain is one the gateway offers on this type. */
    private Optional<AdapterRegistry.Route> target(ResourceSupport searched, ChainedParameter chained) {
        for (UsCoreChain chain : US_CORE_CHAINS) {
            boolean matches = chain.sourceType().equals(searched.resourceType())
                    && chain.reference().equals(chained.reference())
                    && (chained.targetType() == null || chain.targetType().equals(chained.targetType()))
                    && chain.targetParameters().contains(chained.targetParameterName())
                    && searched.searchParameter(chain.reference())
                            .filter(p -> p.type() == SearchParameterType.REFERENCE).isPresent();
            if (matches) {
                return registry.route(chain.targetType())
                        .filter(r -> r.support().searchParameter(chained.targetParameterName()).isPresent());
            }
        }
        return Optional.empty();
    }

    private static String describe(Map<String, List<String>> chains) {
        Set<String> names = new LinkedHashSet<>();
        chains.forEach((reference, parameters) -> parameters.forEach(p -> names.add(reference + "." + p)));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static InvalidRequestException tooBroad(String parameter, String targetType) {
        String message = "The chained parameter '" + parameter + "' matches more than " + MAX_CHAIN_TARGETS + " "
                + targetType + " resources: the chain is too broad. Make it more specific.";
        return new InvalidRequestException(message, OperationOutcomes.error(IssueType.TOOCOSTLY, message));
    }
}
