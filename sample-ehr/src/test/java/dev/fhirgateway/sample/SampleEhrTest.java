package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
            "--war", "/x/gw.war", "--plugin-dir", "/x/plugins"});
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isZero();
        assertThat(options.effectiveJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/test");
        assertThat(options.dbUser()).isEqualTo("postgres");
        assertThat(options.dbPassword()).isEqualTo("pw");
        assertThat(options.war()).isEqualTo(Path.of("/x/gw.war"));
        assertThat(options.pluginDir()).isEqualTo(Path.of("/x/plugins"));
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
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--h2-port");
    }

    @Test
    void rejectsUnknownOrIncompleteArguments() {
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--bogus"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--port"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--port", "eighty"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("number");
        assertThatThrownBy(() -> SampleEhr.parse(new String[] {"--port", "70000"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
