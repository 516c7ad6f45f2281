package dev.fhirgateway.gateway.internal.docs;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the developer pages at {@code [context]/docs/}: {@code index.html} (also {@code /docs/}), one
 * {@code [Type].html} per served type, the same pages as {@code .md}, and {@code docs.css}. Public: no token, and
 * nothing on them depends on who asks (no practice, no patient, no PHI). The FHIR base URL they print is the one
 * the FHIR endpoint puts in its links ({@code fhirgateway.public-base-url}, else the request's address).
 *
 * <p>GET and HEAD only (others 405); an unknown page is 404; errors are {@code OperationOutcome}s like everywhere
 * in the gateway's context, and never repeat the path asked for.
 */
@Singleton
public final class DeveloperPagesServlet extends HttpServlet {

    private static final Pattern PAGE = Pattern.compile("/([A-Za-z]{1,64})\\.(html|md)");
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private final transient DeveloperPages pages;
    private final transient IServerAddressStrategy addresses;
    private final transient FhirContext fhirContext;

    @Inject
    public DeveloperPagesServlet(DeveloperPages pages, IServerAddressStrategy addresses, FhirContext fhirContext) {
        this.pages = pages;
        this.addresses = addresses;
        this.fhirContext = fhirContext;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            outcome(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String path = request.getPathInfo();
        if (path == null) {
            // /docs: relative links on the pages need the trailing slash.
            response.setHeader("Location", request.getContextPath() + "/docs/");
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            return;
        }
        String base = fhirBase(request);
        if (path.equals("/") || path.equals("/index.html")) {
            send(request, response, "text/html", pages.html(base, DeveloperPages.INDEX));
            return;
        }
        if (path.equals("/" + DocsStyle.FILE)) {
            send(request, response, "text/css", Optional.of(DocsStyle.css()));
            return;
        }
        Matcher m = PAGE.matcher(path);
        if (!m.matches()) {
            outcome(request, response, HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        boolean html = m.group(2).equals("html");
        send(request, response, html ? "text/html" : "text/markdown",
                html ? pages.html(base, m.group(1)) : pages.markdown(base, m.group(1)));
    }

    /** The FHIR base as the FHIR endpoint computes it: the same request, addressed to {@code /fhir}. */
    private String fhirBase(HttpServletRequest request) {
        String base = addresses.determineServerBase(getServletContext(), new HttpServletRequestWrapper(request) {
            @Override
            public String getServletPath() {
                return "/fhir";
            }
        });
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private void send(HttpServletRequest request, HttpServletResponse response, String type, Optional<String> body)
            throws IOException {
        if (body.isEmpty()) {
            outcome(request, response, HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type + ";charset=utf-8");
        // No PHI, but the base URL may follow the request's address: revalidate rather than reuse blindly.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setContentLength(bytes.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(bytes);
        }
    }

    private void outcome(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        if (!request.getMethod().equals("HEAD")) {
            response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(
                    OperationOutcomes.forStatus(status)));
        }
    }
}
