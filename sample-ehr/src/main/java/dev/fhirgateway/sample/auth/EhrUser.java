package dev.fhirgateway.sample.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Someone who logs in at the development authorization server: a portal user (one patient), a clinician or a
 * practice administrator, always of one practice.
 *
 * @param username the login name
 * @param role what the user is
 * @param practicePin the user's practice
 * @param patientId the portal user's patient (public id, the FHIR id), or null
 * @param practitionerId the clinician's Practitioner (public id), or null when the EHR has no record for them
 */
public record EhrUser(String username, Role role, String practicePin, String patientId, String practitionerId) {

    /** What a user is. */
    public enum Role { PATIENT, CLINICIAN, ADMINISTRATOR }

    public EhrUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(practicePin, "practicePin");
    }

    /** The SMART {@code fhirUser}: {@code Patient/ID} for portal users, {@code Practitioner/ID} for clinicians. */
    public Optional<String> fhirUser() {
        if (role == Role.PATIENT && patientId != null) {
            return Optional.of("Patient/" + patientId);
        }
        return role == Role.CLINICIAN && practitionerId != null ? Optional.of("Practitioner/" + practitionerId)
                : Optional.empty();
    }
}
