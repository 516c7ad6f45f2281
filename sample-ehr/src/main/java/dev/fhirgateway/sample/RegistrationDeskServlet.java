package dev.fhirgateway.sample;

import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.EhrUser;
import dev.fhirgateway.sample.auth.EhrUsers;
import dev.fhirgateway.sample.auth.Html;
import dev.fhirgateway.sample.auth.RegisteredClient;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The practice administrator's registration desk ({@code /ehr/registrations}): after logging in (an
 * {@code administrator} account of the EHR, e.g. {@code admin-1001}), the administrator sees the practice's app
 * registrations and decides: approve or reject a pending registration (its credentials work only once approved),
 * approve or reject a scope modification request (the granted scopes keep working meanwhile), grant refresh tokens.
 * Below, the practice's registration audit log. An administrator acts on their own practice's apps only.
 *
 * <p>The login is kept in a servlet session (cookie HttpOnly, SameSite=Strict); every form carries the session's
 * CSRF token. Answers to actions redirect back to the page (post/redirect/get).
 */
final class RegistrationDeskServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ADMIN = "registration-desk.admin";
    private static final String CSRF = "registration-desk.csrf";
    private static final int AUDIT_SHOWN = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final transient ClientRegistry clients;
    private final transient EhrUsers users;

    RegistrationDeskServlet(ClientRegistry clients, EhrUsers users) {
        this.clients = clients;
        this.users = users;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<EhrUser> admin = admin(req);
        if (admin.isEmpty()) {
            loginPage(resp, null);
            return;
        }
        String pin = admin.get().practicePin();
        String csrf = (String) req.getSession().getAttribute(CSRF);
        PrintWriter out = page(resp, "Registration desk of practice " + pin);
        out.println("<p>Logged in as <code id=\"admin\">" + Html.escape(admin.get().username()) + "</code>. "
                + form(csrf, "logout", null, "Log out") + "</p>");
        out.println("<table id=\"registrations\"><tr><th>Client id</th><th>Name</th><th>Use case</th><th>Status</th>"
                + "<th>Authentication</th><th>Scopes</th><th>Refresh tokens</th><th>Requested change</th>"
                + "<th>Decide</th></tr>");
        for (RegisteredClient c : clients.listForPractice(pin)) {
            StringBuilder actions = new StringBuilder();
            if (c.status() == RegisteredClient.Status.PENDING) {
                actions.append(form(csrf, "approve", c.clientId(), "Approve"))
                        .append(form(csrf, "reject", c.clientId(), "Reject"));
            }
            if (c.hasPendingModification()) {
                actions.append(form(csrf, "approve-modification", c.clientId(), "Approve change"))
                        .append(form(csrf, "reject-modification", c.clientId(), "Reject change"));
            }
            if (!c.refreshAllowed() && c.useCase() != RegisteredClient.UseCase.SYSTEM) {
                actions.append(form(csrf, "grant-refresh", c.clientId(), "Grant refresh tokens"));
            }
            out.println("<tr data-client=\"" + Html.escape(c.clientId()) + "\"><td><code>"
                    + Html.escape(c.clientId()) + "</code></td><td>" + Html.escape(c.name()) + "</td><td>"
                    + c.useCase().code() + "</td><td class=\"status\">" + c.status().code() + "</td><td>"
                    + c.authenticationMethods() + "</td><td class=\"scopes\"><code>" + Html.escape(c.scopes().toString())
                    + "</code></td><td class=\"refresh\">" + (c.refreshAllowed() ? "allowed" : "no") + "</td>"
                    + "<td class=\"requested\">" + (c.requestedScopes() == null ? ""
                            : "scopes <code>" + Html.escape(c.requestedScopes().toString()) + "</code> ")
                    + (c.requestedRefresh() ? "refresh tokens" : "") + "</td><td>" + actions + "</td></tr>");
        }
        out.println("</table><h2>Audit log</h2><table id=\"audit\"><tr><th>When</th><th>Client id</th><th>By</th>"
                + "<th>Action</th><th>Detail</th></tr>");
        for (ClientRegistry.AuditEntry e : clients.auditLog(pin, AUDIT_SHOWN)) {
            out.println("<tr><td>" + e.at() + "</td><td><code>" + Html.escape(e.clientId()) + "</code></td><td>"
                    + Html.escape(e.actor()) + "</td><td class=\"action\">" + Html.escape(e.action()) + "</td><td>"
                    + Html.escape(e.detail()) + "</td></tr>");
        }
        out.println("</table></body></html>");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String action = req.getParameter("action");
        if ("login".equals(action)) {
            Optional<EhrUser> user = users.authenticate(req.getParameter("username"), req.getParameter("password"));
            if (user.isEmpty() || user.get().role() != EhrUser.Role.ADMINISTRATOR) {
                loginPage(resp, "Unknown administrator or wrong password.");
                return;
            }
            HttpSession session = req.getSession(true);
            req.changeSessionId();
            session.setAttribute(ADMIN, user.get().username());
            session.setAttribute(CSRF, newToken());
            seeDesk(resp);
            return;
        }
        Optional<EhrUser> admin = admin(req);
        if (admin.isEmpty() || !csrfMatches(req)) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "Log in as the practice's administrator first.");
            return;
        }
        if ("logout".equals(action)) {
            req.getSession().invalidate();
            seeDesk(resp);
            return;
        }
        String clientId = req.getParameter("client");
        Optional<RegisteredClient> client = clientId == null ? Optional.empty() : clients.find(clientId);
        if (client.isEmpty() || !client.get().practicePin().equals(admin.get().practicePin())) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "No registration of your practice has this id.");
            return;
        }
        String actor = admin.get().username();
        switch (action == null ? "" : action) {
            case "approve" -> clients.decide(clientId, RegisteredClient.Status.APPROVED, actor);
            case "reject" -> clients.decide(clientId, RegisteredClient.Status.REJECTED, actor);
            case "approve-modification" -> clients.decideModification(clientId, true, actor);
            case "reject-modification" -> clients.decideModification(clientId, false, actor);
            case "grant-refresh" -> clients.grantRefreshTokens(clientId, actor);
            default -> {
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "Unknown action.");
                return;
            }
        }
        seeDesk(resp);
    }

    private Optional<EhrUser> admin(HttpServletRequest req) {
        HttpSession session = req.getSession(false);
        Object name = session == null ? null : session.getAttribute(ADMIN);
        return name instanceof String username ? users.find(username).filter(u -> u.role() == EhrUser.Role.ADMINISTRATOR)
                : Optional.empty();
    }

    private static boolean csrfMatches(HttpServletRequest req) {
        Object expected = req.getSession().getAttribute(CSRF);
        String sent = req.getParameter("csrf");
        return expected instanceof String e && sent != null
                && MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static void seeDesk(HttpServletResponse resp) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", "registrations");
    }

    private static void loginPage(HttpServletResponse resp, String error) throws IOException {
        PrintWriter out = page(resp, "Registration desk: administrator login");
        out.println("<p>Log in as the practice's administrator (demo: <code>admin-PIN</code>, password: the user name"
                + " followed by <code>-password</code>).</p>");
        if (error != null) {
            out.println("<p id=\"error\" role=\"alert\">" + Html.escape(error) + "</p>");
        }
        out.println("<form method=\"post\" action=\"registrations\"><input type=\"hidden\" name=\"action\""
                + " value=\"login\"><p><label>User name <input id=\"username\" name=\"username\" required></label></p>"
                + "<p><label>Password <input id=\"password\" name=\"password\" type=\"password\" required></label></p>"
                + "<p><button id=\"login\" type=\"submit\">Log in</button></p></form></body></html>");
    }

    private static String form(String csrf, String action, String clientId, String label) {
        return "<form method=\"post\" action=\"registrations\" style=\"display:inline\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(csrf) + "\">"
                + "<input type=\"hidden\" name=\"action\" value=\"" + action + "\">"
                + (clientId == null ? "" : "<input type=\"hidden\" name=\"client\" value=\"" + Html.escape(clientId)
                        + "\">")
                + "<button type=\"submit\" data-action=\"" + action + "\">" + Html.escape(label) + "</button></form>";
    }

    static PrintWriter page(HttpServletResponse resp, String title) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setContentType("text/html");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = resp.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title></head><body><p><strong>Sample EHR (DEVELOPMENT ONLY, fictional data, published demo"
                + " passwords)</strong></p><h1>" + Html.escape(title) + "</h1>");
        return out;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
