package dev.fhirgateway.gateway.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Where an adapter call runs and which deadline the adapter is given: an adapter that declares it keeps deadlines
 * (SPI 1.2) is called on the request's thread, any other on a worker that the request stops waiting for at the
 * deadline.
 */
@DisplayName("Adapter calls: thread and deadline")
class AdapterCallExecutorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AdapterCallExecutor executor = new AdapterCallExecutor(Duration.ofSeconds(2), Duration.ofSeconds(10),
            new AdapterCallMeters(registry));

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    @DisplayName("an adapter that keeps deadlines is called on the request's own thread")
    void keepsDeadlinesRunsHere() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        String answer = executor.call(open(new TestAdapter(true)), context(Duration.ofSeconds(10)), "read Patient",
                (adapter, ctx) -> {
                    ranOn.set(Thread.currentThread());
                    return "done";
                });
        assertThat(answer).isEqualTo("done");
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(calls("success")).isEqualTo(1);
    }

    @Test
    @DisplayName("any other adapter is called on a worker thread")
    void otherAdaptersRunOnWorkers() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        executor.call(open(new TestAdapter(false)), context(Duration.ofSeconds(10)), "read Patient",
                (adapter, ctx) -> {
                    ranOn.set(Thread.currentThread());
                    return "done";
                });
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().getName()).startsWith("fhir-gateway-adapter-");
    }

    @Test
    @DisplayName("the adapter is given the call's deadline: the per-call timeout when it ends before the request's")
    void callTimeoutShortensTheDeadline() {
        AtomicReference<Instant> given = new AtomicReference<>();
        Instant before = Instant.now();
        executor.call(open(new TestAdapter(true)), context(Duration.ofSeconds(10)), "read Patient",
                (adapter, ctx) -> given.getAndSet(ctx.deadline()));
        // adapter-call-timeout is 2 s here, the request has 10 s left.
        assertThat(given.get()).isBetween(before.plusSeconds(2), Instant.now().plusSeconds(2));
    }

    @Test
    @DisplayName("the adapter is given the request's deadline when less than the per-call timeout is left")
    void requestDeadlineWhenSooner() {
        CallContext context = context(Duration.ofMillis(1_500));
        AtomicReference<Instant> given = new AtomicReference<>();
        executor.call(open(new TestAdapter(false)), context, "read Patient",
                (adapter, ctx) -> given.getAndSet(ctx.deadline()));
        assertThat(given.get()).isEqualTo(context.deadline());
    }

    @Test
    @DisplayName("an adapter that keeps deadlines and runs out of time is answered 504 with a timeout outcome")
    void keptDeadlineIs504() {
        assertThatThrownBy(() -> executor.call(open(new TestAdapter(true)), context(Duration.ofSeconds(10)),
                "search Observation", (adapter, ctx) -> {
                    throw AdapterException.timeout("the EHR database did not answer in time", null);
                }))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(504);
                    OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
                    assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TIMEOUT);
                    assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("did not answer in time");
                });
        assertThat(calls("timeout")).isEqualTo(1);
    }

    @Test
    @DisplayName("an adapter that does not keep deadlines and hangs is answered 504 at the deadline")
    void hungWorkerIs504AtTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> executor.call(open(new TestAdapter(false)), context(Duration.ofMillis(300)),
                "read Patient", (adapter, ctx) -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "too late";
                }))
                .isInstanceOfSatisfying(BaseServerResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(504));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(calls("timeout")).isEqualTo(1);
    }

    @Test
    @DisplayName("an unexpected failure of an adapter that keeps deadlines is a 503 without its message")
    void unexpectedFailureIs503() {
        assertThatThrownBy(() -> executor.call(open(new TestAdapter(true)), context(Duration.ofSeconds(10)),
                "read Patient", (adapter, ctx) -> {
                    throw new IllegalStateException("patient Jane Doe, MRN 123");
                }))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(503);
                    assertThat(e.getMessage()).doesNotContain("Jane");
                });
        assertThat(calls("error")).isEqualTo(1);
    }

    @Test
    @DisplayName("an adapter that keeps deadlines but misses a class of its own is a 503, as on a worker")
    void brokenAdapterJarIs503() {
        for (boolean keeps : new boolean[] {true, false}) {
            assertThatThrownBy(() -> executor.call(open(new TestAdapter(keeps)), context(Duration.ofSeconds(10)),
                    "read Patient", (adapter, ctx) -> {
                        throw new NoClassDefFoundError("com/example/ehr/MissingMapper");
                    }))
                    .as("keepsDeadlines=%s", keeps)
                    .isInstanceOfSatisfying(BaseServerResponseException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(503));
        }
        assertThat(calls("error")).isEqualTo(2);
    }

    private long calls(String outcome) {
        var timer = registry.find(GatewayMetrics.ADAPTER_CALLS).tag(GatewayMetrics.TAG_OUTCOME, outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private static CallContext context(Duration left) {
        return new CallContext("1001", "req-1", Instant.now().plus(left));
    }

    private static OpenAdapter open(TestAdapter adapter) {
        return new OpenAdapter("test", "1.2", "test", adapter, List.of(), adapter.keepsDeadlines());
    }

    /** An adapter whose calls the tests supply; it only says whether it keeps deadlines. */
    private record TestAdapter(boolean keeps) implements EhrAdapter {
        @Override
        public boolean keepsDeadlines() {
            return keeps;
        }

        @Override
        public List<ResourceSupport> supportedResources() {
            return List.of();
        }

        @Override
        public Optional<Resource> read(CallContext context, String resourceType, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
