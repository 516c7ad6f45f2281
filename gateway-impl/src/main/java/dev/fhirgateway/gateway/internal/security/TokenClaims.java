package dev.fhirgateway.gateway.internal.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.fhirgateway.api.VerifiedAccessToken;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a verified token grants from its claims, the same way for JWT access tokens and introspection
 * answers (RFC 7662 uses the JWT claim names): {@code client_id} (else {@code azp}, else {@code sub}), the
 * configured practice claim, {@code scope} (space-separated, or the {@code scp} array some servers send),
 * {@code patient}, {@code fhirUser} and {@code exp}.
 */
final class TokenClaims {

    private TokenClaims() {
    }

    static VerifiedAccessToken toVerifiedToken(JWTClaimsSet claims, String practiceClaim) {
        String clientId = firstString(claims, "client_id", "azp", "sub").orElse("-");
        return new VerifiedAccessToken(clientId, scalar(claims, practiceClaim), scopes(claims),
                firstString(claims, "patient"), firstString(claims, "fhirUser"),
                Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant));
    }

    /**
     * A practice may be sent as a string or a number (PINs); anything else does not name one. The string is
     * kept as sent: the authenticator matches it against the practice pattern exactly, so {@code " 2002"} is
     * not practice {@code 2002}.
     */
    private static Optional<String> scalar(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value instanceof String s && !s.isEmpty()) {
            return Optional.of(s);
        }
        if (value instanceof Number n) {
            return Optional.of(n.toString());
        }
        return Optional.empty();
    }

    private static Optional<String> firstString(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            if (claims.getClaim(name) instanceof String s && !s.isBlank()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String s) {
                out.addAll(Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList());
            } else if (value instanceof List<?>) {
                try {
                    out.addAll(claims.getStringListClaim(name));
                } catch (ParseException e) {
                    // not a list of strings: grants nothing
                }
            }
        }
        return out;
    }
}
