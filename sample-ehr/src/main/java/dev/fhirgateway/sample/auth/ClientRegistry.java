package dev.fhirgateway.sample.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.Scope;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The registration desk of the sample EHR's development authorization server: stores apps (table
 * {@code api_client}) with their practice, granted scopes and credentials, and finds them again.
 * Secrets are generated here, returned once, and stored only as hashes.
 */
public final class ClientRegistry {

    /**
     * What a registration hands back to the vendor.
     *
     * @param secret the client secret, shown only now; null when the client authenticates with keys
     */
    public record Registration(RegisteredClient client, String secret) {

        /** Leaves out the secret. */
        @Override
        public String toString() {
            return "Registration[" + client + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;

    public ClientRegistry(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The EHR database the registrations are kept in (the authorization server keeps its refresh tokens there). */
    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Registers a new app for a practice.
     *
     * @param practicePin the practice the app may read
     * @param scopes the SMART scopes granted (at least one)
     * @param name a display name, or null
     * @param jwks the app's public keys for {@code private_key_jwt}, or null to issue a client secret instead
     * @throws IllegalArgumentException when the practice does not exist, no scope is given, or the key set holds
     *     private keys or no key
     */
    public Registration register(String practicePin, Scope scopes, String name, JWKSet jwks) {
        return register(new AppRegistration(practicePin, RegisteredClient.UseCase.SYSTEM, scopes, name, jwks, true,
                List.of(), null, false, RegisteredClient.Status.APPROVED));
    }

    /**
     * What a vendor asks for when registering an app.
     *
     * @param practicePin the practice the app is for
     * @param useCase patient app, practitioner app or system app
     * @param scopes the SMART scopes asked for (at least one)
     * @param name a display name, or null
     * @param jwks public keys for {@code private_key_jwt}, or null
     * @param confidential whether the app keeps a credential (a secret is issued unless {@code jwks} is given);
     *     false for a public client (browser or mobile app), which system apps cannot be
     * @param redirectUris where users may be sent back after authorizing (required for patient and practitioner
     *     apps; absolute URIs without fragment)
     * @param launchUri the app's EHR launch page, or null
     * @param refreshAllowed whether the app may be issued refresh tokens
     * @param status the registration's state: {@code PENDING} until the practice approves it
     */
    public record AppRegistration(String practicePin, RegisteredClient.UseCase useCase, Scope scopes, String name,
            JWKSet jwks, boolean confidential, List<URI> redirectUris, URI launchUri, boolean refreshAllowed,
            RegisteredClient.Status status) {

        public AppRegistration {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    /**
     * Registers an app as asked.
     *
     * @throws IllegalArgumentException when the practice does not exist, or the request is inconsistent: no scope,
     *     a scope of a level the use case may not use, a user-facing app without redirect URI, a public system app,
     *     or a key set holding private keys or no key
     */
    public Registration register(AppRegistration request) {
        SmartScopes.requireAllowed(request.useCase(), request.scopes());
        boolean userFacing = request.useCase() != RegisteredClient.UseCase.SYSTEM;
        if (userFacing && request.redirectUris().isEmpty()) {
            throw new IllegalArgumentException("a " + request.useCase().code() + " app needs at least one redirect URI");
        }
        if (!userFacing && !request.redirectUris().isEmpty()) {
            throw new IllegalArgumentException("a system app has no redirect URI: it uses client_credentials");
        }
        if (!userFacing && !request.confidential()) {
            throw new IllegalArgumentException("a system app must be confidential (a secret or keys)");
        }
        for (URI uri : request.redirectUris()) {
            if (!uri.isAbsolute() || uri.getFragment() != null || uri.getScheme() == null) {
                throw new IllegalArgumentException("a redirect URI must be absolute and without fragment: " + uri);
            }
        }
        String clientId = "app-" + UUID.randomUUID();
        String secret = request.confidential() && request.jwks() == null ? newSecret() : null;
        JWKSet jwks = request.confidential() ? request.jwks() : null;
        return new Registration(insert(new RegisteredClient(clientId, request.practicePin(),
                displayName(request.name(), clientId), request.scopes(),
                secret == null ? null : ClientSecretHasher.hash(secret), jwks, request.useCase(), request.status(),
                request.redirectUris(), request.launchUri(), request.refreshAllowed())), secret);
    }

    /**
     * The practice's decision on a pending registration.
     *
     * @return whether the registration was pending (and so changed)
     */
    public boolean decide(String clientId, RegisteredClient.Status decision) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_client SET status = :status"
                        + " WHERE client_id = :clientId AND status = 'pending'")
                .bind("status", decision.code()).bind("clientId", clientId).execute()) == 1;
    }

    /**
     * Registers a client under a fixed id and secret, unless that id exists: the demo clients ({@link DemoClients}).
     *
     * @return whether it was added now
     */
    boolean registerIfAbsent(String clientId, String practicePin, Scope scopes, String name, String secret) {
        if (find(clientId).isPresent()) {
            return false;
        }
        insert(new RegisteredClient(clientId, practicePin, displayName(name, clientId), scopes,
                ClientSecretHasher.hash(secret), null));
        return true;
    }

    /** The client with this id, if registered. */
    public Optional<RegisteredClient> find(String clientId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.client_id = :clientId")
                .bind("clientId", clientId).map((rs, ctx) -> row(rs)).findOne());
    }

