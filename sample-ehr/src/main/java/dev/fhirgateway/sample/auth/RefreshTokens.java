package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Refresh tokens (table {@code auth_refresh_token}), stored as SHA-256 hashes only. Each token is used once:
 * {@link #rotate} marks it used and issues the next one of the same family. A used token presented again means it
 * leaked (the app or an attacker holds a stale copy): the whole family is revoked (OAuth 2.0 Security BCP,
 * refresh token rotation with reuse detection). {@link #revoke} ends a family (RFC 7009).
 *
 * <p>{@code offline_access} tokens live {@link #OFFLINE_LIFETIME}; {@code online_access} ones
 * {@link #ONLINE_LIFETIME}, about a working session.
 */
final class RefreshTokens {

    static final Duration OFFLINE_LIFETIME = Duration.ofDays(30);
    static final Duration ONLINE_LIFETIME = Duration.ofHours(8);

    /** What presenting a refresh token found. */
    sealed interface Use {
        /** Valid: {@code next} replaces it. */
        record Rotated(LaunchGrant grant, RefreshToken next) implements Use {
        }

        /** Used before: the family is now revoked. */
        record Reused() implements Use {
        }

        /** Unknown, expired, revoked, or another client's. */
        record Invalid(String reason) implements Use {
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;

    RefreshTokens(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * A new refresh token, first of a new family.
     *
     * @return the token and its family id
     */
    Issued issue(LaunchGrant grant) {
        String family = UUID.randomUUID().toString();
        return new Issued(insert(grant, family), family);
    }

    record Issued(RefreshToken token, String family) {
    }

    /**
     * Uses a refresh token of {@code clientId}: the grant it carries and its successor, or why not.
     */
    Use rotate(String token, String clientId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Optional<Row> found = h.createQuery("SELECT family_id, client_id, username, scopes, patient_public_id,"
                            + " fhir_user, expires_at, used_at, revoked_at, created_at FROM auth_refresh_token"
                            + " WHERE token_hash = :hash FOR UPDATE")
                    .bind("hash", hash(token))
                    .map((rs, ctx) -> new Row(rs.getString("family_id"), rs.getString("client_id"),
                            rs.getString("username"), rs.getString("scopes"), rs.getString("patient_public_id"),
                            rs.getString("fhir_user"), rs.getTimestamp("expires_at").toInstant(),
                            rs.getTimestamp("used_at") != null, rs.getTimestamp("revoked_at") != null,
                            rs.getTimestamp("created_at").toInstant()))
                    .findOne();
            if (found.isEmpty()) {
                return new Use.Invalid("unknown refresh token");
            }
            Row row = found.get();
            if (!row.clientId().equals(clientId)) {
                return new Use.Invalid("refresh token of another client");
            }
            if (row.revoked()) {
                return new Use.Invalid("refresh token revoked");
            }
            if (row.used()) {
                revokeFamily(h, row.family(), now);
                return new Use.Reused();
            }
            if (!row.expiresAt().isAfter(now)) {
                return new Use.Invalid("refresh token expired");
            }
            h.createUpdate("UPDATE auth_refresh_token SET used_at = :now WHERE token_hash = :hash")
                    .bind("now", Timestamp.from(now)).bind("hash", hash(token)).execute();
            LaunchGrant grant = row.grant();
            return new Use.Rotated(grant, insert(h, grant, row.family(), now));
        });
    }

    /** The client a refresh token was issued to, if it is one. */
    Optional<String> clientOf(String token) {
        return jdbi.withHandle(h -> h.createQuery("SELECT client_id FROM auth_refresh_token WHERE token_hash = :hash")
                .bind("hash", hash(token)).mapTo(String.class).findOne());
    }

    /**
     * Revokes the family of a refresh token of {@code clientId} (RFC 7009); a token that is unknown or another
     * client's is ignored, as RFC 7009 2.2 asks.
     *
     * @return whether a family was revoked
     */
    boolean revoke(String token, String clientId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Optional<String> family = h.createQuery("SELECT family_id FROM auth_refresh_token WHERE token_hash = :hash"
                            + " AND client_id = :clientId")
                    .bind("hash", hash(token)).bind("clientId", clientId).mapTo(String.class).findOne();
            family.ifPresent(f -> revokeFamily(h, f, now));
            return family.isPresent();
        });
    }

    /** Revokes every token of a family (a replayed authorization code's). */
    void revokeFamily(String family) {
        jdbi.useTransaction(h -> revokeFamily(h, family, clock.instant()));
    }

    private static void revokeFamily(org.jdbi.v3.core.Handle h, String family, Instant now) {
        h.createUpdate("UPDATE auth_refresh_token SET revoked_at = :now WHERE family_id = :family"
                        + " AND revoked_at IS NULL")
                .bind("now", Timestamp.from(now)).bind("family", family).execute();
    }

    private RefreshToken insert(LaunchGrant grant, String family) {
        return jdbi.inTransaction(h -> insert(h, grant, family, clock.instant()));
    }

    private static RefreshToken insert(org.jdbi.v3.core.Handle h, LaunchGrant grant, String family, Instant now) {
        RefreshToken token = new RefreshToken();
        Duration lifetime = grant.scope().contains(SmartScopes.OFFLINE_ACCESS) ? OFFLINE_LIFETIME : ONLINE_LIFETIME;
        h.createUpdate("INSERT INTO auth_refresh_token (token_hash, family_id, client_id, username, scopes,"
                        + " patient_public_id, fhir_user, expires_at, created_at) VALUES (:hash, :family, :clientId,"
                        + " :username, :scopes, :patient, :fhirUser, :expiresAt, :createdAt)")
                .bind("hash", hash(token.getValue()))
                .bind("family", family)
                .bind("clientId", grant.clientId())
                .bind("username", grant.username())
                .bind("scopes", grant.scope().toString())
                .bind("patient", grant.patient())
                .bind("fhirUser", grant.fhirUser())
                .bind("expiresAt", Timestamp.from(now.plus(lifetime)))
                // The login time travels with the family: created_at of the first token is when the user logged in.
                .bind("createdAt", Timestamp.from(grant.authTime()))
                .execute();
        return token;
    }

    private record Row(String family, String clientId, String username, String scopes, String patient,
            String fhirUser, Instant expiresAt, boolean used, boolean revoked, Instant authTime) {

        LaunchGrant grant() {
            // The practice is the client's; the caller checks it against the current registration.
            return new LaunchGrant(clientId, "-", username, Scope.parse(scopes), patient, fhirUser, null, authTime);
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
