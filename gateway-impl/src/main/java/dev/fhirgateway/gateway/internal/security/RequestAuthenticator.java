package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Optional;

/** Establishes who a FHIR request is made by: from its bearer token, or (development only) from a header. */
public interface RequestAuthenticator {

    /**
     * @return the request's access context
     * @throws BaseServerResponseException the answer for a request that cannot be authenticated (401, or 503
     *     when the token cannot be checked right now)
     */
    AccessContext authenticate(RequestDetails request);

    /**
     * Who sent a request that is answered without authentication (a refused write), for metering and the audit
     * line only: the access context of a valid access token, or empty. Never used to grant anything.
     */
    default Optional<AccessContext> identifyIfValid(RequestDetails request) {
        return Optional.empty();
    }
}
