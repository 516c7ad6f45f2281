package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class SampleEhrTest {

    @Test
    void defaultsToPort8080OnLoopbackOnlyWithTheEmbeddedDatabase() {
        SampleEhrOptions options = SampleEhr.parse(new String[0]);
        assertThat(options.port()).isEqualTo(8080);
        // The EHR serves PHI and publishes demo secrets: opening it to a network takes --host.
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(SampleEhr.parse(new String[] {"--host", "0.0.0.0"}).host()).isEqualTo("0.0.0.0");
        assertThat(options.jdbcUrl()).isNull();
        assertThat(options.effectiveJdbcUrl())
                .startsWith("jdbc:h2:file:" + Path.of(".sample-ehr").toAbsolutePath().normalize().resolve("ehr"));
        assertThat(options.war().getFileName().toString()).isEqualTo("fhir-gateway.war");
        assertThat(options.pluginDir().getFileName().toString()).isEqualTo("adapter-plugin");
        assertThat(options.pluginDir().getParent()).isEqualTo(options.war().getParent());
    }

    @Test
    void readsEveryOption() {
        SampleEhrOptions options = SampleEhr.parse(new String[] {"serve", "--host", "127.0.0.1", "--port", "0",
            "--db", "jdbc:postgresql://127.0.0.1/test", "--db-user", "postgres", "--db-password", "pw",
            "--war", "/x/gw.war", "--plugin-dir", "/x/plugins", "--dev-practice-header", "--app-dir", "/x/app",
            "--token-lifetime", "PT30S"});
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isZero();
        assertThat(options.effectiveJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/test");
        assertThat(options.dbUser()).isEqualTo("postgres");
        assertThat(options.dbPassword()).isEqualTo("pw");
        assertThat(options.war()).isEqualTo(Path.of("/x/gw.war"));
        assertThat(options.pluginDir()).isEqualTo(Path.of("/x/plugins"));
        assertThat(options.developmentPracticeHeader()).isTrue();
        assertThat(options.appDir()).isEqualTo(Path.of("/x/app"));
        assertThat(options.tokenLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.toString()).doesNotContain("pw").doesNotContain("postgresql");
    }

    @Test
    void readsTheStandaloneGatewayOptions() {
        SampleEhrOptions options = SampleEhr.parse(new String[] {"--h2-port", "9092", "--token-audience",
            "http://localhost:8081/fhir-gateway/fhir", "--token-audience", "https://gw.example/fhir"});
        assertThat(options.h2Port()).isEqualTo(9092);
        assertThat(options.tokenAudiences()).containsExactly("http://localhost:8081/fhir-gateway/fhir",
                "https://gw.example/fhir");
        assertThat(SampleEhr.parse(new String[0]).h2Port()).as("no H2 port by default").isZero();
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--h2-port", "x"}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--h2-port");
    }

    @Test
    void rejectsUnknownOrIncompleteArguments() {
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--bogus"}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--port"}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("Missing required parameter for option '--port'");
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--port", "eighty"}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'eighty' is not an int");
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--port", "70000"}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("port must be between 0 and 65535");
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--token-lifetime", "5m"}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("ISO-8601 duration");
    }
}
