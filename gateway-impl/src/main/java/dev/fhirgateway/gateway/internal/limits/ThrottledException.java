package dev.fhirgateway.gateway.internal.limits;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** 429 Too Many Requests with an {@code OperationOutcome} ({@code throttled}) naming the limit reached. */
final class ThrottledException extends BaseServerResponseException {

    static final int STATUS = 429;

    ThrottledException(String message) {
        super(STATUS, message, OperationOutcomes.error(IssueType.THROTTLED, message));
    }
}
