package dev.fhirgateway.gateway.internal.metrics;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Guards {@code /metrics} and {@code /usage}: scrape traffic and patient traffic are different audiences.
 * A client must come from an allowed address range (403 otherwise) and, when a token is configured, present
 * it as {@code Authorization: Bearer <token>} (401 otherwise; compared in constant time).
 */
public final class ScrapeAccessFilter extends HttpFilter {

    private static final String BEARER = "Bearer ";

    private final List<CidrRange> allowFrom;
    private final Optional<byte[]> token;
    private final FhirContext fhirContext;

    public ScrapeAccessFilter(MetricsSettings settings, FhirContext fhirContext) {
        this.allowFrom = List.copyOf(settings.allowFrom());
        this.token = settings.token().map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.fhirContext = fhirContext;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String remote = request.getRemoteAddr();
        if (allowFrom.stream().noneMatch(range -> range.contains(remote))) {
            refuse(response, 403, IssueType.FORBIDDEN, "This address may not read gateway metrics (setting"
                    + " fhirgateway.metrics.allow-from).");
            return;
        }
        if (token.isPresent() && !presentsToken(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"fhir-gateway-metrics\"");
            refuse(response, 401, IssueType.LOGIN, "Gateway metrics require the metrics bearer token.");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean presentsToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token.get());
    }

    private void refuse(HttpServletResponse response, int status, IssueType type, String message) throws IOException {
        MetricsResponses.error(response, fhirContext, status, OperationOutcomes.error(type, message));
    }
}
