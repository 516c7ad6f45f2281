package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per FHIR request, with no PHI: request id, practice, interaction, resource type, status and
 * time. Never the URL's query string or a resource body (both can hold names and MRNs). Logger name
 * {@code dev.fhirgateway.access}.
 */
@Interceptor
public final class AccessLogInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.fhirgateway.access");

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(ServletRequestDetails request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("request={} practice={} interaction={} type={} status={} ms={}",
                request.getRequestId(),
                PracticeAttributionInterceptor.practiceIfAny(request).orElse("-"),
                request.getRestOperationType() == null ? "-" : request.getRestOperationType().getCode(),
                request.getResourceName() == null ? "-" : request.getResourceName(),
                request.getServletResponse() == null ? "-" : request.getServletResponse().getStatus(),
                request.getRequestStopwatch() == null ? "-" : request.getRequestStopwatch().getMillis());
    }
}
