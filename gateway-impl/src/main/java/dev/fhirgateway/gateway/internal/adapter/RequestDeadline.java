package dev.fhirgateway.gateway.internal.adapter;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.ServletRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * When a client request's time is up: its arrival plus the request budget, fixed on first use and kept with
 * the request so that every adapter call it makes shares it.
 */
public final class RequestDeadline {

    private static final String ARRIVAL = RequestDeadline.class.getName() + ".arrival";
    private static final String DEADLINE = RequestDeadline.class.getName() + ".deadline";

    private RequestDeadline() {
    }

    /** Notes when a request arrived (the gateway's outermost filter calls this), so the budget counts from then. */
    public static void markArrival(ServletRequest request) {
        request.setAttribute(ARRIVAL, Instant.now());
    }

    /** The request's deadline: its arrival (or now, when unknown) plus {@code budget}. */
    static Instant of(RequestDetails request, Duration budget) {
        Object known = request.getUserData().get(DEADLINE);
        if (known instanceof Instant deadline) {
            return deadline;
        }
        Instant arrival = null;
        if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
                && servlet.getServletRequest().getAttribute(ARRIVAL) instanceof Instant at) {
            arrival = at;
        }
        Instant deadline = (arrival == null ? Instant.now() : arrival).plus(budget);
        request.getUserData().put(DEADLINE, deadline);
        return deadline;
    }
}
