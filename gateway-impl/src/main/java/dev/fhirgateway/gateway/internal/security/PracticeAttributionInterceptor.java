package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import dev.fhirgateway.gateway.internal.outcome.HookResponses;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.RequestAuthenticator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Authenticates every FHIR request and attributes it to a practice before its handler runs, through the
 * configured {@link RequestAuthenticator} (bearer tokens, or the development header). The CapabilityStatement
 * is public; any other request that cannot be authenticated is answered by the authenticator's error (401 with
 * {@code WWW-Authenticate}, or 503 when tokens cannot be checked), written without throwing.
 */
@Singleton
@Interceptor
public final class PracticeAttributionInterceptor {

    /** Hook order: authentication runs before scope checks on the same pointcut. */
    public static final int ORDER = 100;

    private static final String PRACTICE_KEY = PracticeAttributionInterceptor.class.getName() + ".practice";

    private final RequestAuthenticator authenticator;

    @Inject
    public PracticeAttributionInterceptor(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * Runs once HAPI knows the interaction (so the CapabilityStatement can stay public), before the handler.
     *
     * @return false (request answered) when the request cannot be authenticated
     */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
    public boolean attribute(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return true;
        }
        AccessContext access;
        try {
            access = authenticator.authenticate(request);
        } catch (BaseServerResponseException refused) {
            return HookResponses.answer(request, refused);
        }
        access.attachTo(request);
        request.getUserData().put(PRACTICE_KEY, access.practice());
        return true;
    }

    /**
     * Attributes a request answered before authentication (a refused write) to the practice and client of its
     * access token when it carries a valid one, so metering and the audit line can name them. Grants nothing:
     * the answer is the same whoever asks.
     */
    public void attributeIfIdentified(RequestDetails request) {
        authenticator.identifyIfValid(request).ifPresent(access -> {
            access.attachTo(request);
            request.getUserData().put(PRACTICE_KEY, access.practice());
        });
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
