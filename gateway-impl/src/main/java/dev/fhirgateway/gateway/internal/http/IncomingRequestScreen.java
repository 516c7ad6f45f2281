package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Checks what HAPI's server cannot refuse cleanly itself, before a FHIR request reaches it: HAPI would answer
 * these with a 500 (an unchecked exception from its query parser or the container's form parser, or a
 * missing RDF library while encoding the answer). Each refusal names the problem, never the value sent.
 *
 * <ul>
 *   <li>A query string with a malformed percent-escape: 400.</li>
 *   <li>A request body (the form of {@code POST [type]/_search}, a {@code Parameters} resource) over
 *       {@value #MAX_BODY_BYTES} bytes: 413; a charset other than UTF-8, US-ASCII or ISO-8859-1: 415; a form
 *       the container cannot read (bad escapes, shorter than its length, broken chunking): 400.</li>
 *   <li>An answer format HAPI would pick but the gateway does not produce (RDF/Turtle, whose library is not
 *       in the WAR), by {@code _format} or {@code Accept}: 406. The choice is HAPI's own
 *       ({@link RestfulServerUtils#determineResponseEncodingNoDefault}), so it matches what HAPI would do.</li>
 * </ul>
 */
public final class IncomingRequestScreen {

    /** The largest request body read: Jetty's default form size limit, which Tomcat's (2 MB) exceeds. */
    public static final int MAX_BODY_BYTES = 200_000;

    /** Why a request is refused before HAPI sees it. */
    public record Refusal(int status, IssueType type, String message) {
    }

    private static final Set<Charset> READABLE_CHARSETS = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RestfulServer server;

    public IncomingRequestScreen(RestfulServer server) {
        this.server = server;
    }

    /** The refusal for {@code request}, or empty to let HAPI answer it. May read (and so consume) a form body. */
    public Optional<Refusal> screen(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null) {
            try {
                URLDecoder.decode(query, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return refuse(400, IssueType.INVALID, "The query string has a malformed percent-escape (%).");
            }
        }
        Optional<Refusal> body = screenBody(request);
        if (body.isPresent()) {
            return body;
        }
        return screenAnswerFormat(request);
    }

    private Optional<Refusal> screenBody(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return refuse(413, IssueType.TOOCOSTLY, "The request body is larger than " + MAX_BODY_BYTES
                    + " bytes.");
        }
        String contentType;
        try {
            // Jetty refuses an unknown charset parameter already here.
            contentType = request.getContentType();
        } catch (RuntimeException e) {
            return unreadableCharset();
        }
        if (contentType == null) {
            return Optional.empty();
        }
        try {
            // Some containers (Jetty) already refuse an unknown charset here.
            String charsetName = request.getCharacterEncoding();
            if (charsetName != null && !READABLE_CHARSETS.contains(Charset.forName(charsetName.trim()))) {
                return unreadableCharset();
            }
        } catch (RuntimeException e) {
            return unreadableCharset();
        }
        if ("POST".equals(request.getMethod())
                && contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            try {
                // The container parses the form here, once; HAPI later reads the same parsed parameters.
                request.getParameterMap();
            } catch (RuntimeException e) {
                return tooLarge(e) ? refuse(413, IssueType.TOOCOSTLY, "The request body is larger than "
                        + MAX_BODY_BYTES + " bytes.")
                        : refuse(400, IssueType.INVALID, "The form body cannot be read: it is malformed, shorter"
                                + " than its Content-Length, or badly chunked.");
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> screenAnswerFormat(HttpServletRequest request) {
        ServletRequestDetails details = new ServletRequestDetails(server.getInterceptorService());
        details.setServer(server);
        details.setServletRequest(request);
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException e) {
            return refuse(400, IssueType.INVALID, "The query string cannot be read.");
        }
        details.setParameters(parameters);
        EncodingEnum chosen;
        try {
            RestfulServerUtils.ResponseEncoding encoding =
                    RestfulServerUtils.determineResponseEncodingNoDefault(details, null);
            chosen = encoding == null ? null : encoding.getEncoding();
        } catch (RuntimeException e) {
            return refuse(406, IssueType.NOTSUPPORTED, "The requested answer format (_format or Accept) is not"
                    + " understood; this server answers in FHIR JSON or XML.");
        }
        if (chosen == EncodingEnum.RDF) {
            return refuse(406, IssueType.NOTSUPPORTED, "This server answers in FHIR JSON or XML only, not RDF/Turtle"
                    + " (_format or Accept).");
        }
        return Optional.empty();
    }

    /** Whether the container refused a form for its size (Jetty: an HTTP exception with code 413). */
    private static boolean tooLarge(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (m.startsWith("413") || m.contains("too large")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Refusal> unreadableCharset() {
        return refuse(415, IssueType.NOTSUPPORTED, "The request body's charset is not supported: send UTF-8.");
    }

    private static Optional<Refusal> refuse(int status, IssueType type, String message) {
        return Optional.of(new Refusal(status, type, message));
    }
}
