package dev.fhirgateway.sample.auth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The authorization endpoint of the {@link DevelopmentAuthorizationServer} ({@code /oauth/authorize}): the pages of
 * {@link AuthorizationFlow}. {@code GET} takes the app's request; the login form and the patient picker post back
 * here with the transaction id. Every page says it is a development server.
 */
public final class AuthorizationEndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AuthorizationFlow flow;

    AuthorizationEndpointServlet(AuthorizationFlow flow) {
        this.flow = flow;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        render(flow.start(req.getQueryString()), resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String transaction = req.getParameter("transaction");
        AuthorizationFlow.Outcome outcome = "pick".equals(req.getParameter("step"))
                ? flow.pickPatient(transaction, req.getParameter("patient"), req.getParameter("filter"))
                : flow.login(transaction, req.getParameter("username"), req.getParameter("password"));
        render(outcome, resp);
    }

    private static void render(AuthorizationFlow.Outcome outcome, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
        if (outcome instanceof AuthorizationFlow.Outcome.Redirect redirect) {
            resp.setStatus(HttpServletResponse.SC_FOUND);
            resp.setHeader("Location", redirect.location().toString());
            return;
        }
        resp.setContentType("text/html");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = resp.getWriter();
        if (outcome instanceof AuthorizationFlow.Outcome.ErrorPage error) {
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            page(out, "Authorization error");
            out.println("<p id=\"error\">" + Html.escape(error.message()) + "</p>");
        } else if (outcome instanceof AuthorizationFlow.Outcome.Login login) {
            page(out, "Log in to authorize " + login.client().name());
            out.println("<p>The app <strong>" + Html.escape(login.client().name()) + "</strong> (practice "
                    + Html.escape(login.client().practicePin()) + ") asks for: <code id=\"scope\">"
                    + Html.escape(login.scope().toString()) + "</code>.</p>");
            out.println("<p>Log in as a " + (login.client().useCase() == RegisteredClient.UseCase.PATIENT
                    ? "patient (portal user, e.g. <code>patient-" : "clinician (e.g. <code>clinician-")
                    + Html.escape(login.client().practicePin()) + "</code>, password: the user name followed by"
                    + " <code>-password</code>) to allow it.</p>");
            if (login.error() != null) {
                out.println("<p id=\"error\" role=\"alert\">" + Html.escape(login.error()) + "</p>");
            }
            out.println("<form method=\"post\" action=\"authorize\">"
                    + hidden("transaction", login.transaction()) + hidden("step", "login")
                    + "<p><label>User name <input id=\"username\" name=\"username\" autocomplete=\"username\""
                    + " required></label></p>"
                    + "<p><label>Password <input id=\"password\" name=\"password\" type=\"password\""
                    + " autocomplete=\"current-password\" required></label></p>"
                    + "<p><button id=\"login\" type=\"submit\">Log in and allow</button></p></form>");
        } else if (outcome instanceof AuthorizationFlow.Outcome.PickPatient pick) {
            page(out, "Choose a patient for " + pick.client().name());
            out.println("<form method=\"post\" action=\"authorize\">" + hidden("transaction", pick.transaction())
                    + hidden("step", "pick") + "<p><label>Family name starts with <input id=\"filter\""
                    + " name=\"filter\" value=\"" + Html.escape(pick.filter()) + "\"></label> <button"
                    + " id=\"search\" type=\"submit\">Search</button></p>");
            out.println("<ul id=\"patients\">");
            for (EhrUsers.PatientChoice patient : pick.patients()) {
                out.println("<li><button type=\"submit\" name=\"patient\" value=\"" + Html.escape(patient.id())
                        + "\" data-patient=\"" + Html.escape(patient.id()) + "\">"
                        + Html.escape(patient.displayName()) + "</button> born " + patient.birthDate() + "</li>");
            }
            out.println("</ul></form>");
        }
        out.println("</main></body></html>");
    }

    private static void page(PrintWriter out, String title) {
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title></head><body>");
        out.println("<p id=\"development-only\"><strong>DEVELOPMENT authorization server of the sample EHR:</strong>"
                + " fictional data, published demo passwords. Never use it for real patients.</p><main>");
        out.println("<h1>" + Html.escape(title) + "</h1>");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
    }
}
