package dev.fhirgateway.sample;

import com.nimbusds.oauth2.sdk.Scope;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.Html;
import dev.fhirgateway.sample.auth.RegisteredClient;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The EHR site's app registration page ({@code /ehr/register}), the form a vendor fills in: practice PIN, use case
 * (patient app, practitioner app, system app), scopes, redirect and launch URIs, public or confidential, refresh
 * tokens wanted. The registration starts <em>pending</em>: the practice's administrator approves it on the
 * registration desk ({@link RegistrationDeskServlet}) before its credentials work. A confidential app's secret is
 * shown once here (system apps with keys register with {@code client add --jwks}).
 */
final class AppRegistrationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ClientRegistry clients;

    AppRegistrationServlet(ClientRegistry clients) {
        this.clients = clients;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PrintWriter out = RegistrationDeskServlet.page(resp, "Register an app");
        out.println("<p>A registration is for one practice and one use case, and starts pending until the practice's"
                + " administrator approves it.</p>");
        out.println("<form method=\"post\" action=\"register\">"
                + "<p><label>Practice PIN <input id=\"practice\" name=\"practice\" required></label></p>"
                + "<p><label>Use case <select id=\"use-case\" name=\"use-case\"><option value=\"patient\">patient app"
                + "</option><option value=\"practitioner\">practitioner app</option><option value=\"system\">system"
                + " app (backend service)</option></select></label></p>"
                + "<p><label>App name <input id=\"name\" name=\"name\"></label></p>"
                + "<p><label>Scopes <input id=\"scopes\" name=\"scopes\" size=\"60\" placeholder=\"patient/*.rs\""
                + " required></label></p>"
                + "<p><label>Redirect URIs (space-separated) <input id=\"redirect-uris\" name=\"redirect-uris\""
                + " size=\"60\"></label></p>"
                + "<p><label>EHR launch URI <input id=\"launch-uri\" name=\"launch-uri\" size=\"60\"></label></p>"
                + "<p><label><input type=\"checkbox\" id=\"public\" name=\"public\" value=\"true\"> Public client (no"
                + " secret: a browser or mobile app)</label></p>"
                + "<p><label><input type=\"checkbox\" id=\"refresh\" name=\"refresh\" value=\"true\"> Refresh tokens"
                + " (offline_access / online_access)</label></p>"
                + "<p><button id=\"register\" type=\"submit\">Register</button></p></form></body></html>");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ClientRegistry.Registration registration;
        try {
            String redirects = req.getParameter("redirect-uris");
            String launch = req.getParameter("launch-uri");
            registration = clients.register(new ClientRegistry.AppRegistration(req.getParameter("practice"),
                    RegisteredClient.UseCase.of(req.getParameter("use-case")),
                    Scope.parse(req.getParameter("scopes")), req.getParameter("name"), null,
                    !"true".equals(req.getParameter("public")),
                    redirects == null || redirects.isBlank() ? List.of()
                            : Arrays.stream(redirects.trim().split("\\s+")).map(URI::create).toList(),
                    launch == null || launch.isBlank() ? null : URI.create(launch.trim()),
                    "true".equals(req.getParameter("refresh")), RegisteredClient.Status.PENDING),
                    "ehr-registration-page");
        } catch (IllegalArgumentException | NullPointerException e) {
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            PrintWriter out = RegistrationDeskServlet.page(resp, "Not registered");
            out.println("<p id=\"error\">" + Html.escape(e.getMessage() == null ? "missing fields" : e.getMessage())
                    + "</p></body></html>");
            return;
        }
        resp.setStatus(HttpServletResponse.SC_CREATED);
        PrintWriter out = RegistrationDeskServlet.page(resp, "Registered, pending review");
        out.println("<p>client_id: <code id=\"client-id\">" + Html.escape(registration.client().clientId())
                + "</code></p>");
        if (registration.secret() != null) {
            out.println("<p>client_secret: <code id=\"client-secret\">" + Html.escape(registration.secret())
                    + "</code> (shown once; only a hash is stored)</p>");
        }
        out.println("<p>Status: <strong id=\"status\">" + registration.client().status().code() + "</strong>: the"
                + " credentials work once the administrator of practice "
                + Html.escape(registration.client().practicePin()) + " approves the registration.</p></body></html>");
    }
}
