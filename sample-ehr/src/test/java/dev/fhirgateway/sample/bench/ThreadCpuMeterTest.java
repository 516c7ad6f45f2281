package dev.fhirgateway.sample.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The metering benchmark's figure: requests and the CPU time the handling threads spent on them. */
class ThreadCpuMeterTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long BUSY_NANOS = 20_000_000;

    @Test
    void countsRequestsAndTheCpuTimeSpentHandlingThem() throws Exception {
        ThreadCpuMeter meter = new ThreadCpuMeter(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                // Busy until this thread has used 20 ms of CPU, however the machine schedules it.
                long start = THREADS.getCurrentThreadCpuTime();
                while (THREADS.getCurrentThreadCpuTime() - start < BUSY_NANOS) {
                    Thread.onSpinWait();
                }
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(meter);
        server.start();
        try {
            ThreadCpuMeter.Reading before = meter.read();
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).isEqualTo(204);
            }
            // The client may have its answer before the handling thread has counted the request.
            await().atMost(Duration.ofSeconds(5)).until(() -> meter.inFlight() == 0);
            ThreadCpuMeter.Reading run = meter.read().since(before);

            assertThat(run.requests()).isEqualTo(3);
            assertThat(run.cpuNanos()).isGreaterThanOrEqualTo(3 * BUSY_NANOS);
            assertThat(run.cpuMicrosPerRequest()).isGreaterThanOrEqualTo(BUSY_NANOS / 1000.0);
        } finally {
            server.stop();
        }
    }

    @Test
    void aReadingWithoutRequestsHasNoCpuPerRequest() {
        assertThat(new ThreadCpuMeter.Reading(0, 0).cpuMicrosPerRequest()).isNaN();
        assertThat(new ThreadCpuMeter.Reading(10, 5_000_000).since(new ThreadCpuMeter.Reading(6, 1_000_000)))
                .isEqualTo(new ThreadCpuMeter.Reading(4, 4_000_000));
    }
}
