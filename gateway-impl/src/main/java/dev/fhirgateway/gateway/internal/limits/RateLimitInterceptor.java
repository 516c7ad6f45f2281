package dev.fhirgateway.gateway.internal.limits;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.outcome.HookResponses;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
import dev.fhirgateway.gateway.internal.limits.RateLimiter.Decision;
import dev.fhirgateway.gateway.internal.limits.RateLimiter.PolicyState;
import dev.fhirgateway.gateway.internal.metrics.ClientTag;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Applies the request limits inside HAPI's request processing:
 *
 * <ul>
 *   <li>{@code metadata} and {@code .well-known/smart-configuration} need no token, so they are checked first
 *       (before SMART discovery answers) against one shared discovery rate;</li>
 *   <li>every other FHIR request after authentication and the scope check, so limits count only requests the
 *       gateway would serve, per practice and per client of the verified token;</li>
 *   <li>a request's concurrency slot is freed when HAPI has finished with it, whatever the outcome.</li>
 * </ul>
 *
 * Over a limit the answer is 429 with {@code Retry-After} and an {@code OperationOutcome} ({@code throttled})
 * naming the limit, written without throwing ({@link HookResponses}); every limited answer carries the IETF
 * draft's {@code RateLimit-Policy} and {@code RateLimit} headers, with the caller's own figures only.
 */
@Interceptor
public final class RateLimitInterceptor {

    /** After authentication ({@link PracticeAttributionInterceptor#ORDER}) and the scope check (+100). */
    public static final int ORDER = PracticeAttributionInterceptor.ORDER + 200;
    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String STATE_HEADER = "RateLimit";
    private static final String DECISION_KEY = RateLimitInterceptor.class.getName() + ".decision";

    private final RateLimiter limiter;
    private final FhirContext fhirContext;

    public RateLimitInterceptor(RateLimiter limiter, FhirContext fhirContext) {
        this.limiter = limiter;
        this.fhirContext = fhirContext;
    }

    /** The public endpoints: before SMART discovery answers, and before authentication (which they skip). */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED, order = -100)
    public boolean discovery(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getPathInfo();
        if (!"/metadata".equals(path) && !"/.well-known/smart-configuration".equals(path)) {
            return true;
        }
        Decision decision = limiter.admitDiscovery();
        writeHeaders(response, decision);
        if (decision.allowed()) {
            return true;
        }
        try {
            response.setStatus(ThrottledException.STATUS);
            response.setContentType("application/fhir+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(
                    OperationOutcomes.error(IssueType.THROTTLED, decision.message())));
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return false (answered 429) when a limit refuses the request */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
    public boolean limit(RequestDetails request) {
        Optional<AccessContext> access = AccessContext.ofIfAny(request);
        if (access.isEmpty() || request.getUserData().containsKey(DECISION_KEY)) {
            return true; // metadata, or a request an earlier hook answered
        }
        String client = clientOf(access.get());
        Decision decision = limiter.admit(access.get().practice(), client, ClientTag.of(access.get().clientId()));
        request.getUserData().put(DECISION_KEY, decision);
        if (request instanceof ServletRequestDetails servlet && servlet.getServletResponse() != null) {
            writeHeaders(servlet.getServletResponse(), decision);
        }
        if (decision.allowed()) {
            return true;
        }
        return HookResponses.answer(request, new ThrottledException(decision.message()));
    }

    /** Every request, whatever its outcome: frees its concurrency slot. */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request) {
        if (request.getUserData().remove(DECISION_KEY) instanceof Decision decision) {
            limiter.release(decision);
        }
    }

    /**
     * The limiter's key: the client id itself, not its {@link ClientTag}, so clients whose ids the tag reports as
     * {@code invalid} (say, longer than 64 characters) still keep a quota each instead of sharing one.
     */
    private static String clientOf(AccessContext access) {
        String id = access.clientId();
        return id == null || id.isBlank() || id.equals("-") ? GatewayMetrics.UNKNOWN : id;
    }

    /**
     * {@code RateLimit-Policy: "practice";q=400;w=2, "client-daily";q=10000;w=86400} and
     * {@code RateLimit: "practice";r=399;t=1, ...} (draft-ietf-httpapi-ratelimit-headers: structured-field lists of
     * policies; {@code q} quota, {@code w} window seconds, {@code r} remaining, {@code t} seconds until it resets).
     */
    static void writeHeaders(HttpServletResponse response, Decision decision) {
        if (!decision.policies().isEmpty()) {
            response.setHeader(POLICY_HEADER, join(decision.policies(), p -> "q=" + p.quota() + ";w=" + p.windowSeconds()));
        }
        if (!decision.states().isEmpty()) {
            response.setHeader(STATE_HEADER, join(decision.states(), s -> "r=" + s.remaining() + ";t=" + s.resetSeconds()));
        }
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
    }

    private static String join(List<PolicyState> states, java.util.function.Function<PolicyState, String> params) {
        return states.stream().map(s -> "\"" + s.name() + "\";" + params.apply(s)).collect(Collectors.joining(", "));
    }
}
