package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.util.LinkedHashMap;
import java.util.Map;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVELOPMENT STAND-IN for the EHR's own OAuth 2.0 authorization server, so the sample EHR can be tried with real
 * access tokens end to end. Not for production: a real EHR uses its own authorization server (or Keycloak, Okta,
 * ...), and the gateway is pointed at it by configuration alone.
 *
 * <p>Built on the Nimbus OAuth 2.0 / OpenID Connect SDK, it speaks:
 * <ul>
 *   <li>SMART Backend Services: {@code client_credentials} for approved system apps;</li>
 *   <li>SMART App Launch 2.x: authorization code with PKCE S256 ({@link AuthorizationFlow}: standalone launch as a
 *       portal user or a clinician with a patient picker, EHR launch with {@code launch}) for public and
 *       confidential patient and practitioner apps, the launch context ({@code patient}) in the token response,
 *       a signed {@code id_token} for {@code openid fhirUser};</li>
 *   <li>refresh tokens for {@code offline_access} / {@code online_access} when the registration allows them,
 *       rotated on every use with reuse detection ({@link RefreshTokens}), and RFC 7009 revocation.</li>
 * </ul>
 * Clients authenticate with {@code client_secret_basic} or {@code private_key_jwt} ({@link ClientAuthenticator});
 * public clients name themselves with {@code client_id} and prove the authorization with PKCE. Only apps whose
 * registration the practice approved get tokens. Access tokens are JWTs signed RS256 with {@link SigningKeyStore}'s key ({@code kid}
 * set): {@code iss} = the issuer, {@code aud} = the gateway's FHIR base URL (or the audiences the request asks
 * for with {@code resource} or {@code aud}, when each is one of {@link Config#allowedAudiences()}; others are
 * refused with RFC 8707's {@code invalid_target}), {@code exp}, {@code scope} = the
 * requested scopes the client was granted (all of them when none is requested), {@code client_id}, and
 * {@code practice} = the client's practice PIN, the claim the gateway reads the practice from, and for user
 * tokens {@code patient} and {@code fhirUser}.
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

        /** The authorization endpoint: {@code authorize} beside the token endpoint. */
        public URI authorizationEndpoint() {
            return tokenEndpoint.resolve("authorize");
        }

        /** The RFC 7009 revocation endpoint: {@code revoke} beside the token endpoint. */
        public URI revocationEndpoint() {
            return tokenEndpoint.resolve("revoke");
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
    public static final String PRACTICE_CLAIM = TokenSigner.PRACTICE_CLAIM;
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** The grant types this server answers. */
    public static final List<String> GRANT_TYPES = List.of("authorization_code", "client_credentials",
            "refresh_token");
    /** How clients authenticate at the token endpoint ({@code none}: public clients with PKCE). */
    public static final List<String> CLIENT_AUTH_METHODS = List.of("private_key_jwt", "client_secret_basic", "none");
    /** The scopes it can grant (v2 and v1 forms; granular scopes narrow these). */
    public static final List<String> SCOPES = List.of("openid", "fhirUser", "launch", "launch/patient",
            "offline_access", "online_access", "patient/*.rs", "patient/*.read", "user/*.rs", "user/*.read",
            "system/*.rs", "system/*.read");
    /** The SMART App Launch 2.x capabilities it implements. */
    public static final List<String> CAPABILITIES = List.of("launch-ehr", "launch-standalone", "client-public",
            "client-confidential-symmetric", "client-confidential-asymmetric", "context-ehr-patient",
            "context-standalone-patient", "sso-openid-connect", "permission-offline", "permission-online",
            "permission-patient", "permission-user", "permission-v1", "permission-v2");

    /** id_tokens are read by the app right away. */
    private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentAuthorizationServer.class);

    private final Config config;
    private final SigningKeyStore keys;
    private final ClientRegistry registry;
    private final ClientAuthenticator authenticator;
    private final TokenSigner signer;
    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final LaunchContexts launches;
    private final AuthorizationFlow flow;

    /** A server for system apps only (no user logins): what tests of client_credentials need. */
    public DevelopmentAuthorizationServer(Config config, ClientRegistry registry, SigningKeyStore keys, Clock clock) {
        this(config, registry, keys, null, clock);
    }

    /**
     * @param users the EHR's user accounts that log in at the authorization endpoint
     * @param jdbi the EHR database, for refresh tokens; null when {@code users} is null
     */
    public DevelopmentAuthorizationServer(Config config, ClientRegistry registry, SigningKeyStore keys,
            EhrUsers users, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.registry = registry;
        this.authenticator = new ClientAuthenticator(registry, config.tokenEndpoint(), clock);
        this.signer = new TokenSigner(config.issuer(), keys, clock);
        this.codes = new AuthorizationCodes(clock);
        this.refreshTokens = new RefreshTokens(registry.jdbi(), clock);
        this.launches = new LaunchContexts(clock);
        this.flow = users == null ? null
                : new AuthorizationFlow(registry, users, launches, codes, config.allowedAudiences(), clock);
    }

    public Config config() {
        return config;
    }

    /** The public keys to verify access tokens and id_tokens with. */
    public JWKSet jwks() {
        return keys.publicKeys();
    }

    /** EHR launches: the EHR page makes one when a clinician opens an app. */
    public LaunchContexts launches() {
        return launches;
    }

    /** The authorization endpoint's servlet, for {@code /oauth/authorize}. */
    public AuthorizationEndpointServlet authorizationEndpoint() {
        if (flow == null) {
            throw new IllegalStateException("this server was made without user accounts");
        }
        return new AuthorizationEndpointServlet(flow);
    }

    /** OpenID Connect discovery, for {@code /oauth/.well-known/openid-configuration}; {@code jwksUri} as published. */
    public OpenIdConfigurationServlet openIdConfiguration(URI jwksUri) {
        return new OpenIdConfigurationServlet(config, jwksUri);
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
        ClientID named = tokenRequest.getClientAuthentication() != null
                ? tokenRequest.getClientAuthentication().getClientID() : tokenRequest.getClientID();
        String clientId = named == null ? "-" : loggable(named.getValue());
        if (named == null && tokenRequest.getAuthorizationGrant() instanceof RefreshTokenGrant refreshGrant) {
            // A public client may refresh without naming itself (SMART's JavaScript client does): the refresh
            // token names its client, which must then be public; a confidential one must still authenticate.
            named = refreshTokens.clientOf(refreshGrant.getRefreshToken().getValue()).map(ClientID::new).orElse(null);
        }
        RegisteredClient client;
        try {
            client = identify(tokenRequest.getClientAuthentication(), tokenRequest.getClientAuthentication() != null
                    ? null : named);
        } catch (InvalidClientException e) {
            // The reason stays in the log; the client learns only invalid_client (RFC 6749 5.2).
            return refuse(OAuth2Error.INVALID_CLIENT, clientId, e.getMessage());
        }
        if (!client.isApproved()) {
            return refuse(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription("The app's registration is "
                    + client.status().code() + (client.status() == RegisteredClient.Status.PENDING
                            ? ": the practice has not approved it yet" : "")), clientId,
                    "registration " + client.status().code());
        }
        AuthorizationGrant grant = tokenRequest.getAuthorizationGrant();
        if (GrantType.CLIENT_CREDENTIALS.equals(grant.getType())) {
            return clientCredentials(tokenRequest, client);
        }
        if (grant instanceof AuthorizationCodeGrant code) {
            return authorizationCode(tokenRequest, code, client);
        }
        if (grant instanceof RefreshTokenGrant refresh) {
            return refresh(tokenRequest, refresh, client);
        }
        return refuse(OAuth2Error.UNSUPPORTED_GRANT_TYPE, clientId, "grant type not supported");
    }

    /** Answers an RFC 7009 revocation request: 200 whether or not the token was known (RFC 7009 2.2). */
    public HTTPResponse revoke(HTTPRequest request) {
        TokenRevocationRequest revocation;
        try {
            revocation = TokenRevocationRequest.parse(request);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            return refuse(error, "-", "malformed revocation request");
        }
        ClientID named = revocation.getClientAuthentication() != null
                ? revocation.getClientAuthentication().getClientID() : revocation.getClientID();
        String clientId = named == null ? "-" : loggable(named.getValue());
        RegisteredClient client;
        try {
            client = identify(revocation.getClientAuthentication(), revocation.getClientID());
        } catch (InvalidClientException e) {
            return refuse(OAuth2Error.INVALID_CLIENT, clientId, e.getMessage());
        }
        // Access tokens are self-contained JWTs the gateway verifies offline: they run out within minutes.
        boolean revoked = refreshTokens.revoke(revocation.getToken().getValue(), client.clientId());
        LOG.info("Revocation request of client {}: {}", client.clientId(),
                revoked ? "refresh token family revoked" : "no refresh token of this client (nothing to do)");
        return new HTTPResponse(HTTPResponse.SC_OK);
    }

    /**
     * The client of a request: authenticated when it sent credentials; a public client named by
     * {@code client_id} otherwise. A confidential client must authenticate.
     */
    private RegisteredClient identify(ClientAuthentication authentication, ClientID publicClient)
            throws InvalidClientException {
        if (authentication != null) {
            return authenticator.authenticate(authentication);
        }
        if (publicClient == null) {
            throw new InvalidClientException("no client authentication");
        }
        RegisteredClient client = registry.find(publicClient.getValue())
                .orElseThrow(() -> InvalidClientException.BAD_ID);
        if (!client.isPublic()) {
            throw new InvalidClientException("a confidential client must authenticate");
        }
        return client;
    }

    private HTTPResponse clientCredentials(TokenRequest tokenRequest, RegisteredClient client) {
        String clientId = client.clientId();
        if (client.useCase() != RegisteredClient.UseCase.SYSTEM) {
            return refuse(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription("client_credentials is for system apps;"
                    + " this app is launched by users (authorization_code)"), clientId, "not a system app");
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
            BearerAccessToken token = new BearerAccessToken(signer.accessToken(client.clientId(),
                    client.practicePin(), null, granted, null, null, audiences, config.tokenLifetime()),
                    config.tokenLifetime().toSeconds(), granted);
            LOG.info("Issued an access token to client {} (practice {}, scopes {})", client.clientId(),
                    client.practicePin(), granted);
            return new AccessTokenResponse(new Tokens(token, null)).toHTTPResponse();
        } catch (JOSEException e) {
            LOG.error("Cannot sign an access token", e);
            return new TokenErrorResponse(OAuth2Error.SERVER_ERROR).toHTTPResponse();
        }
    }

    private HTTPResponse authorizationCode(TokenRequest tokenRequest, AuthorizationCodeGrant grant,
            RegisteredClient client) {
        String clientId = client.clientId();
        String code = grant.getAuthorizationCode().getValue();
        AuthorizationCodes.Redemption redemption = codes.redeem(code);
        if (redemption instanceof AuthorizationCodes.Redemption.Replayed replayed) {
            if (replayed.refreshFamily() != null) {
                refreshTokens.revokeFamily(replayed.refreshFamily());
            }
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("The authorization code was already used"),
                    clientId, "authorization code replayed; its refresh tokens are revoked");
        }
        if (!(redemption instanceof AuthorizationCodes.Redemption.Redeemed redeemed)) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("Unknown or expired authorization code"),
                    clientId, "unknown or expired authorization code");
        }
        AuthorizationCodes.IssuedCode issued = redeemed.code();
        if (!issued.grant().clientId().equals(clientId)) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("The authorization code was issued to another"
                    + " client"), clientId, "code of another client");
        }
        if (!issued.redirectUri().equals(grant.getRedirectionURI())) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("redirect_uri differs from the authorization"
                    + " request's"), clientId, "redirect URI mismatch");
        }
        CodeVerifier verifier = grant.getCodeVerifier();
        if (verifier == null) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("code_verifier is required (PKCE)"), clientId,
                    "no code verifier");
        }
        if (!CodeChallenge.compute(CodeChallengeMethod.S256, verifier).equals(issued.challenge())) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("code_verifier does not match the code"
                    + " challenge"), clientId, "wrong code verifier");
        }
        return userTokens(issued.grant(), client, refreshFamily -> codes.issuedRefreshFamily(code, refreshFamily),
                null);
    }

    private HTTPResponse refresh(TokenRequest tokenRequest, RefreshTokenGrant grant, RegisteredClient client) {
        String clientId = client.clientId();
        RefreshTokens.Use use = refreshTokens.rotate(grant.getRefreshToken().getValue(), clientId);
        if (use instanceof RefreshTokens.Use.Reused) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("The refresh token was already used"), clientId,
                    "refresh token reused; its family is revoked");
        }
        if (use instanceof RefreshTokens.Use.Invalid invalid) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("Invalid refresh token"), clientId,
                    invalid.reason());
        }
        RefreshTokens.Use.Rotated rotated = (RefreshTokens.Use.Rotated) use;
        LaunchGrant stored = rotated.grant();
        // What the registration allows now: a scope the practice took away is not refreshed.
        Scope allowed = SmartScopes.grant(stored.scope(), client, stored.scope().contains(SmartScopes.LAUNCH));
        Scope scope = allowed;
        if (tokenRequest.getScope() != null && !tokenRequest.getScope().isEmpty()) {
            if (!SmartScopes.narrows(tokenRequest.getScope(), allowed)) {
                return refuse(OAuth2Error.INVALID_SCOPE.setDescription("A refresh may only narrow the scopes"),
                        clientId, "refresh asked for more scopes");
            }
            scope = new Scope(tokenRequest.getScope());
        }
        if (!client.refreshAllowed() || !SmartScopes.hasResourceScope(scope)) {
            return refuse(OAuth2Error.INVALID_GRANT.setDescription("The app may no longer refresh these scopes"),
                    clientId, "refresh no longer allowed");
        }
        LaunchGrant refreshed = new LaunchGrant(client.clientId(), client.practicePin(), stored.username(), scope,
                stored.patient(), stored.fhirUser(), null, stored.authTime());
        return userTokens(refreshed, client, family -> { }, rotated.next());
    }

    /**
     * The tokens of a user grant: the access token with the launch context, the {@code patient} parameter, an
     * id_token for {@code openid}, and a refresh token when {@code offline_access} or {@code online_access} was
     * granted ({@code next} when rotating, else the first of a new family).
     */
    private HTTPResponse userTokens(LaunchGrant grant, RegisteredClient client,
            java.util.function.Consumer<String> newFamily, RefreshToken next) {
        try {
            Scope scope = grant.scope();
            BearerAccessToken access = new BearerAccessToken(signer.accessToken(client.clientId(),
                    client.practicePin(), grant.username(), scope, grant.patient(), grant.fhirUser(),
                    List.of(config.audience()), config.tokenLifetime()), config.tokenLifetime().toSeconds(), scope);
            RefreshToken refresh = next;
            if (refresh == null && (scope.contains(SmartScopes.OFFLINE_ACCESS)
                    || scope.contains(SmartScopes.ONLINE_ACCESS))) {
                RefreshTokens.Issued issued = refreshTokens.issue(grant);
                newFamily.accept(issued.family());
                refresh = issued.token();
            }
            Map<String, Object> context = new LinkedHashMap<>();
            if (grant.patient() != null) {
                context.put("patient", grant.patient());
            }
            LOG.info("Issued user tokens to client {} (practice {}, scopes {}, patient context {}, refresh {})",
                    client.clientId(), client.practicePin(), scope, grant.patient() != null, refresh != null);
            if (scope.contains(SmartScopes.OPENID) && grant.username() != null) {
                return new OIDCTokenResponse(new OIDCTokens(signer.idToken(grant, ID_TOKEN_LIFETIME), access,
                        refresh), context).toHTTPResponse();
            }
            return new AccessTokenResponse(new Tokens(access, refresh), context).toHTTPResponse();
        } catch (JOSEException e) {
            LOG.error("Cannot sign a token", e);
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
