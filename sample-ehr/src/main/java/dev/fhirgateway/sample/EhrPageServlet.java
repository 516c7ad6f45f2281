package dev.fhirgateway.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The EHR's own web page: its practices with their PINs and patient counts, and the first patients of each,
 * read from the EHR's tables (not through the gateway).
 */
final class EhrPageServlet extends HttpServlet {

    private static final int PATIENTS_SHOWN = 8;

    private final transient PracticeDirectory directory;

    EhrPageServlet(PracticeDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sample EHR</title></head><body>");
        out.println("<h1>Sample EHR</h1>");
        out.println("<p>Fictional demo data. The FHIR gateway serves it at <code>/fhir-gateway/fhir</code>;"
                + " call it with an access token from <code>/oauth/token</code> (demo client <code>demo-PIN</code>,"
                + " secret <code>demo-PIN-secret</code>; development only).</p>");
        out.println("<p>Apps: <a href=\"register\">register an app</a> (pending until approved);"
                + " <a href=\"registrations\">registration desk</a> (practice administrators approve registrations"
                + " and scope changes);"
                + " <a href=\"launch\">launch a practitioner app for a patient</a> (SMART EHR launch);"
                + " users log in at <code>/oauth/authorize</code> as <code>patient-PIN</code>,"
                + " <code>clinician-PIN</code> or <code>admin-PIN</code>, password: the user name followed by"
                + " <code>-password</code> (development only).</p>");
        for (PracticeDirectory.PracticeOverview practice : directory.overview(PATIENTS_SHOWN)) {
            out.println("<h2>" + escape(practice.name()) + "</h2>");
            out.println("<p>PIN <code>" + escape(practice.pin()) + "</code>, " + practice.patientCount()
                    + " patients. First patients:</p>");
            out.println("<table><tr><th>Name</th><th>MRN</th><th>Birth date</th></tr>");
            for (PracticeDirectory.PatientListing patient : practice.firstPatients()) {
                out.println("<tr><td>" + escape(patient.familyName() + ", " + patient.givenName()) + "</td><td>"
                        + escape(patient.mrn()) + "</td><td>" + patient.birthDate() + "</td></tr>");
            }
            out.println("</table>");
        }
        out.println("</body></html>");
    }

    /** Text made safe for HTML element content and attribute values. */
    static String escape(String text) {
        return dev.fhirgateway.sample.auth.Html.escape(text);
    }
}
