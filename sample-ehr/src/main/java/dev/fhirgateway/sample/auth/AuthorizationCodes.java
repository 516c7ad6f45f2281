package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization codes handed out and not yet expired, in memory (a restart ends pending authorizations,
 * which is fine for a development server). A code is redeemed once; a redeemed code is kept until it expires so
 * that a replay is recognized, and the refresh tokens issued for it revoked (RFC 6749 4.1.2).
 */
final class AuthorizationCodes {

    /** Codes are short-lived: the app redeems one right after the redirect. */
    static final Duration LIFETIME = Duration.ofMinutes(1);

    /** An issued code: what it grants and what its redemption must match. */
    record IssuedCode(LaunchGrant grant, URI redirectUri, CodeChallenge challenge, Instant expiresAt) {
    }

    /** What redeeming a code found. */
    sealed interface Redemption {
        /** The code is valid and now used up. */
        record Redeemed(IssuedCode code) implements Redemption {
        }

        /** The code was used before; {@code refreshFamily} is what its first redemption issued, if anything. */
        record Replayed(IssuedCode code, String refreshFamily) implements Redemption {
        }

        /** No such code, or it expired. */
        record Unknown() implements Redemption {
        }
    }

    private record Entry(IssuedCode code, boolean redeemed, String refreshFamily) {
    }

    private final Map<String, Entry> codes = new ConcurrentHashMap<>();
    private final Clock clock;

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    /** A new code for the grant. */
    AuthorizationCode issue(LaunchGrant grant, URI redirectUri, CodeChallenge challenge) {
        Instant now = clock.instant();
        codes.values().removeIf(e -> e.code().expiresAt().isBefore(now));
        AuthorizationCode code = new AuthorizationCode();
        codes.put(code.getValue(), new Entry(new IssuedCode(grant, redirectUri, challenge, now.plus(LIFETIME)), false,
                null));
        return code;
    }

    /** Uses the code up (atomically: of two concurrent redemptions, one sees a replay). */
    Redemption redeem(String code) {
        Instant now = clock.instant();
        Redemption[] result = {new Redemption.Unknown()};
        codes.computeIfPresent(code, (k, e) -> {
            if (e.code().expiresAt().isBefore(now)) {
                return null;
            }
            result[0] = e.redeemed() ? new Redemption.Replayed(e.code(), e.refreshFamily())
                    : new Redemption.Redeemed(e.code());
            return new Entry(e.code(), true, e.refreshFamily());
        });
        return result[0];
    }

    /** Notes the refresh token family issued for a redeemed code, so a replay can revoke it. */
    void issuedRefreshFamily(String code, String family) {
        codes.computeIfPresent(code, (k, e) -> new Entry(e.code(), e.redeemed(), family));
    }
}
