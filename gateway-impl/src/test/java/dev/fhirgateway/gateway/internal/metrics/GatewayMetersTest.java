package dev.fhirgateway.gateway.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.api.GatewaySettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("The gateway's meter registry")
class GatewayMetersTest {

    @Test
    @DisplayName("is set up without Micrometer's warning about a filter configured after a meter was registered")
    void noLateFilterWarning() {
        GatewaySettings settings = GatewaySettings.resolve(Map.of("fhirgateway.metrics.max-practices", "1"), Map.of(),
                new Properties());
        // The test runtime logs through jetty-slf4j-impl (one appender for every logger): capture what it writes.
        StdErrAppender appender = (StdErrAppender) ((JettyLogger) LoggerFactory.getLogger(
                "io.micrometer.core.instrument.MeterRegistry")).getAppender();
        PrintStream original = appender.getStream();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        appender.setStream(new PrintStream(captured, true, StandardCharsets.UTF_8));
        GatewayMeters meters;
        try {
            meters = GatewayMeters.create(MetricsSettings.from(settings), settings, getClass().getClassLoader());
        } finally {
            appender.setStream(original);
        }
        try {
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log).as("the capture works").contains("Metering requests into");
            assertThat(log).doesNotContain("MeterFilter is being configured after a Meter has been registered");
            // The cap still counts what it re-tags, in the same registry.
            meters.registry().counter("probe", GatewayMetrics.TAG_PRACTICE, "p1").increment();
            meters.registry().counter("probe", GatewayMetrics.TAG_PRACTICE, "p2").increment();
            assertThat(meters.registry().get(GatewayMetrics.PRACTICES_CAPPED).counter().count()).isEqualTo(1);
            assertThat(meters.registry().get("probe").tag(GatewayMetrics.TAG_PRACTICE, GatewayMetrics.OTHER).counter()
                    .count()).isEqualTo(1);
        } finally {
            meters.close();
        }
    }
}
