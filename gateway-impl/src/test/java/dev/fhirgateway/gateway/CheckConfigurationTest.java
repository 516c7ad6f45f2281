package dev.fhirgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CheckConfiguration} on real context files: the in-memory test adapters are on the class path, as an
 * adapter in {@code WEB-INF/lib} would be.
 */
@DisplayName("check-config: a configuration is checked before it is deployed")
class CheckConfigurationTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a Tomcat context file the gateway starts with: exit 0, each adapter and its health")
    void goodTomcatContextFile() throws Exception {
        Path file = Files.writeString(dir.resolve("fhir-gateway.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Context>
                  <Parameter name="fhirgateway.auth.mode" value="development-header" override="false"/>
                  <Parameter name="fhirgateway.paging.secret" value="at-least-32-characters-same-on-every-instance"/>
                </Context>
                """);
        Result r = check(file);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("Adapter 'in-memory-test'").contains("healthy")
                .contains("Configuration OK").contains("fhirgateway.paging.secret=****")
                .doesNotContain("at-least-32-characters");
    }

    @Test
    @DisplayName("a Jetty context XML without the issuer jwt mode needs: exit 1 naming the missing setting")
    void jettyContextFileMissingTheIssuer() throws Exception {
        Path file = Files.writeString(dir.resolve("fhir-gateway.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
                  <Set name="contextPath">/fhir-gateway</Set>
                  <Call name="setInitParameter"><Arg>fhirgateway.auth.jwks-url</Arg><Arg>http://127.0.0.1:9/jwks</Arg></Call>
                  <Call name="setInitParameter"><Arg>fhirgateway.auth.audience</Arg><Arg>https://ehr.example/fhir</Arg></Call>
                  <Call name="setInitParameter"><Arg>fhirgateway.smart.token-endpoint</Arg><Arg>http://127.0.0.1:9/token</Arg></Call>
                </Configure>
                """);
        assertThat(CheckConfiguration.read(file)).containsEntry("fhirgateway.auth.audience", "https://ehr.example/fhir")
                .hasSize(3);
        Result r = check(file);
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).startsWith("FHIR Gateway failed to start: ").contains("fhirgateway.auth.issuer");
    }

    @Test
    @DisplayName("an invalid developer-pages setting fails the check as it would fail the deployment, naming it")
    void invalidDeveloperPagesSetting() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.properties"), """
                fhirgateway.auth.mode=development-header
                fhirgateway.docs.policy.app.registration=Apps are approved by each practice.
                """);
        Result r = check(file);
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("fhirgateway.docs.policy.");
        Path off = Files.writeString(dir.resolve("off.properties"), """
                fhirgateway.auth.mode=development-header
                fhirgateway.docs.enabled=maybe
                """);
        assertThat(check(off).err).contains("fhirgateway.docs.enabled must be true or false");
    }

    @Test
    @DisplayName("no file name is a usage error (exit 2); an unreadable file exit 1")
    void usage() throws Exception {
        assertThat(check(new String[0]).code).isEqualTo(2);
        assertThat(check(dir.resolve("missing.xml")).code).isEqualTo(1);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result check(Path file) {
        return check(new String[] {file.toString()});
    }

    private static Result check(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CheckConfiguration.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
