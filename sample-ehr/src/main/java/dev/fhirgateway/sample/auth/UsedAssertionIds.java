package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.ExpendedJTIChecker;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay protection for {@code private_key_jwt} client assertions (SMART Backend Services: the server must
 * reject a {@code jti} it has seen): remembers each used {@code jti} per client until its assertion expires.
 * In memory: a restart forgets, which a development server may.
 */
final class UsedAssertionIds implements ExpendedJTIChecker<Void> {

    private final Map<String, Long> expiryByKey = new ConcurrentHashMap<>();
    private final Clock clock;

    UsedAssertionIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean isExpended(JWTID jti, ClientID clientId, ClientAuthenticationMethod method, Context<Void> context) {
        Long expiry = expiryByKey.get(key(jti, clientId));
        return expiry != null && expiry > clock.millis();
    }

    @Override
    public void markExpended(JWTID jti, Date expiration, ClientID clientId, ClientAuthenticationMethod method,
            Context<Void> context) {
        long now = clock.millis();
        // Forget what has expired anyway; an expired assertion is refused before its jti is looked at.
        expiryByKey.values().removeIf(e -> e <= now);
        expiryByKey.put(key(jti, clientId), expiration == null ? Long.MAX_VALUE : expiration.getTime());
    }

    private static String key(JWTID jti, ClientID clientId) {
        return clientId.getValue() + " " + jti.getValue();
    }
}
