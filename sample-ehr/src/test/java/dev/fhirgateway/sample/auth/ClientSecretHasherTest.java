package dev.fhirgateway.sample.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientSecretHasherTest {

    @Test
    @DisplayName("a hash matches its secret only, is salted, and never contains the secret")
    void hashes() {
        String hash = ClientSecretHasher.hash("s3cret-value");
        assertThat(hash).startsWith("pbkdf2-sha256$" + ClientSecretHasher.ITERATIONS + "$").doesNotContain("s3cret");
        assertThat(ClientSecretHasher.matches("s3cret-value", hash)).isTrue();
        assertThat(ClientSecretHasher.matches("s3cret-valuf", hash)).isFalse();
        assertThat(ClientSecretHasher.matches("s3cret-value", "garbage")).isFalse();
        assertThat(ClientSecretHasher.hash("s3cret-value")).isNotEqualTo(hash);
    }
}
