package dev.fhirgateway.gateway.internal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers CDS Hooks discovery and service calls with 501 Not Implemented and a JSON body that says so, so
 * a CDS client gets a clear answer instead of a 404 it might retry.
 */
public final class CdsHooksRefusalServlet extends HttpServlet {

    static final String BODY = "{\"error\":\"not_implemented\",\"message\":\"This gateway does not support CDS Hooks:"
            + " it offers a read-only US Core FHIR API only.\",\"services\":[]}";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_IMPLEMENTED);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(BODY);
    }
}
