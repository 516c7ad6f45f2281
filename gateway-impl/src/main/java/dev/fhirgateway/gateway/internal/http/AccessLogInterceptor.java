package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one key=value line per FHIR request on the logger {@code dev.fhirgateway.audit}, with
 * time, correlation id (HAPI's request id), practice, client, user ({@code fhirUser}), the patient ids the
 * request touched (the token's patient context and the patients of the returned resources), interaction,
 * resource type, status and duration.
 *
 * <p>Ids only, never PHI: no query strings, no resource bodies, no names, MRNs or birth dates, no tokens.
 * Values that come from tokens are stripped of spaces and control characters, so a crafted claim cannot
 * forge a second line or field.
 */
@Interceptor
public final class AccessLogInterceptor {

    /** The audit logger's name; route it to its own appender to keep an audit trail. */
    public static final String LOGGER_NAME = "dev.fhirgateway.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final String PATIENTS_KEY = AccessLogInterceptor.class.getName() + ".patients";
    private static final int MAX_LOGGED_PATIENTS = 100;

    private final PatientReferences patientReferences;
    private final Set<String> resourceTypes;

    public AccessLogInterceptor(FhirContext context) {
        this.patientReferences = new PatientReferences(context);
        this.resourceTypes = Set.copyOf(context.getResourceTypes());
    }

    /** Notes the patients a response is about, before it is written. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void outgoing(RequestDetails request, IBaseResource response) {
        if (!LOG.isInfoEnabled() || response == null) {
            return;
        }
        Set<String> patients = patients(request);
        if (response instanceof Bundle bundle) {
            bundle.getEntry().forEach(e -> collect(e.getResource(), patients));
        } else {
            collect(response, patients);
        }
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(ServletRequestDetails request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Optional<AccessContext> access = AccessContext.ofIfAny(request);
        Set<String> patients = new LinkedHashSet<>();
        access.flatMap(AccessContext::patient).ifPresent(patients::add);
        patients.addAll(patients(request));
        LOG.info("time={} request={} practice={} client={} user={} patients={} interaction={} type={} status={} ms={}",
                Instant.now(),
                request.getRequestId(),
                PracticeAttributionInterceptor.practiceIfAny(request).orElse("-"),
                access.map(a -> clean(a.clientId())).orElse("-"),
                access.flatMap(AccessContext::fhirUser).map(AccessLogInterceptor::clean).orElse("-"),
                patients.isEmpty() ? "-" : patients.stream().limit(MAX_LOGGED_PATIENTS).collect(Collectors.joining(","))
                        + (patients.size() > MAX_LOGGED_PATIENTS ? ",+" + (patients.size() - MAX_LOGGED_PATIENTS) : ""),
                request.getRestOperationType() == null ? "-" : request.getRestOperationType().getCode(),
                // The URL's type segment only when FHIR defines it: anything else was typed by the client.
                request.getResourceName() == null ? "-"
                        : resourceTypes.contains(request.getResourceName()) ? request.getResourceName() : "invalid",
                request.getServletResponse() == null ? "-" : request.getServletResponse().getStatus(),
                request.getRequestStopwatch() == null ? "-" : request.getRequestStopwatch().getMillis());
    }

    /**
     * The audit line of a FHIR request refused before HAPI handled it ({@link IncomingRequestScreen}): nothing
     * about it is known but its status and duration.
     */
    public static void refusedBeforeHandling(int status, long durationNanos) {
        LOG.info("time={} request=- practice=- client=- user=- patients=- interaction=- type=- status={} ms={}",
                Instant.now(), status, durationNanos / 1_000_000);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> patients(RequestDetails request) {
        return (Set<String>) request.getUserData().computeIfAbsent(PATIENTS_KEY, k -> new LinkedHashSet<String>());
    }

    private void collect(IBaseResource resource, Set<String> into) {
        if (resource == null) {
            return;
        }
        if (resource instanceof Patient patient) {
            Optional.ofNullable(patient.getIdElement().getIdPart()).ifPresent(into::add);
            return;
        }
        // Other types name their patient by reference (subject, patient...): ids only, read from the reference.
        patientReferences.collect(resource, id -> into.add(clean(id)));
    }

    /** The value with spaces, control characters and {@code =} replaced by {@code _}; usually the value itself. */
    private static String clean(String value) {
        StringBuilder cleaned = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == 0x7F) {
                if (cleaned == null) {
                    cleaned = new StringBuilder(value);
                }
                cleaned.setCharAt(i, '_');
            }
        }
        return cleaned == null ? value : cleaned.toString();
    }
}
