package dev.fhirgateway.gateway.internal.security;

import java.util.List;
import java.util.Map;

/**
 * What a token's scopes allow for one interaction on one resource type.
 *
 * @param allowed whether any scope permits the interaction
 * @param restrictions when allowed: empty if some scope permits it without restriction; otherwise the search
 *     restrictions of the granular scopes that permit it, any one of which a resource must match
 */
public record ScopeDecision(boolean allowed, List<Map<String, List<String>>> restrictions) {

    public ScopeDecision {
        restrictions = List.copyOf(restrictions);
    }

    static ScopeDecision denied() {
        return new ScopeDecision(false, List.of());
    }

    static ScopeDecision unrestricted() {
        return new ScopeDecision(true, List.of());
    }
}
