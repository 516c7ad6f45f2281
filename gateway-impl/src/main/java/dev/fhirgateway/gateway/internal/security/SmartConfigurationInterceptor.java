package dev.fhirgateway.gateway.internal.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code GET [base]/.well-known/smart-configuration}, publicly, from inside the FHIR servlet (SMART
 * discovery lives below the FHIR base URL). It answers before HAPI looks for a resource type, since
 * {@code .well-known} is none.
 */
@Interceptor
public final class SmartConfigurationInterceptor {

    static final String PATH = "/.well-known/smart-configuration";

    private final byte[] document;

    public SmartConfigurationInterceptor(SmartConfiguration configuration) {
        this.document = configuration.toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** @return false (answered here) for the discovery document, true for every other request */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean serve(HttpServletRequest request, HttpServletResponse response) {
        if (!PATH.equals(request.getPathInfo())) {
            return true;
        }
        try {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                response.setHeader("Allow", "GET,HEAD");
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return false;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.setContentLength(document.length);
            if ("GET".equals(request.getMethod())) {
                response.getOutputStream().write(document);
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
