package dev.fhirgateway.gateway.internal.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Builds the {@code OperationOutcome}s the gateway answers errors with. Every error carries one, so
 * HAPI never falls back to its generic outcome (which would also log the message).
 */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

    /** An outcome with one error issue. {@code diagnostics} is shown to clients: never put PHI in it. */
    public static OperationOutcome error(IssueType type, String diagnostics) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return oo;
    }
}
