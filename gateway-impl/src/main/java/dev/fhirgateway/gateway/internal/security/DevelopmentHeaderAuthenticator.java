package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The development switch ({@code fhirgateway.auth.mode=development-header}): the practice comes from a
 * request header and every request may read everything of that practice. Any client can claim any practice,
 * so this is for development and demos only; the gateway warns at startup when it is on.
 */
public final class DevelopmentHeaderAuthenticator implements RequestAuthenticator {

    private final HeaderPracticeResolver resolver;

    public DevelopmentHeaderAuthenticator(HeaderPracticeResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public AccessContext authenticate(RequestDetails request) {
        InboundRequest inbound = name -> Optional.ofNullable(request.getHeader(name));
        String practice = resolver.resolve(inbound).orElseThrow(() -> {
            String message = "This request is not attributed to a practice. Send the practice PIN in the "
                    + resolver.headerName() + " header.";
            AuthenticationException e = new AuthenticationException(message);
            e.setOperationOutcome(OperationOutcomes.error(IssueType.LOGIN, message));
            return e;
        });
        return new AccessContext(practice, "-", GrantedScopes.ALL_READ, Optional.empty(), Optional.empty());
    }

    public String headerName() {
        return resolver.headerName();
    }
}
