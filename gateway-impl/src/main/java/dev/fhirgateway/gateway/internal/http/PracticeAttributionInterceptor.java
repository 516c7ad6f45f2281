package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import dev.fhirgateway.api.InboundRequest;
import dev.fhirgateway.api.PracticeResolver;
import dev.fhirgateway.gateway.internal.fhir.OperationOutcomes;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Attributes every FHIR request to a practice, through the configured {@link PracticeResolver}, before
 * its handler runs. The CapabilityStatement is public; any other request without a practice is answered
 * 401.
 */
@Interceptor
public final class PracticeAttributionInterceptor {

    private static final String PRACTICE_KEY = PracticeAttributionInterceptor.class.getName() + ".practice";

    private final PracticeResolver resolver;
    private final String missingPracticeMessage;

    /**
     * @param resolver where practices come from
     * @param howToIdentify told to clients without a practice, e.g. "Send the practice PIN in the X-Practice-Pin header."
     */
    public PracticeAttributionInterceptor(PracticeResolver resolver, String howToIdentify) {
        this.resolver = resolver;
        this.missingPracticeMessage = "This request is not attributed to a practice. " + howToIdentify;
    }

    /**
     * Runs once HAPI knows the interaction (so the CapabilityStatement can stay public), before the handler.
     *
     * @return false (request answered with 401) when no practice can be established
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean attribute(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return true;
        }
        InboundRequest inbound = name -> Optional.ofNullable(request.getHeader(name));
        Optional<String> practice = resolver.resolve(inbound);
        if (practice.isEmpty()) {
            return HookResponses.answer(request, unattributed());
        }
        request.getUserData().put(PRACTICE_KEY, practice.get());
        return true;
    }

    private AuthenticationException unattributed() {
        AuthenticationException e = new AuthenticationException(missingPracticeMessage);
        e.setOperationOutcome(OperationOutcomes.error(IssueType.LOGIN, missingPracticeMessage));
        return e;
    }

    /** The practice of a request that passed this interceptor, if any (for logging and metering). */
    public static Optional<String> practiceIfAny(RequestDetails request) {
        return Optional.ofNullable((String) request.getUserData().get(PRACTICE_KEY));
    }

    /** The practice of a request that passed this interceptor. */
    public static String practiceOf(RequestDetails request) {
        return practiceIfAny(request).orElseThrow(
                () -> new InternalErrorException("request reached a handler without a practice"));
    }
}
