package dev.fhirgateway.gateway.internal.security;

import dev.fhirgateway.gateway.internal.security.SmartScope.Level;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The resource scopes a token was granted, and the decisions they make.
 *
 * <p>Rules (SMART App Launch 2.x, 1.x scopes read as their v2 equivalents):
 * <ul>
 *   <li>reading one resource needs {@code r}, searching needs {@code s};</li>
 *   <li>{@code patient/} scopes count only when the token has a patient context (a {@code patient} claim): a
 *       patient-level scope without a patient would otherwise reach every patient;</li>
 *   <li>when several scopes permit an interaction, the widest wins: one without a query makes it unrestricted,
 *       otherwise the resource must match one of the granular scopes' queries.</li>
 * </ul>
 */
public final class GrantedScopes {

    /** Every read on every type, unrestricted: what the development header mode grants. */
    public static final GrantedScopes ALL_READ = parse(List.of("system/*.rs"));

    private final List<SmartScope> scopes;

    private GrantedScopes(List<SmartScope> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /** The resource scopes among {@code granted}; other and malformed scopes are dropped (they grant nothing). */
    public static GrantedScopes parse(Collection<String> granted) {
        List<SmartScope> parsed = new ArrayList<>();
        for (String s : granted) {
            SmartScope.parse(s).ifPresent(parsed::add);
        }
        return new GrantedScopes(parsed);
    }

    /**
     * @param permission {@link Permission#READ} for a read, {@link Permission#SEARCH} for a search
     * @param resourceType the type read or searched
     * @param hasPatientContext whether the token has a launch patient
     */
    public ScopeDecision decide(Permission permission, String resourceType, boolean hasPatientContext) {
        List<Map<String, List<String>>> restrictions = new ArrayList<>();
        boolean allowed = false;
        for (SmartScope scope : scopes) {
            if (!scope.permits(permission, resourceType)) {
                continue;
            }
            if (scope.level() == Level.PATIENT && !hasPatientContext) {
                continue;
            }
            if (!scope.isRestricted()) {
                return ScopeDecision.unrestricted();
            }
            allowed = true;
            restrictions.add(scope.query());
        }
        return allowed ? new ScopeDecision(true, restrictions) : ScopeDecision.denied();
    }

    /** Whether any resource scope was granted at all. */
    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    /** The parsed scopes (for tests and diagnostics). */
    public List<SmartScope> scopes() {
        return scopes;
    }
}
