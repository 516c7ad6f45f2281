package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The FHIR base URL of a request: scheme, host and port as the client addressed them, then the context path
 * and the servlet path.
 *
 * <p>HAPI's {@code IncomingRequestAddressStrategy} searches the request URL for the servlet path as text,
 * and for {@code /fhir-gateway/fhir?_getpages=...} it finds "/fhir" inside "/fhir-gateway", so paging
 * links on later pages pointed at {@code http://host/fhir}. Building the base from its parts avoids that.
 */
public final class ServletPathAddressStrategy implements IServerAddressStrategy {

    @Override
    public String determineServerBase(ServletContext servletContext, HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        int schemeEnd = url.indexOf("//");
        int pathStart = url.indexOf('/', schemeEnd < 0 ? 0 : schemeEnd + 2);
        String origin = pathStart < 0 ? url : url.substring(0, pathStart);
        return origin + request.getContextPath() + request.getServletPath();
    }
}
