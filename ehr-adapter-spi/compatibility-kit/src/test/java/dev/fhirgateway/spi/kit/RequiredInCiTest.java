package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredInCiTest {

    @Test
    void whereRequiredAMissingServiceFailsTheTestAndSaysHowToMakeItOptional() {
        IOException cause = new IOException("connection refused");
        assertThatThrownBy(() -> RequiredInCi.missing("Redis is not reachable at 127.0.0.1:6379.",
                "the Redis tests", "apt-get install redis-server", "x.redis.required", cause, true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("Redis is not reachable at 127.0.0.1:6379. It is required here (CI=true or"
                        + " -Dx.redis.required=true). To run: apt-get install redis-server")
                .hasCause(cause);
    }

    @Test
    void elsewhereItIsSkippedWithTheReasonAndHowToRunIt() {
        assertThatThrownBy(() -> RequiredInCi.missing("Redis is not reachable at 127.0.0.1:6379.",
                "the Redis tests", "apt-get install redis-server", "x.redis.required", null, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SKIPPING the Redis tests.")
                .hasMessageContaining("To run: apt-get install redis-server");
    }

    @Test
    void theSystemPropertyMakesAServiceRequired() {
        String property = "required-in-ci-test.required";
        System.setProperty(property, "true");
        try {
            assertThat(RequiredInCi.isRequired(property)).isTrue();
        } finally {
            System.clearProperty(property);
        }
        assertThat(RequiredInCi.isRequired(property)).isEqualTo("true".equalsIgnoreCase(System.getenv("CI")));
    }
}
