package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import dev.fhirgateway.gateway.internal.outcome.HookResponses;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Answers every write with 405 Method Not Allowed, an {@code Allow} header and an {@code OperationOutcome}
 * ({@code not-supported}) naming the refused interaction.
 *
 * <p>It runs before HAPI picks a handler (whose answer for an unhandled write would be a vague 400) and
 * before practice attribution, so the refusal is the same whoever asks and reveals nothing.
 * {@code POST [type]/_search} is a search and passes.
 */
@Interceptor
public final class WriteRefusalInterceptor {

    private static final String REFUSED_KEY = WriteRefusalInterceptor.class.getName() + ".refused";

    /** Leading and trailing slashes of a request path; compiled once, the check runs on every request. */
    private static final Pattern EDGE_SLASHES = Pattern.compile("^/+|/+$");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final Pattern OPERATION_NAME =
            Pattern.compile("\\$[a-z][A-Za-z-]{0,63}");

    /**
     * A refused body larger than this is not read; the connection closes instead. A body that says it is larger
     * is refused before (see {@link IncomingRequestScreen}); this bounds a chunked one.
     */
    static final long MAX_DISCARDED_BODY_BYTES = IncomingRequestScreen.MAX_BODY_BYTES;

    private final Set<String> readOnlyOperations;
    private final Set<String> cancellableOperations;
    private final Consumer<RequestDetails> attributeRefused;

    /** @param readOnlyOperations operations (e.g. {@code $docref}) that may be invoked with POST */
    public WriteRefusalInterceptor(Set<String> readOnlyOperations) {
        this(readOnlyOperations, request -> { });
    }

    /**
     * @param readOnlyOperations operations (e.g. {@code $docref}) that may be invoked with POST
     * @param attributeRefused names the practice and client of a refused write for metering when its token is
     *     valid (see {@link PracticeAttributionInterceptor#attributeIfIdentified}); it never changes the answer
     */
    public WriteRefusalInterceptor(Set<String> readOnlyOperations, Consumer<RequestDetails> attributeRefused) {
        this(readOnlyOperations, Set.of(), attributeRefused);
    }

    /**
     * @param cancellableOperations server-level operations whose URL takes {@code DELETE} to cancel what they report
     *     on (the bulk export status URL, {@code DELETE [base]/$export-poll-status}): not a write of a resource
     */
    public WriteRefusalInterceptor(Set<String> readOnlyOperations, Set<String> cancellableOperations,
            Consumer<RequestDetails> attributeRefused) {
        this.readOnlyOperations = Set.copyOf(readOnlyOperations);
        this.cancellableOperations = Set.copyOf(cancellableOperations);
        this.attributeRefused = attributeRefused;
    }

    /** @return false (request answered with 405) for a write, true to let anything else through */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public boolean refuseWrites(RequestDetails request) {
        boolean conditional = request.getParameters() != null && !request.getParameters().isEmpty();
        Optional<String> interaction = refusedInteraction(request.getRequestType(), request.getRequestPath(),
                conditional, readOnlyOperations, cancellableOperations);
        if (interaction.isEmpty()) {
            return true;
        }
        request.getUserData().put(REFUSED_KEY, Boolean.TRUE);
        attributeRefused.accept(request);
        if (request instanceof ServletRequestDetails servlet) {
            discardBody(servlet.getServletRequest(), servlet.getServletResponse());
        }
        return HookResponses.answer(request, refusal(interaction.get()));
    }

    /**
     * Reads and drops the refused request's body (up to {@link #MAX_DISCARDED_BODY_BYTES}) before answering.
     *
     * <p>Answering while the body is still in flight lets the container close the connection after the
     * response without saying so; a client that reuses the kept-alive connection then fails with "no bytes
     * received" instead of reading the 405. A larger body is not read: the answer says {@code Connection: close}.
     */
    static void discardBody(HttpServletRequest request, HttpServletResponse response) {
        byte[] buffer = new byte[8192];
        long read = 0;
        try {
            InputStream in = request.getInputStream();
            int n;
            while (read <= MAX_DISCARDED_BODY_BYTES && (n = in.read(buffer)) != -1) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // The body is unreadable or already taken: the answer does not depend on it.
            read = MAX_DISCARDED_BODY_BYTES + 1;
        }
        if (read > MAX_DISCARDED_BODY_BYTES) {
            response.setHeader("Connection", "close");
        }
    }

