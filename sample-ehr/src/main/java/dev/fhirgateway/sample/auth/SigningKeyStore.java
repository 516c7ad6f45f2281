package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development authorization server's token signing key: an RSA key made with Nimbus on first start and
 * kept in the EHR database (table {@code auth_signing_key}), so a restart keeps issued tokens valid. The newest
 * key signs; all stored keys are published.
 */
public final class SigningKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyStore.class);
    private static final int RSA_BITS = 2048;

    private final Jdbi jdbi;

    public SigningKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The key new tokens are signed with, made and stored now when there is none. */
    public synchronized RSAKey signingKey() {
        List<RSAKey> keys = stored();
        if (!keys.isEmpty()) {
            return keys.get(0);
        }
        return rotate();
    }

    /** Makes and stores a new signing key; earlier keys stay published so their tokens keep verifying. */
    public synchronized RSAKey rotate() {
        try {
            RSAKey key = new RSAKeyGenerator(RSA_BITS).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO auth_signing_key (kid, jwk, created_at)"
                            + " VALUES (:kid, :jwk, :createdAt)")
                    .bind("kid", key.getKeyID()).bind("jwk", key.toJSONString())
                    .bind("createdAt", Timestamp.from(Instant.now())).execute());
            LOG.info("Development authorization server: new token signing key {}", key.getKeyID());
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The public halves of every stored key: the JWKS. */
    public JWKSet publicKeys() {
        signingKey();
        return new JWKSet(stored().stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    /** Newest first. */
    private List<RSAKey> stored() {
        return jdbi.withHandle(h -> h.createQuery("SELECT jwk FROM auth_signing_key ORDER BY created_at DESC, kid")
                .mapTo(String.class).list()).stream().map(SigningKeyStore::parse).toList();
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key cannot be read", e);
        }
    }
}
