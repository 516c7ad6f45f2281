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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientRegistry.class);

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
        return register(request, "sample-ehr");
    }

    /**
     * Registers an app as asked, recording who did it in the audit log.
     *
     * @param actor who registers it: a tool ({@code client-command}, {@code ehr-registration-page}) or a user name
     * @throws IllegalArgumentException as {@link #register(AppRegistration)}
     */
    public Registration register(AppRegistration request, String actor) {
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
                request.redirectUris(), request.launchUri(), request.refreshAllowed(), null, false), actor), secret);
    }

    /** One line of the registration audit log (ids, use cases, statuses and scopes only). */
    public record AuditEntry(Instant at, String clientId, String practicePin, String actor, String action,
            String detail) {
    }

    /**
     * The practice's decision on a pending registration: credentials work only once it is approved.
     *
     * @param actor the administrator who decided
     * @return whether the registration was pending (and so changed)
     */
    public boolean decide(String clientId, RegisteredClient.Status decision, String actor) {
        if (decision == RegisteredClient.Status.PENDING) {
            throw new IllegalArgumentException("a decision approves or rejects");
        }
        return jdbi.inTransaction(h -> {
            boolean changed = h.createUpdate("UPDATE api_client SET status = :status"
                            + " WHERE client_id = :clientId AND status = 'pending'")
                    .bind("status", decision.code()).bind("clientId", clientId).execute() == 1;
            if (changed) {
                audit(h, clientId, actor, decision == RegisteredClient.Status.APPROVED ? "approved" : "rejected",
                        null);
            }
            return changed;
        });
    }

    /**
     * A scope modification request (and/or a request for refresh tokens): pending until the practice decides; the
     * granted scopes keep working meanwhile. A newer request replaces a pending one.
     *
     * @param scopes the scopes asked for instead of the granted ones, or null to keep them
     * @param refresh whether refresh tokens are asked for
     * @throws IllegalArgumentException for an unknown client, scopes its use case cannot hold, or an empty request
     */
    public void requestModification(String clientId, Scope scopes, boolean refresh, String actor) {
        RegisteredClient client = find(clientId).orElseThrow(() -> new IllegalArgumentException("no client "
                + clientId));
        if (scopes != null) {
            SmartScopes.requireAllowed(client.useCase(), scopes);
        }
        boolean askRefresh = refresh && !client.refreshAllowed();
        if (scopes == null && !askRefresh) {
            throw new IllegalArgumentException("nothing to modify: give new scopes and/or ask for refresh tokens");
        }
        if (askRefresh && client.useCase() == RegisteredClient.UseCase.SYSTEM) {
            throw new IllegalArgumentException("system apps use client_credentials and hold no refresh tokens");
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE api_client SET requested_scopes = :scopes, requested_refresh = :refresh"
                            + " WHERE client_id = :clientId")
                    .bind("scopes", scopes == null ? null : scopes.toString()).bind("refresh", askRefresh)
                    .bind("clientId", clientId).execute();
            audit(h, clientId, actor, "modification-requested", (scopes == null ? "" : "scopes: " + scopes)
                    + (askRefresh ? (scopes == null ? "" : "; ") + "refresh tokens" : ""));
        });
    }

    /**
     * The practice's decision on a pending modification request: approved, the requested scopes replace the
     * granted ones (and refresh tokens are allowed if asked for); rejected, the request is dropped.
     *
     * @return whether a request was pending
     */
    public boolean decideModification(String clientId, boolean approve, String actor) {
        return jdbi.inTransaction(h -> {
            Optional<RegisteredClient> client = find(h, clientId);
            if (client.isEmpty() || !client.get().hasPendingModification()) {
                return false;
            }
            RegisteredClient c = client.get();
            if (approve) {
                h.createUpdate("UPDATE api_client SET scopes = :scopes, refresh_allowed = :refresh,"
                                + " requested_scopes = NULL, requested_refresh = FALSE WHERE client_id = :clientId")
                        .bind("scopes", (c.requestedScopes() != null ? c.requestedScopes() : c.scopes()).toString())
                        .bind("refresh", c.refreshAllowed() || c.requestedRefresh())
                        .bind("clientId", clientId).execute();
            } else {
                h.createUpdate("UPDATE api_client SET requested_scopes = NULL, requested_refresh = FALSE"
                        + " WHERE client_id = :clientId").bind("clientId", clientId).execute();
            }
            audit(h, clientId, actor, approve ? "modification-approved" : "modification-rejected",
                    approve ? "scopes: " + (c.requestedScopes() != null ? c.requestedScopes() : c.scopes())
                            + (c.requestedRefresh() ? "; refresh tokens allowed" : "") : null);
            return true;
        });
    }

    /**
     * Allows a user-facing app refresh tokens from now on (the practice grants what the app asked for, or decides
     * on its own).
     *
     * @return whether it changed
     */
    public boolean grantRefreshTokens(String clientId, String actor) {
        return jdbi.inTransaction(h -> {
            boolean changed = h.createUpdate("UPDATE api_client SET refresh_allowed = TRUE, requested_refresh = FALSE"
                            + " WHERE client_id = :clientId AND refresh_allowed = FALSE AND use_case <> 'system'")
                    .bind("clientId", clientId).execute() == 1;
            if (changed) {
                audit(h, clientId, actor, "refresh-granted", null);
            }
            return changed;
        });
    }

    /** The practice's registration audit log, newest first, at most {@code limit} entries. */
    public List<AuditEntry> auditLog(String practicePin, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.occurred_at, a.client_id, p.pin, a.actor, a.action,"
                        + " a.detail FROM registration_audit a JOIN practice p ON p.id = a.practice_id"
                        + " WHERE p.pin = :pin ORDER BY a.id DESC LIMIT :limit")
                .bind("pin", practicePin).bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getTimestamp("occurred_at").toInstant(), rs.getString("client_id"),
                        rs.getString("pin"), rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
                .list());
    }

    /** The registrations of one practice, by id. */
    public List<RegisteredClient> listForPractice(String practicePin) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE p.pin = :pin ORDER BY c.client_id")
                .bind("pin", practicePin).map((rs, ctx) -> row(rs)).list());
    }

    private static void audit(Handle h, String clientId, String actor, String action, String detail) {
        h.createUpdate("INSERT INTO registration_audit (occurred_at, client_id, practice_id, actor, action, detail)"
                        + " SELECT :at, c.client_id, c.practice_id, :actor, :action, :detail FROM api_client c"
                        + " WHERE c.client_id = :clientId")
                .bind("at", Timestamp.from(Instant.now())).bind("clientId", clientId)
                .bind("actor", actor.length() > 64 ? actor.substring(0, 64) : actor).bind("action", action)
                .bind("detail", detail).execute();
        LOG.info("Registration {}: {} by {}{}", clientId, action, actor, detail == null ? "" : " (" + detail + ")");
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
                ClientSecretHasher.hash(secret), null), "demo-seed");
        return true;
    }

    /** The client with this id, if registered. */
    public Optional<RegisteredClient> find(String clientId) {
        return jdbi.withHandle(h -> find(h, clientId));
    }

    private static Optional<RegisteredClient> find(Handle h, String clientId) {
        return h.createQuery(SELECT + " WHERE c.client_id = :clientId")
                .bind("clientId", clientId).map((rs, ctx) -> row(rs)).findOne();
    }

    /** Every registered client, by practice and id. */
    public List<RegisteredClient> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY p.pin, c.client_id")
                .map((rs, ctx) -> row(rs)).list());
    }

    private static final String SELECT = "SELECT c.client_id, p.pin, c.name, c.scopes, c.secret_hash, c.jwks,"
            + " c.use_case, c.status, c.redirect_uris, c.launch_uri, c.refresh_allowed, c.requested_scopes,"
            + " c.requested_refresh"
            + " FROM api_client c JOIN practice p ON p.id = c.practice_id";

    private static String displayName(String name, String clientId) {
        return name == null || name.isBlank() ? clientId : name;
    }

    private RegisteredClient insert(RegisteredClient client, String actor) {
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
            audit(h, client.clientId(), actor, "registered", client.useCase().code() + " app, " + client.status().code()
                    + ", " + client.authenticationMethods() + ", scopes: " + client.scopes()
                    + (client.refreshAllowed() ? "; refresh tokens" : ""));
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
                    launch == null ? null : URI.create(launch), rs.getBoolean("refresh_allowed"),
                    rs.getString("requested_scopes") == null ? null : Scope.parse(rs.getString("requested_scopes")),
                    rs.getBoolean("requested_refresh"));
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
