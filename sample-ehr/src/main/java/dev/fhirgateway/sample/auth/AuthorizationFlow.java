package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization endpoint's logic (SMART App Launch 2.x, authorization code with PKCE), free of HTML: the
 * request is parsed and answered with the Nimbus SDK; {@link AuthorizationEndpointServlet} renders the pages.
 *
 * <ol>
 *   <li>{@link #start}: the app's request. An unknown client or a redirect URI that is not exactly one it
 *       registered is shown as an error page, never redirected (RFC 6749 4.1.2.1). Everything else wrong is
 *       redirected back as an RFC 6749 error: a pending or rejected registration and system apps
 *       ({@code unauthorized_client}), a response type other than {@code code}, no PKCE or a method other than
 *       S256, an {@code aud} that is not a FHIR base this server issues tokens for, an unknown {@code launch}
 *       ({@code invalid_request}), no grantable resource scope ({@code invalid_scope}).</li>
 *   <li>{@link #login}: a portal user for patient apps, a clinician of the app's practice for practitioner
 *       apps.</li>
 *   <li>{@link #pickPatient}: a clinician whose app needs a patient and who came without an EHR launch picks one
 *       of the practice's patients.</li>
 * </ol>
 * An authorization in progress is kept under an unguessable transaction id (also the forms' CSRF token) for
 * {@link #TRANSACTION_LIFETIME}.
 */
final class AuthorizationFlow {

    static final Duration TRANSACTION_LIFETIME = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationFlow.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PICKER_SIZE = 50;

    /** What the endpoint answers. */
    sealed interface Outcome {
        /** The request cannot be answered to the app: shown to the user, status 400. */
        record ErrorPage(String message) implements Outcome {
        }

        /** Back to the app: a code or an error. */
        record Redirect(URI location) implements Outcome {
        }

        /** The login form; {@code error} is shown when a login failed. */
        record Login(String transaction, RegisteredClient client, Scope scope, String error) implements Outcome {
        }

        /** The patient picker. */
        record PickPatient(String transaction, RegisteredClient client, List<EhrUsers.PatientChoice> patients,
                String filter) implements Outcome {
        }
    }

    private record Pending(AuthorizationRequest request, RegisteredClient client, Scope scope,
            LaunchContexts.Launch launch, EhrUser user, Instant authTime, Instant expiresAt) {

        Pending withUser(EhrUser loggedIn, Instant when) {
            return new Pending(request, client, scope, launch, loggedIn, when, expiresAt);
        }
    }

    private final ClientRegistry clients;
    private final EhrUsers users;
    private final LaunchContexts launches;
    private final AuthorizationCodes codes;
    private final Set<String> audiences;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    AuthorizationFlow(ClientRegistry clients, EhrUsers users, LaunchContexts launches, AuthorizationCodes codes,
            Set<String> audiences, Clock clock) {
        this.clients = clients;
        this.users = users;
        this.launches = launches;
        this.codes = codes;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
    }

    /** Step 1: the app's authorization request (the query string of {@code GET /oauth/authorize}). */
    Outcome start(String query) {
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(query == null ? "" : query);
        } catch (ParseException e) {
            // Redirect only to a URI registered for the named client; otherwise tell the user.
            Optional<RegisteredClient> client = e.getClientID() == null ? Optional.empty()
                    : clients.find(e.getClientID().getValue());
            if (client.isPresent() && e.getRedirectionURI() != null
                    && client.get().redirectUris().contains(e.getRedirectionURI())) {
                return error(e.getRedirectionURI(), e.getState(),
                        e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST, "-",
                        "malformed authorization request");
            }
            LOG.info("Authorization request refused: malformed, no registered redirect URI to answer to");
            return new Outcome.ErrorPage("The authorization request is malformed: "
                    + (e.getErrorObject() != null && e.getErrorObject().getDescription() != null
                            ? e.getErrorObject().getDescription() : "missing or invalid parameters") + ".");
        }
        Optional<RegisteredClient> found = clients.find(request.getClientID().getValue());
        if (found.isEmpty()) {
            LOG.info("Authorization request refused: unknown client");
            return new Outcome.ErrorPage("No app is registered with this client_id.");
        }
        RegisteredClient client = found.get();
        URI redirect = request.getRedirectionURI();
        if (redirect == null || !client.redirectUris().contains(redirect)) {
            LOG.info("Authorization request refused: redirect URI not registered (client {})", client.clientId());
            return new Outcome.ErrorPage("The redirect_uri is missing or is not one registered for this app"
                    + " (they must match exactly).");
        }
        State state = request.getState();
        if (!new ResponseType(ResponseType.Value.CODE).equals(request.getResponseType())) {
            return error(redirect, state, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription("Only response_type=code"
                    + " is supported"), client.clientId(), "response type not code");
        }
        if (client.useCase() == RegisteredClient.UseCase.SYSTEM) {
            return error(redirect, state, OAuth2Error.UNAUTHORIZED_CLIENT.setDescription("A system app uses"
                    + " client_credentials, not user authorization"), client.clientId(), "system app");
        }
        if (!client.isApproved()) {
            return error(redirect, state, OAuth2Error.UNAUTHORIZED_CLIENT.setDescription("The app's registration is "
                    + client.status().code() + (client.status() == RegisteredClient.Status.PENDING
                            ? ": the practice has not approved it yet" : "")), client.clientId(),
                    "registration " + client.status().code());
        }
        if (request.getCodeChallenge() == null) {
            return error(redirect, state, OAuth2Error.INVALID_REQUEST.setDescription("PKCE is required:"
                    + " code_challenge with code_challenge_method=S256"), client.clientId(), "no PKCE");
        }
        if (!CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            return error(redirect, state, OAuth2Error.INVALID_REQUEST.setDescription("code_challenge_method must be"
                    + " S256"), client.clientId(), "PKCE method not S256");
        }
        List<String> aud = request.getCustomParameter("aud");
        if (aud == null || aud.size() != 1 || !audiences.contains(aud.get(0).replaceAll("/+$", ""))) {
            return error(redirect, state, OAuth2Error.INVALID_REQUEST.setDescription("aud must name the FHIR server"
                    + " the app will call: one of " + audiences), client.clientId(), "aud missing or unknown");
        }
        LaunchContexts.Launch launch = null;
        List<String> launchParameter = request.getCustomParameter("launch");
        if (launchParameter != null) {
            Optional<LaunchContexts.Launch> found2 = launches.find(launchParameter.get(0));
            if (found2.isEmpty() || !found2.get().clientId().equals(client.clientId())) {
                return error(redirect, state, OAuth2Error.INVALID_REQUEST.setDescription("The launch is unknown,"
                        + " expired, or for another app: start again from the EHR"), client.clientId(),
                        "unknown launch");
            }
            launch = found2.get();
        }
        Scope granted = SmartScopes.grant(request.getScope(), client, launch != null);
        if (!SmartScopes.hasResourceScope(granted)) {
            return error(redirect, state, OAuth2Error.INVALID_SCOPE.setDescription("None of the requested resource"
                    + " scopes is allowed by the app's registration"), client.clientId(), "no scope grantable");
        }
        String transaction = newTransaction();
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expiresAt().isBefore(now));
        pending.put(transaction, new Pending(request, client, granted, launch, null, null,
                now.plus(TRANSACTION_LIFETIME)));
        return new Outcome.Login(transaction, client, granted, null);
    }

    /** Step 2: the user's login. */
    Outcome login(String transaction, String username, String password) {
        Pending p = transaction == null ? null : pending.get(transaction);
        if (p == null || p.expiresAt().isBefore(clock.instant())) {
            return new Outcome.ErrorPage("This login form expired. Start again from the app.");
        }
        Optional<EhrUser> user = users.authenticate(username, password);
        if (user.isEmpty()) {
            LOG.info("Login failed for an authorization of client {}", p.client().clientId());
            return new Outcome.Login(transaction, p.client(), p.scope(), "Unknown user or wrong password.");
        }
        EhrUser u = user.get();
        EhrUser.Role needed = p.client().useCase() == RegisteredClient.UseCase.PATIENT ? EhrUser.Role.PATIENT
                : EhrUser.Role.CLINICIAN;
        if (u.role() != needed) {
            return new Outcome.Login(transaction, p.client(), p.scope(), "This app is for "
                    + (needed == EhrUser.Role.PATIENT ? "patients (portal users)" : "clinicians") + ".");
        }
        if (!u.practicePin().equals(p.client().practicePin())) {
            return new Outcome.Login(transaction, p.client(), p.scope(), "This app is registered for another"
                    + " practice.");
        }
        Pending loggedIn = p.withUser(u, clock.instant());
        pending.put(transaction, loggedIn);
        if (u.role() == EhrUser.Role.PATIENT) {
            return issue(transaction, loggedIn, u.patientId());
        }
        if (p.launch() != null) {
            return issue(transaction, loggedIn, p.launch().patient());
        }
        if (p.scope().contains(SmartScopes.LAUNCH_PATIENT) || SmartScopes.hasPatientScope(p.scope())) {
            return new Outcome.PickPatient(transaction, p.client(), users.patientsOf(u.practicePin(), "", PICKER_SIZE),
                    "");
        }
        return issue(transaction, loggedIn, null);
    }

    /** Step 3 (clinicians, standalone): the picked patient, or a new filter for the list. */
    Outcome pickPatient(String transaction, String patientId, String filter) {
        Pending p = transaction == null ? null : pending.get(transaction);
        if (p == null || p.user() == null || p.expiresAt().isBefore(clock.instant())) {
            return new Outcome.ErrorPage("This form expired. Start again from the app.");
        }
        if (patientId == null || patientId.isBlank()) {
            return new Outcome.PickPatient(transaction, p.client(), users.patientsOf(p.user().practicePin(), filter,
                    PICKER_SIZE), filter == null ? "" : filter);
        }
        if (!users.isPatientOf(p.user().practicePin(), patientId)) {
            return new Outcome.ErrorPage("No such patient in this practice.");
        }
        return issue(transaction, p, patientId);
    }

    /** The code, redirected to the app; the transaction ends. */
    private Outcome issue(String transaction, Pending p, String patient) {
        pending.remove(transaction);
        AuthorizationRequest request = p.request();
        List<String> nonce = request.getCustomParameter("nonce");
        LaunchGrant grant = new LaunchGrant(p.client().clientId(), p.client().practicePin(), p.user().username(),
                p.scope(), patient, p.user().fhirUser().orElse(null), nonce == null ? null : nonce.get(0),
                p.authTime());
        AuthorizationCode code = codes.issue(grant, request.getRedirectionURI(), request.getCodeChallenge());
        // Ids only: the user's FHIR reference, never a name or login.
        LOG.info("Authorization code issued to client {} (practice {}, fhirUser {}, patient context {}, scopes {})",
                p.client().clientId(), p.client().practicePin(), grant.fhirUser() == null ? "-" : grant.fhirUser(),
                patient != null, p.scope());
        return new Outcome.Redirect(new AuthorizationSuccessResponse(request.getRedirectionURI(), code, null,
                request.getState(), ResponseMode.QUERY).toURI());
    }

    private static Outcome error(URI redirect, State state, ErrorObject error, String clientId, String reason) {
        LOG.info("Authorization request refused: {} (client {}): {}", error.getCode(), clientId, reason);
        return new Outcome.Redirect(new AuthorizationErrorResponse(redirect, error, state, ResponseMode.QUERY)
                .toURI());
    }

    private static String newTransaction() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
