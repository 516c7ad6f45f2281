package dev.fhirgateway.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified access token grants: who the client is, which practice it acts for, its SMART scopes and
 * its launch context.
 *
 * @param clientId the OAuth client the token was issued to ({@code client_id}, {@code azp} or {@code sub})
 * @param practice the practice (tenant) the token is for, from the configured claim; empty when the token
 *     names none (the request is then refused)
 * @param scopes the granted scopes, one entry per scope (e.g. {@code patient/Observation.rs})
 * @param patient the patient of the launch context ({@code patient} claim): the token sees only this
 *     patient's compartment; empty for user- or system-level tokens
 * @param fhirUser the user the token acts for ({@code fhirUser} claim, e.g. {@code Practitioner/123}), if any
 * @param expiresAt when the token expires, if known
 */
public record VerifiedAccessToken(String clientId, Optional<String> practice, Set<String> scopes,
        Optional<String> patient, Optional<String> fhirUser, Optional<Instant> expiresAt) {

    public VerifiedAccessToken {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(practice, "practice");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(fhirUser, "fhirUser");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Never prints the practice's patients or the user: only what is safe in a log line. */
    @Override
    public String toString() {
        return "VerifiedAccessToken[client=" + clientId + ", practice=" + practice.orElse("-") + ", scopes=" + scopes
                + ", patientContext=" + patient.isPresent() + "]";
    }
}
