package dev.fhirgateway.gateway.internal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.fhirgateway.api.AccessTokenVerifier;
import dev.fhirgateway.api.AccessTokenVerifierUnavailableException;
import dev.fhirgateway.api.InvalidAccessTokenException;
import dev.fhirgateway.api.VerifiedAccessToken;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies signed JWT access tokens with Nimbus JOSE+JWT against the issuer's JSON Web Key Set: the
 * signature (only with the allowed algorithms; {@code none} never), {@code iss}, {@code aud} (the FHIR base
 * URL), {@code exp} and {@code nbf} with a small clock skew, and the JOSE type ({@code JWT} or {@code at+jwt}).
 *
 * <p>Keys are fetched from the JWKS URL and cached; a token signed with a key id not in the cache makes Nimbus
 * fetch the set again (key rotation), at most once per configured interval so that forged key ids cannot
 * flood the issuer.
 */
public final class JwtAccessTokenVerifier implements AccessTokenVerifier {

    /**
     * @param issuer the accepted {@code iss}
     * @param audience the accepted {@code aud}
     * @param jwksUrl where the issuer publishes its keys
     * @param algorithms the accepted signature algorithms
     * @param clockSkew tolerance on {@code exp}/{@code nbf}
     * @param cacheTtl how long fetched keys are used
     * @param minRefreshInterval the shortest time between two fetches triggered by unknown keys
     * @param practiceClaim the claim naming the practice
     */
    public record Config(String issuer, String audience, URL jwksUrl, Set<JWSAlgorithm> algorithms,
            Duration clockSkew, Duration cacheTtl, Duration minRefreshInterval, String practiceClaim) {

        public Config {
            algorithms = Set.copyOf(algorithms);
            if (algorithms.isEmpty() || algorithms.contains(new JWSAlgorithm("none"))) {
                throw new IllegalStateException("the accepted token algorithms must be signature algorithms, never"
                        + " 'none'");
            }
        }
    }

    private static final int HTTP_TIMEOUT_MS = 5_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final String practiceClaim;
    private final Set<JWSAlgorithm> algorithms;

    public JwtAccessTokenVerifier(Config config) {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(config.jwksUrl(),
                        new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                .cache(config.cacheTtl().toMillis(), HTTP_TIMEOUT_MS)
                .rateLimited(config.minRefreshInterval().toMillis())
                .build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens are typed at+jwt; most servers (Keycloak among them) send JWT or nothing.
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(config.algorithms(), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(config.audience()),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("iss", "exp"), Set.of());
        claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        this.processor = p;
        this.practiceClaim = config.practiceClaim();
        this.algorithms = config.algorithms();
    }

    @Override
    public VerifiedAccessToken verify(String bearerToken) throws InvalidAccessTokenException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(bearerToken);
        } catch (ParseException e) {
            throw new InvalidAccessTokenException("The access token is not a JWT.");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidAccessTokenException(jwt instanceof EncryptedJWT
                    ? "Encrypted access tokens are not accepted." : "The access token is not signed.");
        }
        if (!algorithms.contains(signed.getHeader().getAlgorithm())) {
            throw new InvalidAccessTokenException(
                    "The access token is signed with an algorithm this server does not accept.");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJWTException e) {
            throw new InvalidAccessTokenException(describeClaimFailure(e));
        } catch (BadJOSEException e) {
            throw new InvalidAccessTokenException(describeSignatureFailure(e));
        } catch (KeySourceException e) {
            throw new AccessTokenVerifierUnavailableException("the issuer's key set cannot be fetched: "
                    + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new InvalidAccessTokenException("The access token's signature cannot be verified.");
        }
        return TokenClaims.toVerifiedToken(claims, practiceClaim);
    }

    /** Fixed messages: Nimbus's own name claim values, which are not the client's business. */
    private static String describeClaimFailure(BadJWTException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("expired")) {
            return "The access token has expired.";
        }
        if (m.contains("before use time")) {
            return "The access token is not valid yet (nbf).";
        }
        if (m.contains("audience") || m.contains(" aud")) {
            return "The access token was not issued for this FHIR server (aud).";
        }
        if (m.contains("missing required claims")) {
            return "The access token lacks required claims (iss, exp, aud).";
        }
        if (m.contains("iss claim")) {
            return "The access token was not issued by the accepted issuer (iss).";
        }
        return "The access token's claims are not valid for this server.";
    }

    private static String describeSignatureFailure(BadJOSEException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("type")) {
            return "The access token's type (typ) is not accepted.";
        }
        return "The access token's signature cannot be verified with the issuer's keys.";
    }
}
