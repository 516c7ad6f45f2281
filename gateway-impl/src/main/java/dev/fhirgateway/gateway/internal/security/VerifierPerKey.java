package dev.fhirgateway.gateway.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Nimbus's key selection and verifier creation, each done once per published key instead of once per token.
 * Nimbus's own {@code JWSVerificationKeySelector} turns the matching JWK into a Java key for every token
 * (Base64-decoding the RSA modulus) and its verifier factory builds a new verifier for it; a profile of the
 * gateway under load put about a fifth of the CPU there. The JWK instances come from Nimbus's cached key set
 * and are replaced when it is refetched, so caching by JWK instance (weakly) follows key rotation.
 */
final class VerifierPerKey implements JWSKeySelector<SecurityContext>, JWSVerifierFactory {

    private final JWKSource<SecurityContext> keys;
    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
    private final Cache<JWK, List<Key>> javaKeys = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();
    private final Cache<Key, JWSVerifier> verifiers = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();

    VerifierPerKey(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms) {
        this.keys = keys;
        this.algorithms = Set.copyOf(algorithms);
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!algorithms.contains(header.getAlgorithm())) {
            return List.of();
        }
        List<Key> out = new ArrayList<>();
        for (JWK jwk : keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context)) {
            out.addAll(javaKeys.get(jwk, k -> KeyConverter.toJavaKeys(List.of(k))));
        }
        return out;
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        JWSVerifier cached = verifiers.getIfPresent(key);
        if (cached != null && cached.supportedJWSAlgorithms().contains(header.getAlgorithm())) {
            return cached;
        }
        // Verifiers hold only the public key and are safe to share between threads.
        JWSVerifier created = factory.createJWSVerifier(header, key);
        verifiers.put(key, created);
        return created;
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return factory.supportedJWSAlgorithms();
    }

    @Override
    public JCAContext getJCAContext() {
        return factory.getJCAContext();
    }
}
