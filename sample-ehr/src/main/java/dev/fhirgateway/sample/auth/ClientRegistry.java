package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.Scope;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The registration desk of the sample EHR's development authorization server: stores apps (table
 * {@code api_client}) with their practice, granted scopes and credentials, and finds them again.
 * Secrets are generated here, returned once, and stored only as hashes.
 */
public final class ClientRegistry {

    /**
     * What a registration hands back to the vendor.
     *
     * @param secret the client secret, shown only now; null when the client authenticates with keys
     */
    public record Registration(RegisteredClient client, String secret) {

        /** Leaves out the secret. */
        @Override
        public String toString() {
            return "Registration[" + client + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;

    public ClientRegistry(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Registers a new app for a practice.
     *
     * @param practicePin the practice the app may read
     * @param scopes the SMART scopes granted (at least one)
     * @param name a display name, or null
     * @param jwks the app's public keys for {@code private_key_jwt}, or null to issue a client secret instead
     * @throws IllegalArgumentException when the practice does not exist, no scope is given, or the key set holds
     *     private keys or no key
     */
    public Registration register(String practicePin, Scope scopes, String name, JWKSet jwks) {
        String clientId = "app-" + UUID.randomUUID();
        String secret = jwks == null ? newSecret() : null;
        return new Registration(insert(clientId, practicePin, scopes, name, secret, jwks), secret);
    }

    /**
     * Registers a client under a fixed id and secret, unless that id exists: the demo clients ({@link DemoClients}).
     *
     * @return whether it was added now
     */
    boolean registerIfAbsent(String clientId, String practicePin, Scope scopes, String name, String secret) {
        if (find(clientId).isPresent()) {
            return false;
        }
        insert(clientId, practicePin, scopes, name, secret, null);
        return true;
    }

    /** The client with this id, if registered. */
    public Optional<RegisteredClient> find(String clientId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.client_id = :clientId")
                .bind("clientId", clientId).map((rs, ctx) -> row(rs)).findOne());
    }

    /** Every registered client, by practice and id. */
    public List<RegisteredClient> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY p.pin, c.client_id")
                .map((rs, ctx) -> row(rs)).list());
    }

    private static final String SELECT = "SELECT c.client_id, p.pin, c.name, c.scopes, c.secret_hash, c.jwks"
            + " FROM api_client c JOIN practice p ON p.id = c.practice_id";

    private RegisteredClient insert(String clientId, String practicePin, Scope scopes, String name, String secret,
            JWKSet jwks) {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("at least one scope is needed");
        }
        if (jwks != null) {
            if (jwks.getKeys().isEmpty()) {
                throw new IllegalArgumentException("the key set has no key");
            }
            if (jwks.getKeys().stream().anyMatch(k -> k.isPrivate())) {
                throw new IllegalArgumentException("the key set holds a private key: register the public keys only");
            }
        }
        String displayName = name == null || name.isBlank() ? clientId : name;
        String secretHash = secret == null ? null : ClientSecretHasher.hash(secret);
        return jdbi.inTransaction(h -> {
            long practiceId = practiceId(h, practicePin);
            h.createUpdate("INSERT INTO api_client (client_id, practice_id, name, scopes, secret_hash, jwks, created_at)"
                            + " VALUES (:clientId, :practiceId, :name, :scopes, :secretHash, :jwks, :createdAt)")
                    .bind("clientId", clientId)
                    .bind("practiceId", practiceId)
                    .bind("name", displayName)
                    .bind("scopes", scopes.toString())
                    .bind("secretHash", secretHash)
                    .bind("jwks", jwks == null ? null : jwks.toString(true))
                    .bind("createdAt", Timestamp.from(Instant.now()))
                    .execute();
            return new RegisteredClient(clientId, practicePin, displayName, scopes, secretHash, jwks);
        });
    }

    private static long practiceId(Handle h, String pin) {
        return h.createQuery("SELECT id FROM practice WHERE pin = :pin").bind("pin", pin).mapTo(Long.class)
                .findOne().orElseThrow(() -> new IllegalArgumentException("no practice with PIN " + pin));
    }

    private static RegisteredClient row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String jwks = rs.getString("jwks");
        try {
            return new RegisteredClient(rs.getString("client_id"), rs.getString("pin"), rs.getString("name"),
                    Scope.parse(rs.getString("scopes")), rs.getString("secret_hash"),
                    jwks == null ? null : JWKSet.parse(jwks));
        } catch (ParseException e) {
            throw new IllegalStateException("stored key set of a client cannot be read", e);
        }
    }

    /** 32 random bytes, URL-safe Base64: usable in HTTP Basic and on a command line. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
