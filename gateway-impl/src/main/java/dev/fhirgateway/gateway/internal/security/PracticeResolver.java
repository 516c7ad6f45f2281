package dev.fhirgateway.gateway.internal.security;

import java.util.Optional;

/**
 * Decides which practice (tenant) a request is made for. Every FHIR request except the
 * CapabilityStatement needs a practice; a request without one is answered 401.
 *
 * <p>The gateway ships a header-based resolver for development ({@code X-Practice-Pin}); production
 * deployments take the practice from the verified access token.
 */
public interface PracticeResolver {

    /**
     * The practice the request is made for.
     *
     * @return empty when the request does not establish a practice
     */
    Optional<String> resolve(InboundRequest request);
}
