package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.Optional;

/**
 * The security hooks the FHIR server registers besides practice attribution: SMART discovery (absent in
 * development header mode, which has no authorization server) and the scope check.
 *
 * @param discovery serves {@code .well-known/smart-configuration}
 * @param scopes refuses interactions the token has no scope for
 */
public record SecurityInterceptors(Optional<SmartConfigurationInterceptor> discovery, ScopeInterceptor scopes) {

    public void registerOn(RestfulServer server) {
        discovery.ifPresent(server::registerInterceptor);
        server.registerInterceptor(scopes);
    }
}
