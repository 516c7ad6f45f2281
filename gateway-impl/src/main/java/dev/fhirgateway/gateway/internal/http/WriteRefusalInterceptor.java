package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import dev.fhirgateway.gateway.internal.outcome.HookResponses;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
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

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final Pattern OPERATION_NAME =
            Pattern.compile("\\$[a-z][A-Za-z-]{0,63}");

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
        return HookResponses.answer(request, refusal(interaction.get()));
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
        String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
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
