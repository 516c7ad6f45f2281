package dev.fhirgateway.gateway.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import dev.fhirgateway.gateway.internal.http.AccessLogInterceptor;
import dev.fhirgateway.gateway.internal.http.ErrorOutcomeInterceptor;
import dev.fhirgateway.gateway.internal.http.GatewayServletResponse;
import dev.fhirgateway.gateway.internal.http.IncomingRequestScreen;
import dev.fhirgateway.gateway.internal.http.WriteRefusalInterceptor;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The FHIR endpoint: HAPI's plain server configured for the gateway. It only assembles parts; each
 * behaviour lives in its own provider or interceptor.
 */
public final class GatewayRestfulServer extends RestfulServer {

    private final List<IResourceProvider> resourceProviders;
    private final List<Object> operationProviders;
    private final CapabilityStatementProvider capabilities;
    private final IPagingProvider paging;
    private final List<Object> gatewayInterceptors;
    private final IServerAddressStrategy addressStrategy;
    private final IncomingRequestScreen screen = new IncomingRequestScreen(this);

    /** @param operationProviders plain providers of type-level operations ({@code $docref}) */
    public GatewayRestfulServer(FhirContext context, List<IResourceProvider> resourceProviders,
            List<Object> operationProviders, CapabilityStatementProvider capabilities, IPagingProvider paging,
            WriteRefusalInterceptor writeRefusal, PracticeAttributionInterceptor practiceAttribution,
            AccessLogInterceptor accessLog, IServerAddressStrategy addressStrategy) {
        super(context);
        this.resourceProviders = List.copyOf(resourceProviders);
        this.operationProviders = List.copyOf(operationProviders);
        this.capabilities = capabilities;
        this.paging = paging;
        this.gatewayInterceptors = List.of(writeRefusal, practiceAttribution, accessLog);
        this.addressStrategy = addressStrategy;
    }

    /** Runs before the bindings are torn down; see {@link #destroy()}. */
    private volatile Runnable beforeDestroy = () -> { };

    /**
     * Sets what {@link #destroy()} does first: turn away later requests and wait for those still in the gateway.
     * HAPI's {@code destroy()} clears the server's resource bindings, and a container may destroy a servlet while
     * requests of the stopping application are still on their way to it (Tomcat waits two seconds,
     * {@code unloadDelay}): seen under load in a WAR replacement, such a request was answered 404 (unknown
     * resource type) instead of being served or told to retry.
     */
    public void drainBeforeDestroy(Runnable drain) {
        this.beforeDestroy = drain;
    }

    @Override
    public void destroy() {
        beforeDestroy.run();
        super.destroy();
    }

    @Override
    protected void initialize() {
        setResourceProviders(resourceProviders);
        // Plain providers: HAPI allows one resource provider per type, and the type's is the generic one.
        setPlainProviders(operationProviders);
        setServerConformanceProvider(capabilities);
        setPagingProvider(paging);
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setServerAddressStrategy(addressStrategy);
        gatewayInterceptors.forEach(this::registerInterceptor);
        registerInterceptor(new ErrorOutcomeInterceptor());
        // Browsers asking for HTML get HAPI's syntax-highlighted page instead of raw JSON.
        registerInterceptor(new ResponseHighlighterInterceptor());
    }

    private static final char[] REQUEST_ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /**
     * The id of a request ({@code X-Request-ID}, the audit line, log lines): random letters and digits as HAPI's,
     * drawn from {@link ThreadLocalRandom}. HAPI draws them from commons-lang's {@code SecureRandom}, which a
     * profile of Patient reads showed at over 1% of the samples; the id correlates log lines and is no secret.
     */
    @Override
    protected String newRequestId(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = REQUEST_ID_CHARS[random.nextInt(REQUEST_ID_CHARS.length)];
        }
        return new String(id);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // Answers carry PHI: no cache (browser, proxy) may keep them. HAPI keeps this header when it resets a
        // response to write an error.
        response.setHeader("Cache-Control", "no-store");
        long start = System.nanoTime();
        Optional<IncomingRequestScreen.Refusal> refusal = screen.screen(request);
        if (refusal.isPresent()) {
            refuse(response, refusal.get());
            AccessLogInterceptor.refusedBeforeHandling(refusal.get().status(), System.nanoTime() - start);
            return;
        }
        // Bytes are counted under the flush suppression: they reach the counter as HAPI writes them.
        super.service(request, new GatewayServletResponse(response));
    }

    /** Writes a refusal as HAPI would write an error, in JSON (the one format every client of this server reads). */
    private void refuse(HttpServletResponse response, IncomingRequestScreen.Refusal refusal) throws IOException {
        response.setStatus(refusal.status());
        if (refusal.status() == 405) {
            response.setHeader("Allow", "GET, HEAD, POST");
        }
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(getFhirContext().newJsonParser().encodeResourceToString(
                OperationOutcomes.error(refusal.type(), refusal.message())));
    }
}
