package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.Scope;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An app registered with the sample EHR's development authorization server.
 *
 * @param clientId the OAuth client id
 * @param practicePin the practice the app may read; it becomes the access tokens' {@code practice} claim
 * @param name a display name
 * @param scopes the SMART scopes granted at registration; tokens never carry more
 * @param secretHash the PBKDF2 hash of its secret ({@link ClientSecretHasher}), or null for key-only and public
 *     clients
 * @param jwks its public keys for {@code private_key_jwt}, or null for secret-only and public clients
 * @param useCase what kind of app it is: which grants and scope levels it may use
 * @param status whether the practice approved it: only approved apps get tokens
 * @param redirectUris where the authorization endpoint may send users back (exact match); empty for system apps
 * @param launchUri the page the EHR opens for an EHR launch, or null
 * @param refreshAllowed whether it may be issued refresh tokens ({@code offline_access}, {@code online_access})
 * @param requestedScopes the scopes of a pending modification request, or null; {@code scopes} work meanwhile
 * @param requestedRefresh whether a pending request asks for refresh tokens
 */
public record RegisteredClient(String clientId, String practicePin, String name, Scope scopes, String secretHash,
        JWKSet jwks, UseCase useCase, Status status, List<URI> redirectUris, URI launchUri, boolean refreshAllowed,
        Scope requestedScopes, boolean requestedRefresh) {

    /** The API program's use cases: each is a separate registration. */
    public enum UseCase {
        /** Used by a patient (portal user): patient-level scopes for that patient only. */
        PATIENT,
        /** Used by a clinician of the practice: user- and patient-level scopes. */
        PRACTITIONER,
        /** A backend service without a user: {@code client_credentials}, system-level scopes. */
        SYSTEM;

        /** The stored and command-line form: {@code patient}, {@code practitioner}, {@code system}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for anything but the three codes */
        public static UseCase of(String code) {
            for (UseCase u : values()) {
                if (u.code().equals(code)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("use case must be patient, practitioner or system; was '" + code + "'");
        }
    }

    /** Where a registration is in the practice's review. */
    public enum Status {
        PENDING, APPROVED, REJECTED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public RegisteredClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(practicePin, "practicePin");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(useCase, "useCase");
        Objects.requireNonNull(status, "status");
        redirectUris = List.copyOf(redirectUris);
        if (secretHash == null && jwks == null && useCase == UseCase.SYSTEM) {
            throw new IllegalArgumentException("a system app needs a secret or keys");
        }
    }

    /** A system app as registered before SMART App Launch: approved, no redirect, no refresh tokens. */
    public RegisteredClient(String clientId, String practicePin, String name, Scope scopes, String secretHash,
            JWKSet jwks) {
        this(clientId, practicePin, name, scopes, secretHash, jwks, UseCase.SYSTEM, Status.APPROVED, List.of(), null,
                false, null, false);
    }

    /** Whether a modification request waits for the practice's decision. */
    public boolean hasPendingModification() {
        return requestedScopes != null || requestedRefresh;
    }

    /** A public client (browser or mobile app) holds no credential; it proves itself with PKCE alone. */
    public boolean isPublic() {
        return secretHash == null && jwks == null;
    }

    /** Whether the practice approved it: only then do its credentials work. */
    public boolean isApproved() {
        return status == Status.APPROVED;
    }

    /** How the client authenticates, for listings: {@code client_secret_basic}, {@code private_key_jwt}, {@code none}. */
    public String authenticationMethods() {
        if (isPublic()) {
            return "none";
        }
        return (secretHash != null ? "client_secret_basic" : "")
                + (secretHash != null && jwks != null ? "," : "")
                + (jwks != null ? "private_key_jwt" : "");
    }

    /** Leaves out the secret hash. */
    @Override
    public String toString() {
        return "RegisteredClient[" + clientId + ", practice " + practicePin + ", " + useCase.code() + ", "
                + status.code() + ", scopes " + scopes + ", " + authenticationMethods() + "]";
    }
}
