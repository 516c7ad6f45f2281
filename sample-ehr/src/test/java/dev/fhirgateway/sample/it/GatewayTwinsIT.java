package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fhirgateway.sample.GatewayTwins;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.auth.TokenClient;
import dev.fhirgateway.sample.bench.ThreadCpuMeter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the one-JVM metering benchmark rests on: the WAR deployed twice more beside the sample EHR, both twins
 * serving the EHR's data to its tokens, only the one configured so metered, and each twin's meter counting
 * exactly its own requests. Were a setting to leak from one twin to the other (a system property outranks init
 * parameters), the benchmark would compare a gateway with itself and report nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The metering benchmark's gateway twins")
class GatewayTwinsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PRACTICE = "1001";

    private SampleEhrServer ehr;
    private GatewayTwins twins;
    private String token;
    private String patient;

    @BeforeAll
    void start() throws Exception {
        Path war = Path.of("target/fhir-gateway.war").toAbsolutePath();
        Path plugins = Path.of("target/adapter-plugin").toAbsolutePath();
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withDataDir(Files.createTempDirectory("twins-it"))
                .withHost("127.0.0.1").withPort(0).withWar(war).withPluginDir(plugins));
        twins = GatewayTwins.start(ehr, war, plugins, Map.of("fhirgateway.metrics.enabled", "true"),
                Map.of("fhirgateway.metrics.enabled", "false"));
        token = TokenClient.demoToken(ehr.tokenEndpoint(), PRACTICE);
        HttpResponse<String> search = get(twins.fhirBase("a").resolve("Patient?_count=1"));
        assertThat(search.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("\"fullUrl\":\\s*\"[^\"]*/Patient/([^\"/]+)\"").matcher(search.body());
        assertThat(id.find()).as("a patient of practice " + PRACTICE).isTrue();
        patient = id.group(1);
    }

    @AfterAll
    void stop() throws Exception {
        if (twins != null) {
            twins.close();
        }
        if (ehr != null) {
            ehr.close();
        }
    }

    @Test
    @DisplayName("both twins read the EHR's patient with its token; each meter counts its own twin's requests")
    void bothServeAndEachMeterCountsItsOwn() throws Exception {
        ThreadCpuMeter.Reading a = settled("a");
        ThreadCpuMeter.Reading b = settled("b");
        for (int i = 0; i < 3; i++) {
            assertThat(get(twins.fhirBase("a").resolve("Patient/" + patient)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> read = get(twins.fhirBase("b").resolve("Patient/" + patient));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"id\":\"" + patient + "\"");

        ThreadCpuMeter.Reading aRun = settled("a").since(a);
        ThreadCpuMeter.Reading bRun = settled("b").since(b);
        assertThat(aRun.requests()).isEqualTo(3);
        assertThat(bRun.requests()).isEqualTo(1);
        assertThat(aRun.cpuNanos()).isPositive();
        assertThat(bRun.cpuNanos()).isPositive();
        assertThat(get(twins.fhirBase("b").resolve("Patient/no-such-patient")).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("only the twin configured so is metered: its /metrics counts the practice's reads, the other has none")
    void onlyTheMeteredTwinMeters() throws Exception {
        assertThat(get(twins.fhirBase("a").resolve("Patient/" + patient)).statusCode()).isEqualTo(200);
        assertThat(get(twins.fhirBase("b").resolve("Patient/" + patient)).statusCode()).isEqualTo(200);

        HttpResponse<String> metered = get(twins.fhirBase("a").resolve("../metrics"));
        assertThat(metered.statusCode()).isEqualTo(200);
        assertThat(metered.body()).containsPattern("fhirgateway_requests_seconds_count\\{client=\"demo-" + PRACTICE
                + "\",interaction=\"read\",outcome=\"200\",practice=\"" + PRACTICE + "\",resource_type=\"Patient\"} [1-9]");
        assertThat(get(twins.fhirBase("b").resolve("../metrics")).statusCode()).isEqualTo(404);
        assertThat(get(twins.fhirBase("b").resolve("../usage")).statusCode()).isEqualTo(404);
    }

    /** A reading once every request the twin has begun is counted (the client has its answer a little earlier). */
    private ThreadCpuMeter.Reading settled(String twin) {
        ThreadCpuMeter meter = twins.meter(twin);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> meter.inFlight() == 0);
        return meter.read();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
