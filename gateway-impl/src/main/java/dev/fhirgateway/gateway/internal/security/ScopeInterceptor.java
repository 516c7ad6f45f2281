package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import dev.fhirgateway.gateway.internal.outcome.HookResponses;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import java.util.Optional;

/**
 * Answers 403 ({@code forbidden}) before the handler runs when the token has no scope for the interaction on
 * the requested type: reads need {@code r}, searches {@code s}. Written without throwing (see
 * {@link HookResponses}). Finer restrictions (patient compartment, granular scopes) are applied where the
 * adapter is called, by {@link AccessPolicy}; pages after the first are checked there too, since only their
 * sealed token knows the type.
 */
@Interceptor
public final class ScopeInterceptor {

    private final AccessPolicy policy;

    public ScopeInterceptor(AccessPolicy policy) {
        this.policy = policy;
    }

    /** @return false (request answered with 403) when no scope permits the interaction */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = PracticeAttributionInterceptor.ORDER + 100)
    public boolean checkScopes(RequestDetails request) {
        Optional<AccessContext> access = AccessContext.ofIfAny(request);
        if (access.isEmpty() || request.getRestOperationType() == null || request.getResourceName() == null) {
            return true; // metadata, or a request the attribution hook already answered
        }
        Permission needed = switch (request.getRestOperationType()) {
            case READ -> Permission.READ;
            case SEARCH_TYPE -> Permission.SEARCH;
            default -> null;
        };
        if (needed == null) {
            return true;
        }
        try {
            policy.require(access.get(), needed, request.getResourceName());
            return true;
        } catch (ForbiddenOperationException refused) {
            return HookResponses.answer(request, refused);
        }
    }
}
