package dev.fhirgateway.gateway.http;

import dev.fhirgateway.api.AccessTokenVerifier;
import dev.fhirgateway.api.AccessTokenVerifierProvider;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.api.InvalidAccessTokenException;
import dev.fhirgateway.api.VerifiedAccessToken;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A host's own token format, plugged in as a host would (registered in {@code META-INF/services}): tokens
 * {@code house-token-<practice>} grant {@code system/*.rs} for that practice; everything else is refused.
 * Used only when a gateway runs with {@code fhirgateway.auth.mode=custom}.
 */
public final class TestAccessTokenVerifierProvider implements AccessTokenVerifierProvider {

    static final String NAME = "house-tokens";
    static final String PREFIX = "house-token-";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AccessTokenVerifier create(GatewaySettings settings) {
        return token -> {
            if (!token.startsWith(PREFIX) || token.length() == PREFIX.length()) {
                throw new InvalidAccessTokenException("not a house token");
            }
            return new VerifiedAccessToken("house-client", Optional.of(token.substring(PREFIX.length())),
                    Set.of("system/*.rs"), Optional.empty(), Optional.empty(),
                    Optional.of(Instant.now().plusSeconds(3600)));
        };
    }
}
