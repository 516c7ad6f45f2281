package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the client of a token request: {@code client_secret_basic} against the stored PBKDF2 hash, or
 * {@code private_key_jwt} (SMART Backend Services) with Nimbus' {@link ClientAuthenticationVerifier}: the
 * assertion must be signed with one of the client's registered keys (RS384/ES384 as SMART asks, RS256/ES256
 * too), name the client as {@code iss} and {@code sub}, the token endpoint as {@code aud}, not be expired, and
 * carry a {@code jti} not used before. Every failure is the same {@code invalid_client}.
 */
final class ClientAuthenticator {

    /** Client assertion signature algorithms accepted. */
    static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS =
            Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384, JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final ClientRegistry registry;
    private final ClientAuthenticationVerifier<Void> assertionVerifier;

    ClientAuthenticator(ClientRegistry registry, URI tokenEndpoint, Clock clock) {
        this.registry = registry;
        this.assertionVerifier = new ClientAuthenticationVerifier<>(new RegisteredKeys(),
                Set.of(new Audience(tokenEndpoint)), new UsedAssertionIds(clock));
    }

    /**
     * The authenticated client.
     *
     * @throws InvalidClientException when the client is unknown, the credentials are wrong, or the method is not
     *     one the client registered for
     */
    RegisteredClient authenticate(ClientAuthentication authentication) throws InvalidClientException {
        if (authentication instanceof ClientSecretBasic basic) {
            RegisteredClient client = registry.find(basic.getClientID().getValue())
                    .orElseThrow(() -> InvalidClientException.BAD_ID);
            if (client.secretHash() == null
                    || !ClientSecretHasher.matches(basic.getClientSecret().getValue(), client.secretHash())) {
                throw InvalidClientException.BAD_SECRET;
            }
            return client;
        }
        if (authentication instanceof PrivateKeyJWT) {
            try {
                assertionVerifier.verify(authentication, null, new Context<>());
            } catch (JOSEException e) {
                throw InvalidClientException.BAD_JWT_SIGNATURE;
            }
            return registry.find(authentication.getClientID().getValue())
                    .orElseThrow(() -> InvalidClientException.BAD_ID);
        }
        throw new InvalidClientException("Unsupported client authentication method: use client_secret_basic or"
                + " private_key_jwt");
    }

    /** The keys a client registered, as Nimbus' verifier asks for them. Secrets are never handed out. */
    private final class RegisteredKeys implements ClientCredentialsSelector<Void> {

        @Override
        public List<Secret> selectClientSecrets(ClientID clientId, ClientAuthenticationMethod method,
                Context<Void> context) throws InvalidClientException {
            throw InvalidClientException.NOT_REGISTERED_FOR_AUTH_METHOD;
        }

        @Override
        public List<? extends PublicKey> selectPublicKeys(ClientID clientId, ClientAuthenticationMethod method,
                JWSHeader header, boolean forceRefresh, Context<Void> context) throws InvalidClientException {
            if (!ASSERTION_ALGORITHMS.contains(header.getAlgorithm())) {
                throw new InvalidClientException("Unsupported client assertion algorithm");
            }
            Optional<RegisteredClient> client = registry.find(clientId.getValue());
            if (client.isEmpty()) {
                throw InvalidClientException.BAD_ID;
            }
            if (client.get().jwks() == null) {
                throw InvalidClientException.NOT_REGISTERED_FOR_AUTH_METHOD;
            }
            List<JWK> keys = new JWKSelector(JWKMatcher.forJWSHeader(header)).select(client.get().jwks());
            return KeyConverter.toJavaKeys(keys).stream().filter(k -> k instanceof PublicKey)
                    .map(k -> (PublicKey) k).toList();
        }
    }
}
