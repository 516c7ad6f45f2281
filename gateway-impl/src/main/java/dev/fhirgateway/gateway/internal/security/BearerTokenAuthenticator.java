package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import dev.fhirgateway.api.AccessTokenVerifier;
import dev.fhirgateway.api.AccessTokenVerifierUnavailableException;
import dev.fhirgateway.api.InvalidAccessTokenException;
import dev.fhirgateway.api.VerifiedAccessToken;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a request by its {@code Authorization: Bearer} token (RFC 6750), through the configured
 * {@link AccessTokenVerifier}. No token: 401 with {@code WWW-Authenticate: Bearer realm=...}; a token that is
 * not valid, or names no usable practice (the claim must match the documented pattern exactly, spaces
 * included): 401 with {@code error="invalid_token"}; two {@code Authorization} headers: 400 with
 * {@code error="invalid_request"}. The token itself is never
 * logged or echoed.
 */
public final class BearerTokenAuthenticator implements RequestAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenAuthenticator.class);
    static final String REALM = "fhir-gateway";
    private static final Pattern PRACTICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final String BEARER = "bearer ";

    private final AccessTokenVerifier verifier;
    private final String practiceClaim;

    /**
     * @param verifier checks tokens
     * @param practiceClaim the claim that names the practice (for messages only: the verifier reads it)
     */
    public BearerTokenAuthenticator(AccessTokenVerifier verifier, String practiceClaim) {
        this.verifier = verifier;
        this.practiceClaim = practiceClaim;
    }

    @Override
    public AccessContext authenticate(RequestDetails request) {
        List<String> headers = request.getHeaders("Authorization");
        if (headers != null && headers.size() > 1) {
            throw twoCredentials();
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw noToken();
        }
        String token = header.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            throw invalidToken("The access token is empty.");
        }
        VerifiedAccessToken verified;
        try {
            verified = verifier.verify(token);
        } catch (InvalidAccessTokenException e) {
            LOG.debug("request={} refused an access token: {}", request.getRequestId(), e.getMessage());
            throw invalidToken(e.getMessage());
        } catch (AccessTokenVerifierUnavailableException e) {
            LOG.warn("request={} cannot verify its access token: {}", request.getRequestId(), e.getMessage());
            String message = "The access token cannot be verified right now. Try again later.";
            throw new UnclassifiedServerFailureException(503, message,
                    OperationOutcomes.error(IssueType.TRANSIENT, message));
        }
        String practice = verified.practice().filter(p -> PRACTICE_ID.matcher(p).matches())
                .orElseThrow(() -> invalidToken("The access token does not name a practice (claim '" + practiceClaim
                        + "')."));
        Optional<String> patient = verified.patient().map(p -> p.startsWith("Patient/") ? p.substring(8) : p);
        if (patient.isPresent() && !FHIR_ID.matcher(patient.get()).matches()) {
            throw invalidToken("The access token's patient context is not a patient id.");
        }
        return new AccessContext(practice, verified.clientId(), GrantedScopes.parse(verified.scopes()), patient,
                verified.fhirUser());
    }

    /** The token's context when the request carries a valid one; any refusal or verifier outage is empty. */
    @Override
    public Optional<AccessContext> identifyIfValid(RequestDetails request) {
        if (request.getHeader("Authorization") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(authenticate(request));
        } catch (BaseServerResponseException notIdentified) {
            return Optional.empty();
        }
    }

    private static AuthenticationException noToken() {
        String message = "This request needs an access token: send it as 'Authorization: Bearer <token>'.";
        AuthenticationException e = new AuthenticationException(message);
        e.setOperationOutcome(OperationOutcomes.error(IssueType.LOGIN, message));
        e.addResponseHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        return e;
    }

    /** RFC 6750 3.1: a request with more than one credential is malformed. */
    private static InvalidRequestException twoCredentials() {
        String message = "This request has more than one Authorization header: send exactly one bearer token.";
        InvalidRequestException e = new InvalidRequestException(message,
                OperationOutcomes.error(IssueType.INVALID, message));
        e.addResponseHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_request\"");
        return e;
    }

    private static AuthenticationException invalidToken(String description) {
        AuthenticationException e = new AuthenticationException(description);
        e.setOperationOutcome(OperationOutcomes.error(IssueType.LOGIN, description));
        // RFC 6750 3: error_description is limited to printable ASCII without '"' and '\'.
        String headerSafe = description.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "'");
        e.addResponseHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\","
                + " error_description=\"" + headerSafe + "\"");
        return e;
    }
}
