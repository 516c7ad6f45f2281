package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs what the development authorization server issues, RS256 with {@link SigningKeyStore}'s newest key
 * ({@code kid} set): access tokens (JWTs the gateway verifies) and OpenID Connect id_tokens (built as Nimbus'
 * {@link IDTokenClaimsSet}, with SMART's {@code fhirUser}).
 */
final class TokenSigner {

    /** The practice claim the gateway reads by default ({@code fhirgateway.auth.practice-claim}). */
    static final String PRACTICE_CLAIM = "practice";

    private final URI issuer;
    private final SigningKeyStore keys;
    private final Clock clock;

    TokenSigner(URI issuer, SigningKeyStore keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * An access token: {@code iss}, {@code aud}, {@code sub} (the user, else the client), {@code client_id},
     * {@code practice}, {@code scope}, and the launch context {@code patient} and {@code fhirUser} when present.
     */
    String accessToken(String clientId, String practicePin, String username, Scope scope, String patient,
            String fhirUser, List<String> audiences, Duration lifetime) throws JOSEException {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .audience(audiences)
                .subject(username != null ? username : clientId)
                .claim("client_id", clientId)
                .claim(PRACTICE_CLAIM, practicePin)
                .claim("scope", scope.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        if (patient != null) {
            claims.claim("patient", patient);
        }
        if (fhirUser != null) {
            claims.claim("fhirUser", fhirUser);
        }
        return sign(claims.build(), JOSEObjectType.JWT);
    }

    /** An id_token for the app ({@code aud} = its client id) about the user, with {@code fhirUser} when known. */
    SignedJWT idToken(LaunchGrant grant, Duration lifetime) throws JOSEException {
        Instant now = clock.instant();
        IDTokenClaimsSet claims = new IDTokenClaimsSet(new Issuer(issuer), new Subject(grant.username()),
                List.of(new Audience(grant.clientId())), Date.from(now.plus(lifetime)), Date.from(now));
        claims.setAuthenticationTime(Date.from(grant.authTime()));
        if (grant.nonce() != null) {
            claims.setNonce(new Nonce(grant.nonce()));
        }
        if (grant.fhirUser() != null && grant.scope().contains(SmartScopes.FHIR_USER)) {
            claims.setClaim("fhirUser", grant.fhirUser());
        }
        try {
            return signed(claims.toJWTClaimsSet(), JOSEObjectType.JWT);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new IllegalStateException("id_token claims", e);
        }
    }

    private String sign(JWTClaimsSet claims, JOSEObjectType type) throws JOSEException {
        return signed(claims, type).serialize();
    }

    private SignedJWT signed(JWTClaimsSet claims, JOSEObjectType type) throws JOSEException {
        RSAKey key = keys.signingKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type)
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }
}