    /** Whether this interceptor refused the request as a write (for metering). */
    public static boolean wasRefused(RequestDetails request) {
        return Boolean.TRUE.equals(request.getUserData().get(REFUSED_KEY));
    }

    /** The 405 answer for a refused interaction. */
    static MethodNotAllowedException refusal(String interaction) {
        String message = "This FHIR server is read-only: " + interaction + " is not supported.";
        return new MethodNotAllowedException(message, OperationOutcomes.error(IssueType.NOTSUPPORTED, message),
                RequestTypeEnum.GET, RequestTypeEnum.HEAD);
    }

    /**
     * The write interaction a request is, or empty for a read.
     *
     * @param method the HTTP method
     * @param path the request path below the FHIR base, e.g. {@code Patient/123}
     * @param conditional whether the request has query parameters (conditional update/delete)
     */
    static Optional<String> refusedInteraction(RequestTypeEnum method, String path, boolean conditional,
            Set<String> readOnlyOperations) {
        return refusedInteraction(method, path, conditional, readOnlyOperations, Set.of());
    }

    static Optional<String> refusedInteraction(RequestTypeEnum method, String path, boolean conditional,
            Set<String> readOnlyOperations, Set<String> cancellableOperations) {
        if (method == RequestTypeEnum.GET || method == RequestTypeEnum.HEAD) {
            // Reads: nothing to refuse, so no path to describe (this runs on every request).
            return Optional.empty();
        }
        String p = path == null ? "" : EDGE_SLASHES.matcher(path).replaceAll("");
        String[] parts = p.isEmpty() ? new String[0] : p.split("/");
        if (method == RequestTypeEnum.DELETE && parts.length == 1 && cancellableOperations.contains(parts[0])) {
            return Optional.empty();
        }
        String described = method.name() + " " + (p.isEmpty() ? "[base]" : shape(parts));
        return switch (method) {
            case PUT -> Optional.of((conditional && parts.length == 1 ? "conditional update" : "update")
                    + " (" + described + ")");
            case PATCH -> Optional.of((conditional && parts.length == 1 ? "conditional patch" : "patch")
                    + " (" + described + ")");
            case DELETE -> Optional.of((conditional && parts.length == 1 ? "conditional delete" : "delete")
                    + " (" + described + ")");
            case POST -> refusedPost(parts, described, readOnlyOperations);
            default -> Optional.empty();
        };
    }

    /**
     * The path as a shape, e.g. {@code Patient/[id]}: resource types, {@code _history}, {@code _search} and
     * operation names are kept, everything else (ids, which can be MRNs, and whatever else was sent) is not
     * repeated.
     */
    private static String shape(String[] parts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean kept = (i == 0 && TYPE_NAME.matcher(part).matches()) || part.equals("_history")
                    || part.equals("_search") || OPERATION_NAME.matcher(part).matches();
            out.append(i == 0 ? "" : "/").append(kept ? part : "[id]");
        }
        return out.toString();
    }

    private static Optional<String> refusedPost(String[] parts, String described, Set<String> readOnlyOperations) {
        if (parts.length == 0) {
            return Optional.of("transaction/batch (" + described + ")");
        }
        String last = parts[parts.length - 1];
        if (last.equals("_search") && parts.length <= 2) {
            return Optional.empty();
        }
        if (last.startsWith("$")) {
            return readOnlyOperations.contains(last) ? Optional.empty()
                    : Optional.of("operation " + last + " (" + described + ")");
        }
        return Optional.of((parts.length == 1 ? "create" : "write") + " (" + described + ")");
    }
}
