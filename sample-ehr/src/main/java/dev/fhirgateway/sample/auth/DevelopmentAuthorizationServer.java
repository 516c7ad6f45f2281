package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVELOPMENT STAND-IN for the EHR's own OAuth 2.0 authorization server, so the sample EHR can be tried with real
 * access tokens end to end. Not for production: a real EHR uses its own authorization server (or Keycloak, Okta,
 * ...), and the gateway is pointed at it by configuration alone.
 *
 * <p>Built on the Nimbus OAuth 2.0 SDK: it parses token requests ({@code client_credentials} only),
 * authenticates clients ({@link ClientAuthenticator}: {@code client_secret_basic}, {@code private_key_jwt}) and
 * answers per RFC 6749. Access tokens are JWTs signed RS256 with {@link SigningKeyStore}'s key ({@code kid}
 * set): {@code iss} = the issuer, {@code aud} = the gateway's FHIR base URL (or the audiences the request asks
 * for with {@code resource} or {@code aud}, when each is one of {@link Config#allowedAudiences()}; others are
 * refused with RFC 8707's {@code invalid_target}), {@code exp}, {@code scope} = the
 * requested scopes the client was granted (all of them when none is requested), {@code client_id}, and
 * {@code practice} = the client's practice PIN, the claim the gateway reads the practice from.
 *
 * <p>Logs client ids and outcomes only, never secrets, assertions or tokens.
 */
public final class DevelopmentAuthorizationServer {

    /**
     * Where the server is and whom its tokens are for.
     *
     * @param issuer the tokens' {@code iss}
     * @param tokenEndpoint the public token URL: the {@code aud} client assertions must name
     * @param audience the tokens' {@code aud} when the request names none: the gateway's FHIR base URL
     * @param tokenLifetime how long an access token is valid
     * @param otherAudiences further audiences a token request may ask for with {@code resource} (RFC 8707) or
     *     {@code aud}, e.g. the FHIR base of a gateway in a separate servlet container
     */
    public record Config(URI issuer, URI tokenEndpoint, String audience, Duration tokenLifetime,
            List<String> otherAudiences) {

        public Config {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(tokenLifetime, "tokenLifetime");
            otherAudiences = List.copyOf(otherAudiences);
        }

        /** Tokens only for {@code audience}. */
        public Config(URI issuer, URI tokenEndpoint, String audience, Duration tokenLifetime) {
            this(issuer, tokenEndpoint, audience, tokenLifetime, List.of());
        }

        /** Every audience a token may be issued for: {@link #audience()} first. */
        public Set<String> allowedAudiences() {
            Set<String> all = new LinkedHashSet<>();
            all.add(audience);
            all.addAll(otherAudiences);
            return all;
        }
    }

    /** The practice claim the gateway reads by default ({@code fhirgateway.auth.practice-claim}). */
    public static final String PRACTICE_CLAIM = "practice";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentAuthorizationServer.class);

    private final Config config;
    private final SigningKeyStore keys;
    private final ClientAuthenticator authenticator;
    private final Clock clock;

    public DevelopmentAuthorizationServer(Config config, ClientRegistry registry, SigningKeyStore keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
        this.authenticator = new ClientAuthenticator(registry, config.tokenEndpoint(), clock);
    }

    public Config config() {
        return config;
    }

    /** The public keys to verify access tokens with. */
    public JWKSet jwks() {
        return keys.publicKeys();
    }

    /** Answers a token request: an access token, or an RFC 6749 error response. */
    public HTTPResponse token(HTTPRequest request) {
        TokenRequest tokenRequest;
        try {
            tokenRequest = TokenRequest.parse(request);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            return refuse(error, "-", "malformed token request");
        }
        String clientId = tokenRequest.getClientAuthentication() == null ? "-"
                : loggable(tokenRequest.getClientAuthentication().getClientID().getValue());
        if (tokenRequest.getClientAuthentication() == null) {
            return refuse(OAuth2Error.INVALID_CLIENT, clientId, "no client authentication");
        }
        RegisteredClient client;
        try {
            client = authenticator.authenticate(tokenRequest.getClientAuthentication());
        } catch (InvalidClientException e) {
            // The reason stays in the log; the client learns only invalid_client (RFC 6749 5.2).
            return refuse(OAuth2Error.INVALID_CLIENT, clientId, e.getMessage());
        }
        if (!GrantType.CLIENT_CREDENTIALS.equals(tokenRequest.getAuthorizationGrant().getType())) {
            return refuse(OAuth2Error.UNSUPPORTED_GRANT_TYPE, clientId, "grant type not supported");
        }
        List<String> audiences;
        try {
            audiences = audiences(tokenRequest);
        } catch (IllegalArgumentException e) {
            return refuse(INVALID_TARGET.setDescription(e.getMessage()), clientId, "audience not allowed");
        }
        Scope granted = grantedScopes(tokenRequest.getScope(), client.scopes());
        if (granted.isEmpty()) {
            return refuse(OAuth2Error.INVALID_SCOPE.setDescription("None of the requested scopes is granted to"
                    + " this client"), clientId, "no requested scope granted");
        }
        try {
            BearerAccessToken token = new BearerAccessToken(sign(client, granted, audiences),
                    config.tokenLifetime().toSeconds(), granted);
            LOG.info("Issued an access token to client {} (practice {}, scopes {})", client.clientId(),
                    client.practicePin(), granted);
            return new AccessTokenResponse(new Tokens(token, null)).toHTTPResponse();
        } catch (JOSEException e) {
            LOG.error("Cannot sign an access token", e);
            return new TokenErrorResponse(OAuth2Error.SERVER_ERROR).toHTTPResponse();
        }
    }

    /** The requested scopes the client holds, or all its scopes when none is requested (RFC 6749 3.3). */
    static Scope grantedScopes(Scope requested, Scope registered) {
        if (requested == null || requested.isEmpty()) {
            return new Scope(registered);
        }
        Scope granted = new Scope();
        requested.stream().filter(registered::contains).forEach(granted::add);
        return granted;
    }

    /**
     * The audiences a token request asks for with {@code resource} (RFC 8707) or {@code aud} (as some SMART
     * clients send), or the default audience when it names none.
     *
     * @throws IllegalArgumentException when it asks for an audience this server does not issue tokens for
     */
    private List<String> audiences(TokenRequest request) {
        List<String> asked = new ArrayList<>();
        if (request.getResources() != null) {
            request.getResources().forEach(r -> asked.add(r.toString()));
        }
        List<String> aud = request.getCustomParameters().get("aud");
        if (aud != null) {
            asked.addAll(aud);
        }
        if (asked.isEmpty()) {
            return List.of(config.audience());
        }
        Set<String> allowed = config.allowedAudiences();
        List<String> normalized = asked.stream().map(a -> a.replaceAll("/+$", "")).distinct().toList();
        for (String a : normalized) {
            if (!allowed.contains(a)) {
                throw new IllegalArgumentException("This authorization server issues tokens only for " + allowed
                        + " (the sample EHR's --token-audience adds more).");
            }
        }
        return normalized;
    }

    private String sign(RegisteredClient client, Scope scope, List<String> audiences) throws JOSEException {
        RSAKey key = keys.signingKey();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(config.issuer().toString())
                .audience(audiences)
                .subject(client.clientId())
                .claim("client_id", client.clientId())
                .claim(PRACTICE_CLAIM, client.practicePin())
                .claim("scope", scope.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(config.tokenLifetime())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** RFC 8707 2: the requested resource is not one this server issues tokens for. */
    private static final ErrorObject INVALID_TARGET = new ErrorObject("invalid_target",
            "The requested resource is invalid, missing, unknown, or malformed", 400);

    /** A client id as sent, safe for a log line: a crafted one cannot forge lines or fields. */
    private static String loggable(String clientId) {
        String safe = clientId.replaceAll("[^A-Za-z0-9._:-]", "?");
        return safe.length() > 80 ? safe.substring(0, 80) + "..." : safe;
    }

    private static HTTPResponse refuse(ErrorObject error, String clientId, String reason) {
        LOG.info("Token request refused: {} (client {}): {}", error.getCode(), clientId, reason);
        HTTPResponse response = new TokenErrorResponse(error).toHTTPResponse();
        if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())) {
            // RFC 6749 5.2: 401 with the authentication scheme the client may use.
            response.setHeader("WWW-Authenticate", "Basic realm=\"sample-ehr-dev-authorization-server\"");
        }
        return response;
    }
}
