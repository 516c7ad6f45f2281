package dev.fhirgateway.api;

/**
 * Verifies the bearer access token of a request and says what it grants.
 *
 * <p>The gateway ships two: signed JWTs checked against the authorization server's JWKS
 * ({@code fhirgateway.auth.mode=jwt}, the default) and RFC 7662 token introspection for opaque tokens
 * ({@code introspection}). A host with its own token format implements this interface and hands it to the
 * gateway through an {@link AccessTokenVerifierProvider} ({@code fhirgateway.auth.mode=custom}).
 *
 * <p>Implementations are called concurrently and must be thread-safe. They must never log the token.
 */
public interface AccessTokenVerifier {

    /**
     * @param bearerToken the token exactly as sent after {@code Bearer } (never blank)
     * @return what the token grants
     * @throws InvalidAccessTokenException when the token is not valid for this gateway (bad signature, expired,
     *     wrong issuer or audience, revoked, unreadable...): the request is answered 401
     * @throws AccessTokenVerifierUnavailableException when the token cannot be checked right now (the key set or
     *     the introspection endpoint cannot be reached): the request is answered 503
     */
    VerifiedAccessToken verify(String bearerToken) throws InvalidAccessTokenException;
}
