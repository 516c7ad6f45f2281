package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The FHIR base URL of a request: scheme, host and port as the client addressed them, then the context path
 * and the servlet path. Optionally, as a reverse proxy reports them in {@code Forwarded} (RFC 7239) or
 * {@code X-Forwarded-Proto/Host/Port/Prefix}.
 *
 * <p>HAPI's {@code IncomingRequestAddressStrategy} searches the request URL for the servlet path as text,
 * and for {@code /fhir-gateway/fhir?_getpages=...} it finds "/fhir" inside "/fhir-gateway", so paging
 * links on later pages pointed at {@code http://host/fhir}. Building the base from its parts avoids that.
 * HAPI's {@code ApacheProxyAddressStrategy} builds on that class and on Spring, which the WAR does not ship.
 *
 * <p>Forwarded headers are honoured only when trusted by configuration: any client can send them, so a
 * gateway reachable other than through the proxy would otherwise let clients choose the host in its links.
 */
public final class ServletPathAddressStrategy implements IServerAddressStrategy {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~\\-]+)*/?");

    private final boolean trustForwardedHeaders;

    /** @param trustForwardedHeaders whether {@code Forwarded}/{@code X-Forwarded-*} headers describe the public address */
    public ServletPathAddressStrategy(boolean trustForwardedHeaders) {
        this.trustForwardedHeaders = trustForwardedHeaders;
    }

    @Override
    public String determineServerBase(ServletContext servletContext, HttpServletRequest request) {
        String path = request.getContextPath() + request.getServletPath();
        if (trustForwardedHeaders) {
            Optional<String> forwarded = forwardedOrigin(request);
            if (forwarded.isPresent()) {
                String prefix = header(request, "X-Forwarded-Prefix").filter(p -> PREFIX.matcher(p).matches())
                        .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p).orElse("");
                return forwarded.get() + prefix + path;
            }
        }
        String url = request.getRequestURL().toString();
        int schemeEnd = url.indexOf("//");
        int pathStart = url.indexOf('/', schemeEnd < 0 ? 0 : schemeEnd + 2);
        String origin = pathStart < 0 ? url : url.substring(0, pathStart);
        return origin + path;
    }

    /** scheme://host[:port] from the first hop of {@code Forwarded}, else from {@code X-Forwarded-*}. */
    private static Optional<String> forwardedOrigin(HttpServletRequest request) {
        String proto = null;
        String host = null;
        Optional<String> rfc7239 = header(request, "Forwarded");
        if (rfc7239.isPresent()) {
            String firstHop = rfc7239.get().split(",")[0];
            for (String pair : firstHop.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = pair.substring(eq + 1).trim().replace("\"", "");
                    if (name.equals("proto")) {
                        proto = value;
                    } else if (name.equals("host")) {
                        host = value;
                    }
                }
            }
        } else {
            proto = header(request, "X-Forwarded-Proto").map(v -> v.split(",")[0].trim()).orElse(null);
            host = header(request, "X-Forwarded-Host").map(v -> v.split(",")[0].trim()).orElse(null);
            String port = header(request, "X-Forwarded-Port").map(v -> v.split(",")[0].trim()).orElse(null);
            if (host != null && port != null && !host.contains(":") && port.matches("\\d{1,5}")) {
                host = host + ":" + port;
            }
        }
        if (host == null && proto == null) {
            return Optional.empty();
        }
        String scheme = proto != null && (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))
                ? proto.toLowerCase(Locale.ROOT) : request.getScheme();
        String authority = host != null && TOKEN.matcher(host).matches() ? host
                : request.getServerName() + ":" + request.getServerPort();
        return Optional.of(scheme + "://" + withoutDefaultPort(scheme, authority));
    }

    private static String withoutDefaultPort(String scheme, String authority) {
        if ((scheme.equals("https") && authority.endsWith(":443")) || (scheme.equals("http") && authority.endsWith(":80"))) {
            return authority.substring(0, authority.lastIndexOf(':'));
        }
        return authority;
    }

    private static Optional<String> header(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getHeader(name)).filter(v -> !v.isBlank());
    }
}
