package dev.fhirgateway.gateway.internal.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.fhirgateway.api.AccessTokenVerifier;
import dev.fhirgateway.api.AccessTokenVerifierUnavailableException;
import dev.fhirgateway.api.InvalidAccessTokenException;
import dev.fhirgateway.api.VerifiedAccessToken;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies opaque access tokens with RFC 7662 token introspection: a POST of the token to the authorization
 * server's introspection endpoint, the gateway authenticating itself with HTTP Basic (client id and secret).
 * Request and answer are the Nimbus OAuth 2.0 SDK's. An {@code active} answer is then checked like a JWT would
 * be: {@code exp}/{@code nbf} with the clock skew, {@code iss} when configured, {@code aud} when the answer has
 * one.
 *
 * <p>Answers are cached briefly (never past the token's expiry) so that a client paging through a search
 * does not cost one introspection call per page. The cache is keyed by a SHA-256 digest of the token, never
 * the token itself, and inactive answers are cached too, so a replayed revoked token does not reach the
 * authorization server on every request. Concurrent requests with the same uncached token wait for one
 * introspection call (a client's burst of parallel requests costs one call, not one each); a failed call is
 * not cached, so the next request tries again.
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

    private static final int HTTP_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_CACHED_TOKENS = 10_000;

    private final Config config;
    private final Clock clock;
    private final Cache<String, Answer> cache;

    public IntrospectionAccessTokenVerifier(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(MAX_CACHED_TOKENS)
                .expireAfter(Expiry.<String, Answer>writing((key, answer) ->
                        Duration.between(clock.instant(), answer.cachedUntil())))
                .build();
    }

    @Override
    public VerifiedAccessToken verify(String bearerToken) throws InvalidAccessTokenException {
        String key = digest(bearerToken);
        Answer answer = cache.getIfPresent(key);
        if (answer != null && !clock.instant().isBefore(answer.cachedUntil())) {
            cache.invalidate(key);
            answer = null;
        }
        if (answer == null) {
            // One introspection per token at a time: Caffeine runs the function once, concurrent callers with the
            // same key wait for its answer; an exception (endpoint unavailable) is thrown to each and not cached.
            answer = cache.get(key, k -> introspect(bearerToken));
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
        HTTPRequest request = new TokenIntrospectionRequest(config.endpoint(),
                new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret())),
                new TypelessAccessToken(bearerToken)).toHTTPRequest();
        request.setConnectTimeout(HTTP_TIMEOUT_MILLIS);
        request.setReadTimeout(HTTP_TIMEOUT_MILLIS);
        request.setAccept("application/json");
        HTTPResponse response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new AccessTokenVerifierUnavailableException("the introspection endpoint " + config.endpoint()
                    + " cannot be reached: " + e.getClass().getSimpleName(), e);
        }
        if (response.getStatusCode() != HTTPResponse.SC_OK) {
            throw new AccessTokenVerifierUnavailableException("the introspection endpoint " + config.endpoint()
                    + " answered HTTP " + response.getStatusCode()
                    + " (are the gateway's client credentials right?)", null);
        }
        TokenIntrospectionSuccessResponse answer;
        try {
            answer = TokenIntrospectionResponse.parse(response).toSuccessResponse();
        } catch (ParseException | RuntimeException e) {
            throw new AccessTokenVerifierUnavailableException("the introspection endpoint " + config.endpoint()
                    + " answered something that is not an RFC 7662 JSON object", e);
        }
        Instant now = clock.instant();
        Instant shortTerm = now.plus(config.cacheTtl());
        Optional<String> refusal = refusal(answer, now);
        if (refusal.isPresent()) {
            return new Answer(null, refusal.get(), shortTerm);
        }
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(answer.toJSONObject());
        } catch (java.text.ParseException e) {
            throw new AccessTokenVerifierUnavailableException("the introspection endpoint " + config.endpoint()
                    + " answered claims of the wrong types", e);
        }
        VerifiedAccessToken token = TokenClaims.toVerifiedToken(claims, config.practiceClaim());
        Instant until = token.expiresAt().filter(exp -> exp.isBefore(shortTerm)).orElse(shortTerm);
        return new Answer(token, null, until);
    }

    private Optional<String> refusal(TokenIntrospectionSuccessResponse answer, Instant now) {
        if (!answer.isActive()) {
            return Optional.of("The access token is not active (unknown, expired or revoked).");
        }
        Date exp = answer.getExpirationTime();
        if (exp != null && !now.isBefore(exp.toInstant().plus(config.clockSkew()))) {
            return Optional.of("The access token has expired.");
        }
        Date nbf = answer.getNotBeforeTime();
        if (nbf != null && now.plus(config.clockSkew()).isBefore(nbf.toInstant())) {
            return Optional.of("The access token is not valid yet (nbf).");
        }
        if (config.issuer() != null
                && (answer.getIssuer() == null || !config.issuer().equals(answer.getIssuer().getValue()))) {
            return Optional.of("The access token was not issued by the accepted issuer (iss).");
        }
        List<Audience> audience = answer.getAudience();
        if (audience != null && !audience.isEmpty()
                && audience.stream().noneMatch(a -> a.getValue().equals(config.audience()))) {
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
