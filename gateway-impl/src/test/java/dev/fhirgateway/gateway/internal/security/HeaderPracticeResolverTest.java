package dev.fhirgateway.gateway.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderPracticeResolverTest {

    private final HeaderPracticeResolver resolver = new HeaderPracticeResolver("X-Practice-Pin");

    /** A request with these headers; names compare case-insensitively, as the InboundRequest contract says. */
    private static InboundRequest request(Map<String, String> headers) {
        return name -> headers.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static InboundRequest pin(String value) {
        return request(Map.of("X-Practice-Pin", value));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1234", "PRACTICE-42", "acme_clinic.east", "a"})
    @DisplayName("a well-formed practice identifier in the header is the practice")
    void validPractice(String value) {
        assertThat(resolver.resolve(pin(value))).contains(value);
    }

    @Test
    @DisplayName("surrounding whitespace is trimmed")
    void trimmed() {
        assertThat(resolver.resolve(pin("  1234\t"))).contains("1234");
    }

    @Test
    @DisplayName("a missing header means no practice")
    void missing() {
        assertThat(resolver.resolve(request(Map.of("Accept", "application/fhir+json")))).isEmpty();
    }

    @Test
    @DisplayName("the resolver reads the header it was configured with, not another one")
    void readsConfiguredHeader() {
        HeaderPracticeResolver custom = new HeaderPracticeResolver("X-Tenant");

        assertThat(custom.resolve(request(Map.of("X-Tenant", "t-1", "X-Practice-Pin", "p-1")))).contains("t-1");
        assertThat(custom.resolve(pin("p-1"))).isEmpty();
        assertThat(custom.headerName()).isEqualTo("X-Tenant");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "12 34", "1234;DROP TABLE", "pin/1", "Zoë", "a,b", "<script>", "1234\n5678"})
    @DisplayName("a malformed header value is treated as absent")
    void malformed(String value) {
        assertThat(resolver.resolve(pin(value))).isEmpty();
    }

    @Test
    @DisplayName("64 characters are accepted, 65 are treated as absent")
    void lengthLimit() {
        String max = "a".repeat(64);

        assertThat(resolver.resolve(pin(max))).contains(max);
        assertThat(resolver.resolve(pin(max + "b"))).isEmpty();
    }

    @Test
    @DisplayName("a resolver needs a header name")
    void headerNameRequired() {
        assertThatThrownBy(() -> new HeaderPracticeResolver(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("an InboundRequest answering empty for every header yields no practice")
    void emptyRequest() {
        assertThat(resolver.resolve(name -> Optional.empty())).isEmpty();
    }
}
