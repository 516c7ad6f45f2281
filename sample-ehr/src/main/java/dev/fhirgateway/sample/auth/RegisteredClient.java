package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.Scope;
import java.util.Objects;

/**
 * An app registered with the sample EHR's development authorization server.
 *
 * @param clientId the OAuth client id
 * @param practicePin the practice the app may read; it becomes the access tokens' {@code practice} claim
 * @param name a display name
 * @param scopes the SMART scopes granted at registration; tokens never carry more
 * @param secretHash the PBKDF2 hash of its secret ({@link ClientSecretHasher}), or null for key-only clients
 * @param jwks its public keys for {@code private_key_jwt}, or null for secret-only clients
 */
public record RegisteredClient(String clientId, String practicePin, String name, Scope scopes, String secretHash,
        JWKSet jwks) {

    public RegisteredClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(practicePin, "practicePin");
        Objects.requireNonNull(scopes, "scopes");
        if (secretHash == null && jwks == null) {
            throw new IllegalArgumentException("a client needs a secret or keys");
        }
    }

    /** How the client authenticates, for listings: {@code client_secret_basic} and/or {@code private_key_jwt}. */
    public String authenticationMethods() {
        return (secretHash != null ? "client_secret_basic" : "")
                + (secretHash != null && jwks != null ? "," : "")
                + (jwks != null ? "private_key_jwt" : "");
    }

    /** Leaves out the secret hash. */
    @Override
    public String toString() {
        return "RegisteredClient[" + clientId + ", practice " + practicePin + ", scopes " + scopes + ", "
                + authenticationMethods() + "]";
    }
}
