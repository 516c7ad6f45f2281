package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchValue;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Decides what a request may see of one resource type, and turns that into search criteria the adapter
 * applies: the patient compartment of a patient-context token and the queries of granular scopes.
 *
 * <p>The criteria are added to the client's own as AND criteria, so no client parameter can widen them, and
 * they are recomputed from the current token for every page of a search. When a restriction cannot be
 * expressed with the parameters the adapter declared, the request is refused (403) rather than answered
 * unrestricted.
 */
@Singleton
public final class AccessPolicy {

    private final SearchCriteriaParser parser;

    @Inject
    public AccessPolicy(SearchCriteriaParser parser) {
        this.parser = parser;
    }

    /**
     * Whether the token's scopes permit the interaction on the type at all.
     *
     * @throws ForbiddenOperationException (403) when no scope does
     */
    public ScopeDecision require(AccessContext access, Permission permission, String resourceType) {
        ScopeDecision decision = access.scopes().decide(permission, resourceType, access.patient().isPresent());
        if (!decision.allowed()) {
            throw forbidden("The access token's scopes do not permit "
                    + (permission == Permission.READ ? "reading " : "searching ") + resourceType + " resources.");
        }
        return decision;
    }

    /**
     * The criteria every resource of the interaction must also match; empty when the token may see every
     * resource of the type in its practice.
     *
     * @throws ForbiddenOperationException (403) when not permitted, or when a restriction cannot be applied
     */
    public List<SearchCriterion> narrowing(AccessContext access, Permission permission, ResourceSupport support) {
        ScopeDecision decision = require(access, permission, support.resourceType());
        List<SearchCriterion> criteria = new ArrayList<>();
        access.patient().ifPresent(patient -> criteria.add(compartment(support, patient)));
        criteria.addAll(granular(support, decision.restrictions()));
        return List.copyOf(criteria);
    }

    /** Patient: {@code _id=<patient>}; every other type: {@code patient=Patient/<patient>}. */
    private SearchCriterion compartment(ResourceSupport support, String patient) {
        String type = support.resourceType();
        String parameter = type.equals("Patient") ? "_id" : "patient";
        if (support.searchParameter(parameter).isEmpty()) {
            throw forbidden("Patient-context tokens cannot be used for " + type + ": this server cannot limit it to"
                    + " one patient.");
        }
        String value = type.equals("Patient") ? patient : "Patient/" + patient;
        return parseExactly(support, Map.of(parameter, List.of(value))).get(0);
    }

    /** The union of the granular scopes' queries, as criteria. */
    private List<SearchCriterion> granular(ResourceSupport support, List<Map<String, List<String>>> restrictions) {
        if (restrictions.isEmpty()) {
            return List.of();
        }
        if (restrictions.size() == 1) {
            return parseExactly(support, restrictions.get(0));
        }
        // Several granular scopes: a resource may match any of them. Expressible as criteria only when each
        // restricts the same single parameter (category=a OR category=b), which is what US Core's are.
        String name = singleParameter(restrictions.get(0));
        List<SearchValue> anyOf = new ArrayList<>();
        for (Map<String, List<String>> restriction : restrictions) {
            if (name == null || !name.equals(singleParameter(restriction))) {
                throw forbidden("The access token's scopes for " + support.resourceType() + " combine restrictions"
                        + " this server cannot apply together.");
            }
            anyOf.addAll(parseExactly(support, restriction).get(0).anyOf());
        }
        return List.of(new SearchCriterion(parseExactly(support, restrictions.get(0)).get(0).parameter(), anyOf));
    }

    private static String singleParameter(Map<String, List<String>> restriction) {
        if (restriction.size() != 1) {
            return null;
        }
        Map.Entry<String, List<String>> only = restriction.entrySet().iterator().next();
        return only.getValue().size() == 1 ? only.getKey() : null;
    }

    /**
     * Parses a restriction with the adapter's declared parameter types, insisting that every value became a
     * criterion: a restriction that is silently dropped would widen access.
     */
    private List<SearchCriterion> parseExactly(ResourceSupport support, Map<String, List<String>> restriction) {
        Map<String, String[]> asArrays = new TreeMap<>();
        int values = 0;
        for (Map.Entry<String, List<String>> e : restriction.entrySet()) {
            String name = e.getKey().contains(":") ? e.getKey().substring(0, e.getKey().indexOf(':')) : e.getKey();
            if (support.searchParameter(name).isEmpty()) {
                throw forbidden("The access token's scopes restrict " + support.resourceType() + " by '" + name
                        + "', which this server cannot search by.");
            }
            asArrays.put(e.getKey(), e.getValue().toArray(String[]::new));
            values += e.getValue().size();
        }
        List<SearchCriterion> criteria;
        try {
            criteria = parser.parse(support, asArrays, false).criteria();
        } catch (InvalidRequestException e) {
            throw forbidden("The access token's scopes for " + support.resourceType() + " carry a restriction this"
                    + " server cannot read.");
        }
        if (criteria.size() != values) {
            throw forbidden("The access token's scopes for " + support.resourceType() + " carry a restriction this"
                    + " server cannot apply.");
        }
        return criteria;
    }

    static ForbiddenOperationException forbidden(String message) {
        return new ForbiddenOperationException(message, OperationOutcomes.error(IssueType.FORBIDDEN, message));
    }
}
