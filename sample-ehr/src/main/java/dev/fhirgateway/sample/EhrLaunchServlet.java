package dev.fhirgateway.sample;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.EhrUsers;
import dev.fhirgateway.sample.auth.Html;
import dev.fhirgateway.sample.auth.LaunchContexts;
import dev.fhirgateway.sample.auth.RegisteredClient;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EHR's app launcher ({@code /ehr/launch}), SMART's EHR launch: a clinician opens an approved practitioner
 * app for a patient of the app's practice; the EHR makes a launch context ({@link LaunchContexts}) and sends the
 * browser to the app's launch URI with {@code iss} (the gateway's FHIR base) and {@code launch}. The app then
 * asks the authorization server with {@code launch}, where the clinician logs in and the patient comes from the
 * launch. {@code GET /ehr/launch} lists the apps and patients; {@code ?app=CLIENT&patient=ID} launches.
 */
final class EhrLaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int PATIENTS_SHOWN = 20;

    private final transient ClientRegistry clients;
    private final transient EhrUsers users;
    private final transient LaunchContexts launches;
    private final String fhirBase;

    EhrLaunchServlet(ClientRegistry clients, EhrUsers users, LaunchContexts launches, String fhirBase) {
        this.clients = clients;
        this.users = users;
        this.launches = launches;
        this.fhirBase = fhirBase;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        String app = req.getParameter("app");
        String patient = req.getParameter("patient");
        if (app != null || patient != null) {
            launch(app, patient, resp);
            return;
        }
        PrintWriter out = page(resp, "Launch an app");
        List<RegisteredClient> launchable = clients.list().stream().filter(EhrLaunchServlet::launchable).toList();
        if (launchable.isEmpty()) {
            out.println("<p>No approved practitioner app with a launch URI is registered. Register one with"
                    + " <code>client add --use-case practitioner --launch-uri URI ...</code>.</p>");
        }
        for (RegisteredClient client : launchable) {
            out.println("<h2>" + Html.escape(client.name()) + " <small>(practice "
                    + Html.escape(client.practicePin()) + ")</small></h2>");
            out.println("<form method=\"get\" action=\"launch\"><input type=\"hidden\" name=\"app\" value=\""
                    + Html.escape(client.clientId()) + "\"><label>Patient <select name=\"patient\">");
            for (EhrUsers.PatientChoice p : users.patientsOf(client.practicePin(), "", PATIENTS_SHOWN)) {
                out.println("<option value=\"" + Html.escape(p.id()) + "\">" + Html.escape(p.displayName())
                        + " (" + p.birthDate() + ")</option>");
            }
            out.println("</select></label> <button type=\"submit\">Launch</button></form>");
        }
        out.println("</body></html>");
    }

    private void launch(String app, String patient, HttpServletResponse resp) throws IOException {
        Optional<RegisteredClient> client = app == null ? Optional.empty() : clients.find(app);
        if (client.isEmpty() || !launchable(client.get())) {
            refuse(resp, "No approved practitioner app with a launch URI has this id.");
            return;
        }
        if (patient == null || !users.isPatientOf(client.get().practicePin(), patient)) {
            refuse(resp, "The patient is not one of the app's practice.");
            return;
        }
        String launch = launches.create(client.get().clientId(), client.get().practicePin(), patient);
        URI launchUri = client.get().launchUri();
        String query = URLUtils.serializeParameters(Map.of("iss", List.of(fhirBase), "launch", List.of(launch)));
        resp.setStatus(HttpServletResponse.SC_FOUND);
        resp.setHeader("Location", launchUri + (launchUri.getRawQuery() == null ? "?" : "&") + query);
    }

    private static boolean launchable(RegisteredClient client) {
        return client.useCase() == RegisteredClient.UseCase.PRACTITIONER && client.isApproved()
                && client.launchUri() != null;
    }

    private static void refuse(HttpServletResponse resp, String message) throws IOException {
        resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        PrintWriter out = page(resp, "Cannot launch");
        out.println("<p id=\"error\">" + Html.escape(message) + "</p></body></html>");
    }

    private static PrintWriter page(HttpServletResponse resp, String title) throws IOException {
        resp.setContentType("text/html");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = resp.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title></head><body><p><strong>Sample EHR (development only, fictional data)</strong></p>"
                + "<h1>" + Html.escape(title) + "</h1>");
        return out;
    }
}
