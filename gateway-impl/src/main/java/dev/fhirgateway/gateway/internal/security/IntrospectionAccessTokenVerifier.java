package dev.fhirgateway.gateway.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.fhirgateway.api.AccessTokenVerifier;
import dev.fhirgateway.api.AccessTokenVerifierUnavailableException;
import dev.fhirgateway.api.InvalidAccessTokenException;
import dev.fhirgateway.api.VerifiedAccessToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies opaque access tokens with RFC 7662 token introspection: a POST of the token to the authorization
 * server's introspection endpoint, the gateway authenticating itself with HTTP Basic (client id and secret).
 * An {@code active} answer is then checked like a JWT would be: {@code exp}/{@code nbf} with the clock skew,
 * {@code iss} when configured, {@code aud} when the answer has one.
 *
 * <p>Answers are cached briefly (never past the token's expiry) so that a client paging through a search
 * does not cost one introspection call per page. The cache is keyed by a SHA-256 digest of the token, never
 * the token itself, and inactive answers are cached too, so a replayed revoked token does not reach the
 * authorization server on every request.
 */
public final class IntrospectionAccessTokenVerifier implements AccessTokenVerifier {

    /**
     * @param endpoint the introspection endpoint
     * @param clientId the gateway's client id at the authorization server
     * @param clientSecret the gateway's client secret
     * @param issuer the accepted {@code iss}, or null to accept any (the endpoint vouches for its tokens)
     * @param audience the accepted {@code aud} when the answer carries one
     * @param clockSkew tolerance on {@code exp}/{@code nbf}
     * @param cacheTtl how long an answer is reused
     * @param practiceClaim the claim naming the practice
     */
    public record Config(URI endpoint, String clientId, String clientSecret, String issuer, String audience,
            Duration clockSkew, Duration cacheTtl, String practiceClaim) {

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Config[endpoint=" + endpoint + ", clientId=" + clientId + "]";
        }
    }

    /** One cached answer: what the token grants, or why it was refused. */
    private record Answer(VerifiedAccessToken token, String refusal, Instant cachedUntil) {
    }

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_CACHED_TOKENS = 10_000;

    private final Config config;
    private final HttpClient http;
    private final Clock clock;
    private final Cache<String, Answer> cache;

    public IntrospectionAccessTokenVerifier(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        this.cache = Caffeine.newBuilder().maximumSize(MAX_CACHED_TOKENS)
                .expireAfter(Expiry.<String, Answer>writing((key, answer) ->
                        Duration.between(clock.instant(), answer.cachedUntil())))
                .build();
    }

    @Override
    public VerifiedAccessToken verify(String bearerToken) throws InvalidAccessTokenException {
        String key = digest(bearerToken);
        Answer answer = cache.getIfPresent(key);
        if (answer == null || !clock.instant().isBefore(answer.cachedUntil())) {
            answer = introspect(bearerToken);
            cache.put(key, answer);
        }
        if (answer.token() == null) {
            throw new InvalidAccessTokenException(answer.refusal());
        }
        // A cached answer must not outlive the token.
        if (answer.token().expiresAt().map(exp -> !clock.instant().isBefore(exp.plus(config.clockSkew())))
                .orElse(false)) {
            throw new InvalidAccessTokenException("The access token has expired.");
        }
        return answer.token();
    }

    private Answer introspect(String bearerToken) {
        String form = "token=" + URLEncoder.encode(bearerToken, StandardCharsets.UTF_8)
                + "&token_type_hint=access_token";
        // RFC 6749 2.3.1: client id and secret are form-encoded before Basic encoding.
        String credentials = URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(config.endpoint()).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AccessTokenVerifierUnavailableException("the introspection endpoint " + config.endpoint()
                    + " cannot be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessTokenVerifierUnavailableException("interrupted while introspecting a token", e);
        }
        if (response.statusCode() != 200) {
            throw new AccessTokenVerifierUnavailableException("the introspection endpoint " + config.endpoint()
                    + " answered HTTP " + response.statusCode() + " (are the gateway's client credentials right?)",
                    null);
        }
        JWTClaimsSet claims;
        try {
            Map<String, Object> json = JSONObjectUtils.parse(response.body());
            claims = JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw new AccessTokenVerifierUnavailableException("the introspection endpoint " + config.endpoint()
                    + " answered something that is not an RFC 7662 JSON object", e);
        }
        Instant now = clock.instant();
        Instant shortTerm = now.plus(config.cacheTtl());
        Optional<String> refusal = refusal(claims, now);
        if (refusal.isPresent()) {
            return new Answer(null, refusal.get(), shortTerm);
        }
        VerifiedAccessToken token = TokenClaims.toVerifiedToken(claims, config.practiceClaim());
        Instant until = token.expiresAt().filter(exp -> exp.isBefore(shortTerm)).orElse(shortTerm);
        return new Answer(token, null, until);
    }

    private Optional<String> refusal(JWTClaimsSet claims, Instant now) {
        if (!Boolean.TRUE.equals(claims.getClaim("active"))) {
            return Optional.of("The access token is not active (unknown, expired or revoked).");
        }
        Date exp = claims.getExpirationTime();
        if (exp != null && !now.isBefore(exp.toInstant().plus(config.clockSkew()))) {
            return Optional.of("The access token has expired.");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(config.clockSkew()).isBefore(nbf.toInstant())) {
            return Optional.of("The access token is not valid yet (nbf).");
        }
        if (config.issuer() != null && !config.issuer().equals(claims.getIssuer())) {
            return Optional.of("The access token was not issued by the accepted issuer (iss).");
        }
        List<String> audience = claims.getAudience();
        if (!audience.isEmpty() && !audience.contains(config.audience())) {
            return Optional.of("The access token was not issued for this FHIR server (aud).");
        }
        return Optional.empty();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
