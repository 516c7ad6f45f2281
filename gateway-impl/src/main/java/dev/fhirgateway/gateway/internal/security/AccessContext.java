package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a FHIR request is made by and what it may see, established once per request before its handler runs
 * and kept in the request's user data.
 *
 * @param practice the practice (tenant) the request is made for
 * @param clientId the OAuth client ({@code -} in development header mode)
 * @param scopes the granted resource scopes
 * @param patient the launch patient (a plain id): when present, only this patient's compartment is visible
 * @param fhirUser the user the request is made for (e.g. {@code Practitioner/7}), if any
 */
public record AccessContext(String practice, String clientId, GrantedScopes scopes, Optional<String> patient,
        Optional<String> fhirUser) {

    private static final String KEY = AccessContext.class.getName();

    public AccessContext {
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(fhirUser, "fhirUser");
    }

    /** Keeps this context for the rest of the request. */
    public void attachTo(RequestDetails request) {
        request.getUserData().put(KEY, this);
    }

    /** The context of a request that passed authentication, if any (for logging). */
    public static Optional<AccessContext> ofIfAny(RequestDetails request) {
        return Optional.ofNullable((AccessContext) request.getUserData().get(KEY));
    }

    /** The context of a request that passed authentication. */
    public static AccessContext of(RequestDetails request) {
        return ofIfAny(request).orElseThrow(
                () -> new InternalErrorException("request reached a handler without an access context"));
    }

    /**
     * What a paging link is bound to besides the practice: the patient context, so a link minted for one
     * patient's compartment does not work with a token for another patient (or none).
     */
    public String pagingBinding() {
        return patient.map(p -> "patient:" + p).orElse("");
    }
}
