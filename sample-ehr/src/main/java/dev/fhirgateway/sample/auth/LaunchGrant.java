package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.Scope;
import java.time.Instant;
import java.util.Objects;

/**
 * What a user authorized an app to do, carried from the authorization endpoint through the code to the tokens and
 * every refresh: the client, the user, the granted scopes and the launch context (ids only).
 *
 * @param clientId the app
 * @param practicePin the app's practice (the user's too)
 * @param username who authorized it
 * @param scope the granted scopes
 * @param patient the launch patient's id (public id), or null
 * @param fhirUser the user's FHIR reference ({@code Patient/..}, {@code Practitioner/..}), or null
 * @param nonce the OpenID Connect nonce of the authorization request, or null (not kept across refreshes)
 * @param authTime when the user logged in
 */
public record LaunchGrant(String clientId, String practicePin, String username, Scope scope, String patient,
        String fhirUser, String nonce, Instant authTime) {

    public LaunchGrant {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(practicePin, "practicePin");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(authTime, "authTime");
    }

    /** The same grant with other scopes (a narrower refresh). */
    LaunchGrant withScope(Scope narrower) {
        return new LaunchGrant(clientId, practicePin, username, narrower, patient, fhirUser, null, authTime);
    }
}
