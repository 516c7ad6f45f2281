package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** Establishes who a FHIR request is made by: from its bearer token, or (development only) from a header. */
public interface RequestAuthenticator {

    /**
     * @return the request's access context
     * @throws BaseServerResponseException the answer for a request that cannot be authenticated (401, or 503
     *     when the token cannot be checked right now)
     */
    AccessContext authenticate(RequestDetails request);
}
