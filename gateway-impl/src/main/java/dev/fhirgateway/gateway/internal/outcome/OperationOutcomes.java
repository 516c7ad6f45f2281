package dev.fhirgateway.gateway.internal.outcome;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Builds the {@code OperationOutcome}s the gateway answers errors with. Every error carries one, so
 * HAPI never falls back to its generic outcome (which would also log the message).
 */
public final class OperationOutcomes {

    private static final String WRITTEN_BY_GATEWAY = OperationOutcomes.class.getName() + ".written";

    private OperationOutcomes() {
    }

    /**
     * The outcome for an error the gateway did not describe itself (HAPI's, the container's): a fixed text by
     * status that says what kind of request was refused, never repeating any of it.
     */
    public static OperationOutcome forStatus(int status) {
        return error(issueType(status), message(status));
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "This request is not valid for this FHIR server (unsupported path, interaction, parameter"
                    + " or value).";
            case 401 -> "This request needs a valid access token.";
            case 403 -> "This request is not allowed.";
            case 404 -> "Nothing is available at this path: unknown resource type, id or operation.";
            case 405 -> "This HTTP method is not supported on this path.";
            case 406 -> "The requested answer format is not supported; this server answers in FHIR JSON or XML.";
            case 410 -> "This paging link is not valid any more. Repeat the search.";
            case 412 -> "A precondition of this request failed.";
            case 413 -> "The request is too large.";
            case 414 -> "The request URL is too long.";
            case 415 -> "The request body's content type is not supported.";
            case 422 -> "The request body cannot be processed.";
            case 431 -> "The request headers are too large.";
            case 501 -> "This interaction is not implemented by this FHIR server.";
            case 505 -> "This HTTP version is not supported.";
            default -> status >= 500 ? "The server failed to answer this request; the failure has been logged."
                    : "This request cannot be answered.";
        };
    }

    private static IssueType issueType(int status) {
        return switch (status) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415, 501, 505 -> IssueType.NOTSUPPORTED;
            case 410 -> IssueType.EXPIRED;
            case 413, 414, 431 -> IssueType.TOOCOSTLY;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }

    /**
     * An empty outcome marked as written by the gateway: its texts are meant for clients, so
     * {@code ErrorOutcomeInterceptor} passes it unchanged (HAPI's own outcomes quote the request and are replaced).
     */
    public static OperationOutcome newOutcome() {
        OperationOutcome oo = new OperationOutcome();
        oo.setUserData(WRITTEN_BY_GATEWAY, Boolean.TRUE);
        return oo;
    }

    /** Whether {@code outcome} was made by {@link #newOutcome} (or {@link #error}). */
    public static boolean isGateways(Object outcome) {
        return outcome instanceof OperationOutcome oo && Boolean.TRUE.equals(oo.getUserData(WRITTEN_BY_GATEWAY));
    }

    /** An outcome with one error issue. {@code diagnostics} is shown to clients: never put PHI in it. */
    public static OperationOutcome error(IssueType type, String diagnostics) {
        OperationOutcome oo = newOutcome();
        oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return oo;
    }
}
