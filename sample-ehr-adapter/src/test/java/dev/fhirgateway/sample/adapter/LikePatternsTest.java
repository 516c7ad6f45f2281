package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void escapesWildcardsAndTheEscapeCharacter() {
        assertThat(LikePatterns.escape("50%_off!")).isEqualTo("50!%!_off!!");
        assertThat(LikePatterns.startsWith("o'br")).isEqualTo("o'br%");
        assertThat(LikePatterns.contains("a_b")).isEqualTo("%a!_b%");
    }
}
