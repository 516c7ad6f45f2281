package dev.fhirgateway.gateway.internal.metrics;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.gateway.internal.http.GatewayServletResponse;
import dev.fhirgateway.gateway.internal.http.WriteRefusalInterceptor;
import dev.fhirgateway.gateway.internal.paging.AdapterSearchService;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Meters every FHIR request, including those refused by hooks (405 writes, 401 without a practice) and
 * failed ones: HAPI calls {@link Pointcut#SERVER_PROCESSING_COMPLETED} for each. It only turns HAPI's view of
 * the request into bounded, PHI-free tag values; {@link RequestMeters} records them.
 */
@Singleton
@Interceptor
public final class PracticeMeteringInterceptor {

    private static final String START_ATTRIBUTE = PracticeMeteringInterceptor.class.getName() + ".start";
    private static final String RESOURCES_KEY = PracticeMeteringInterceptor.class.getName() + ".resources";

    private final RequestMeters meters;
    private final Set<String> resourceTypes;

    @Inject
    public PracticeMeteringInterceptor(RequestMeters meters, FhirContext fhirContext) {
        this.meters = meters;
        this.resourceTypes = Set.copyOf(fhirContext.getResourceTypes());
    }

    /** The first hook of a request: the clock starts here. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean arrived(HttpServletRequest request) {
        request.setAttribute(START_ATTRIBUTE, System.nanoTime());
        return true;
    }

    /** Successful responses only: counts the resources in the body. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean responding(RequestDetails request, ResponseDetails response) {
        IBaseResource body = response.getResponseResource();
        if (body != null) {
            int count = body instanceof Bundle bundle ? bundle.getEntry().size() : 1;
            request.getUserData().put(RESOURCES_KEY, count);
        }
        return true;
    }

    /** Every request, whatever its outcome. */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(ServletRequestDetails request) {
        Object start = request.getServletRequest() == null ? null
                : request.getServletRequest().getAttribute(START_ATTRIBUTE);
        long duration = start instanceof Long s ? System.nanoTime() - s
                : request.getRequestStopwatch().getMillis() * 1_000_000L;
        Object resources = request.getUserData().get(RESOURCES_KEY);
        Object page = request.getUserData().get(AdapterSearchService.PAGE_NUMBER_KEY);
        meters.record(new MeteredRequest(
                PracticeAttributionInterceptor.practiceIfAny(request).orElse(GatewayMetrics.NONE),
                clientOf(request),
                resourceType(request),
                interaction(request),
                request.getServletResponse() == null ? 0 : request.getServletResponse().getStatus(),
                duration,
                resources instanceof Integer r ? r : -1,
                request.getServletResponse() == null ? -1
                        : GatewayServletResponse.bytesWritten(request.getServletResponse()).orElse(-1),
                page instanceof Integer p ? p : 0));
    }

    /**
     * The client application of a request ({@link ClientTag}). Requests without a verified client (rejected
     * before authentication, or in the development header mode) are tagged unknown.
     */
    static String clientOf(RequestDetails request) {
        AccessContext access = AccessContext.ofIfAny(request).orElse(null);
        return ClientTag.of(access == null ? null : access.clientId());
    }

    /** The resource type, only if FHIR R4 defines it: the URL segment is client input and unbounded. */
    private String resourceType(RequestDetails request) {
        String name = request.getResourceName();
        if ((name == null || name.isEmpty())
                && request.getUserData().get(AdapterSearchService.RESOURCE_TYPE_KEY) instanceof String searched) {
            // A page request (next link): the type comes from the page token, which the gateway itself signed.
            name = searched;
        }
        if (name == null || name.isEmpty()) {
            return GatewayMetrics.NONE;
        }
        return resourceTypes.contains(name) ? name : GatewayMetrics.INVALID;
    }

    static String interaction(RequestDetails request) {
        if (WriteRefusalInterceptor.wasRefused(request)) {
            return GatewayMetrics.INTERACTION_WRITE_REFUSED;
        }
        RestOperationTypeEnum type = request.getRestOperationType();
        if (type == null) {
            return GatewayMetrics.UNKNOWN;
        }
        return switch (type) {
            case METADATA -> GatewayMetrics.INTERACTION_CAPABILITIES;
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
                    GatewayMetrics.INTERACTION_OPERATION;
            default -> type.getCode();
        };
    }
}