    /** Every registered client, by practice and id. */
    public List<RegisteredClient> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY p.pin, c.client_id")
                .map((rs, ctx) -> row(rs)).list());
    }

    private static final String SELECT = "SELECT c.client_id, p.pin, c.name, c.scopes, c.secret_hash, c.jwks,"
            + " c.use_case, c.status, c.redirect_uris, c.launch_uri, c.refresh_allowed"
            + " FROM api_client c JOIN practice p ON p.id = c.practice_id";

    private static String displayName(String name, String clientId) {
        return name == null || name.isBlank() ? clientId : name;
    }

    private RegisteredClient insert(RegisteredClient client) {
        if (client.scopes().isEmpty()) {
            throw new IllegalArgumentException("at least one scope is needed");
        }
        JWKSet jwks = client.jwks();
        if (jwks != null) {
            if (jwks.getKeys().isEmpty()) {
                throw new IllegalArgumentException("the key set has no key");
            }
            if (jwks.getKeys().stream().anyMatch(k -> k.isPrivate())) {
                throw new IllegalArgumentException("the key set holds a private key: register the public keys only");
            }
        }
        return jdbi.inTransaction(h -> {
            long practiceId = practiceId(h, client.practicePin());
            h.createUpdate("INSERT INTO api_client (client_id, practice_id, name, scopes, secret_hash, jwks, created_at,"
                            + " use_case, status, redirect_uris, launch_uri, refresh_allowed)"
                            + " VALUES (:clientId, :practiceId, :name, :scopes, :secretHash, :jwks, :createdAt,"
                            + " :useCase, :status, :redirectUris, :launchUri, :refreshAllowed)")
                    .bind("clientId", client.clientId())
                    .bind("practiceId", practiceId)
                    .bind("name", client.name())
                    .bind("scopes", client.scopes().toString())
                    .bind("secretHash", client.secretHash())
                    .bind("jwks", jwks == null ? null : jwks.toString(true))
                    .bind("createdAt", Timestamp.from(Instant.now()))
                    .bind("useCase", client.useCase().code())
                    .bind("status", client.status().code())
                    .bind("redirectUris", client.redirectUris().isEmpty() ? null : client.redirectUris().stream()
                            .map(URI::toString).collect(Collectors.joining(" ")))
                    .bind("launchUri", client.launchUri() == null ? null : client.launchUri().toString())
                    .bind("refreshAllowed", client.refreshAllowed())
                    .execute();
            return client;
        });
    }

    private static long practiceId(Handle h, String pin) {
        return h.createQuery("SELECT id FROM practice WHERE pin = :pin").bind("pin", pin).mapTo(Long.class)
                .findOne().orElseThrow(() -> new IllegalArgumentException("no practice with PIN " + pin));
    }

    private static RegisteredClient row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String jwks = rs.getString("jwks");
        try {
            String redirects = rs.getString("redirect_uris");
            String launch = rs.getString("launch_uri");
            return new RegisteredClient(rs.getString("client_id"), rs.getString("pin"), rs.getString("name"),
                    Scope.parse(rs.getString("scopes")), rs.getString("secret_hash"),
                    jwks == null ? null : JWKSet.parse(jwks), RegisteredClient.UseCase.of(rs.getString("use_case")),
                    RegisteredClient.Status.of(rs.getString("status")),
                    redirects == null ? List.of() : Arrays.stream(redirects.split(" ")).map(URI::create).toList(),
                    launch == null ? null : URI.create(launch), rs.getBoolean("refresh_allowed"));
        } catch (ParseException e) {
            throw new IllegalStateException("stored key set of a client cannot be read", e);
        }
    }

    /** 32 random bytes, URL-safe Base64: usable in HTTP Basic and on a command line. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
