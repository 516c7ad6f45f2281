package dev.fhirgateway.gateway.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies signed JWT access tokens with Nimbus JOSE+JWT against the issuer's JSON Web Key Set: the
 * signature (only with the allowed algorithms; {@code none} never), {@code iss}, {@code aud} (the FHIR base
 * URL), {@code exp} and {@code nbf} with a small clock skew, and the JOSE type ({@code JWT} or {@code at+jwt}).
 *
 * <p>Keys are fetched from the JWKS URL and cached; a token signed with a key id not in the cache makes Nimbus
 * fetch the set again (key rotation), at most once per configured interval so that forged key ids cannot
 * flood the issuer; a key id the refetched set does not have is an invalid token (401), and only a key set
 * that cannot be fetched at all makes tokens unverifiable (503).
 *
 * <p>Verified tokens are remembered (bounded, {@code fhirgateway.auth.token-cache-size}) under a SHA-256 of
 * the token until their {@code exp}, so a client's repeated token costs a hash, not a signature check; and
 * the Java key and verifier of each published key are built once ({@link VerifierPerKey}).
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
     * @param tokenCacheSize how many verified tokens are remembered until their {@code exp}; 0 for none
     */
    public record Config(String issuer, String audience, URL jwksUrl, Set<JWSAlgorithm> algorithms,
            Duration clockSkew, Duration cacheTtl, Duration minRefreshInterval, String practiceClaim,
            int tokenCacheSize) {

        public Config {
            if (tokenCacheSize < 0) {
                throw new IllegalStateException("the token cache size must be 0 (off) or more");
            }
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
    private final Clock clock;
    /** Verified tokens by the SHA-256 of the token (never the token), until their exp; null when off. */
    private final Cache<String, CachedToken> verified;

    private final JWKSource<SecurityContext> keys;
    private final AtomicLong verifications = new AtomicLong();

    /**
     * @param signingKeys the published keys that matched the token's header when it was verified: a hit counts
     *     only while the key set (as Nimbus last fetched it) still has exactly these
     */
    private record CachedToken(VerifiedAccessToken token, Instant expiresAt, JWSHeader header,
            List<JWK> signingKeys) {
    }

    public JwtAccessTokenVerifier(Config config) {
        this(config, JWKSourceBuilder.<SecurityContext>create(config.jwksUrl(),
                        new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                .cache(config.cacheTtl().toMillis(), HTTP_TIMEOUT_MS)
                .rateLimited(config.minRefreshInterval().toMillis())
                .build(), Clock.systemUTC());
    }

    /** @param keys where keys come from (tests count what is asked of it); {@code clock} decides exp and nbf */
    JwtAccessTokenVerifier(Config config, JWKSource<SecurityContext> keys, Clock clock) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens are typed at+jwt; most servers (Keycloak among them) send JWT or nothing.
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                null));
        VerifierPerKey perKey = new VerifierPerKey(keys, config.algorithms());
        p.setJWSKeySelector(perKey);
        p.setJWSVerifierFactory(perKey);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(config.audience()),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("iss", "exp"), Set.of()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        this.processor = p;
        this.practiceClaim = config.practiceClaim();
        this.algorithms = config.algorithms();
        this.clock = clock;
        this.keys = keys;
        this.verified = config.tokenCacheSize() == 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.tokenCacheSize())
                .expireAfter(Expiry.<String, CachedToken>writing((hash, cached) ->
                        Duration.between(clock.instant(), cached.expiresAt())))
                .build();
    }

    /**
     * Verifies the token, or answers from the cache when this very token was verified before and its
     * {@code exp} has not passed and its signing key is still in the key set. A withdrawn key therefore stops
     * cached tokens as soon as the gateway refetches the key set (at the latest after
     * {@code fhirgateway.auth.jwks-cache-ttl}, sooner when a token with a new key id arrives), as it stops new
     * verifications.
     */
    @Override
    public VerifiedAccessToken verify(String bearerToken) throws InvalidAccessTokenException {
        if (verified == null) {
            return verifyNow(bearerToken).token();
        }
        String hash = sha256(bearerToken);
        CachedToken cached = verified.getIfPresent(hash);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())
                && cached.signingKeys().equals(publishedKeys(cached.header()))) {
            return cached.token();
        }
        if (cached != null) {
            verified.invalidate(hash);
        }
        CachedToken fresh = verifyNow(bearerToken);
        if (fresh.expiresAt() != null) {
            verified.put(hash, fresh);
        }
        return fresh.token();
    }

    /** How many tokens were verified in full (signature and claims), not answered from the cache. */
    long verifications() {
        return verifications.get();
    }

    /** The keys of the current key set that match a token header (kid, alg), as Nimbus selects them. */
    private List<JWK> publishedKeys(JWSHeader header) {
        try {
            return keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        } catch (KeySourceException e) {
            throw new AccessTokenVerifierUnavailableException("the issuer's key set cannot be fetched: "
                    + e.getMessage(), e);
        }
    }

    /** A full verification; the answer's expiry is null when it must not be cached. */
    private CachedToken verifyNow(String bearerToken) throws InvalidAccessTokenException {
        verifications.incrementAndGet();
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
        } catch (RateLimitReachedException e) {
            // An unknown key id while refetches are rate limited: the key set just fetched lacks the key.
            throw new InvalidAccessTokenException("The access token's signature cannot be verified with the"
                    + " issuer's keys.");
        } catch (KeySourceException e) {
            throw new AccessTokenVerifierUnavailableException("the issuer's key set cannot be fetched: "
                    + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new InvalidAccessTokenException("The access token's signature cannot be verified.");
        }
        Instant until = cacheableUntil(claims);
        return new CachedToken(TokenClaims.toVerifiedToken(claims, practiceClaim), until, signed.getHeader(),
                verified == null || until == null ? List.of() : publishedKeys(signed.getHeader()));
    }

    /**
     * Until when a verified token may be answered from the cache: its {@code exp}, never later (the clock
     * skew tolerated on a new verification is not extended to cached ones); not at all when it is only
     * accepted thanks to the skew ({@code nbf} still ahead) or has no {@code exp}.
     */
    private Instant cacheableUntil(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || !now.isBefore(exp.toInstant()) || (nbf != null && now.isBefore(nbf.toInstant()))) {
            return null;
        }
        return exp.toInstant();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
