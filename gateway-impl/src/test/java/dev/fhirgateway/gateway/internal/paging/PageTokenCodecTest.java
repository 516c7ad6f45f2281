package dev.fhirgateway.gateway.internal.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fhirgateway.gateway.internal.paging.PageTokenCodec.Failure;
import dev.fhirgateway.gateway.internal.paging.PageTokenCodec.InvalidPageTokenException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTokenCodecTest {

    private static final String SECRET = "a-paging-secret-of-at-least-32-characters!";
    private static final Instant NOW = Instant.parse("2025-01-15T12:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));

    private final PageTokenCodec codec = new PageTokenCodec(SECRET, clockAt(NOW));

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static PageToken token() {
        SortedMap<String, List<String>> parameters = new TreeMap<>();
        parameters.put("family:exact", List.of("Kowalczyk-Zoë"));
        parameters.put("given", List.of("李小龍", "José"));
        parameters.put("birthdate", List.of("ge1980-01-01", "lt1990-01-01"));
        parameters.put("identifier", List.of("http://hospital.example/mrn|MRN-778899"));
        return new PageToken("practice-4711", "patient:p-17", "Patient", parameters, "cursor:offset=40", 20, 3, EXPIRES);
    }

    private static Failure failureOf(PageTokenCodec codec, String encoded) {
        InvalidPageTokenException e = catchThrowableOfType(InvalidPageTokenException.class, () -> codec.decode(encoded));
        assertThat(e).as("the token should be refused").isNotNull();
        return e.failure();
    }

    @Test
    @DisplayName("a token decodes to exactly what was encoded, unicode parameters included")
    void roundTrip() throws InvalidPageTokenException {
        PageToken original = token();

        PageToken decoded = codec.decode(codec.encode(original));

        assertThat(decoded).isEqualTo(original);
        assertThat(decoded.parameters().get("given")).containsExactly("李小龍", "José");
    }

    @Test
    @DisplayName("a token without search parameters round-trips too")
    void roundTripWithoutParameters() throws InvalidPageTokenException {
        PageToken original = new PageToken("p", "", "Observation", new TreeMap<>(), "c", 1, 2, EXPIRES);

        assertThat(codec.decode(codec.encode(original))).isEqualTo(original);
    }

    @Test
    @DisplayName("another gateway instance with the same secret reads the token")
    void sameSecretOtherInstance() throws InvalidPageTokenException {
        PageTokenCodec other = new PageTokenCodec(SECRET, clockAt(NOW.plusSeconds(60)));

        assertThat(other.decode(codec.encode(token()))).isEqualTo(token());
    }

    @Test
    @DisplayName("encoding the same token twice gives different strings (random IV), both valid")
    void randomIv() throws InvalidPageTokenException {
        String first = codec.encode(token());
        String second = codec.encode(token());

        assertThat(first).isNotEqualTo(second);
        assertThat(codec.decode(first)).isEqualTo(codec.decode(second));
    }

    @Test
    @DisplayName("the token is URL-safe: a compact JWE, base64url parts without padding joined by dots")
    void urlSafe() {
        assertThat(codec.encode(token())).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    @DisplayName("neither the token nor its decoded bytes contain the plaintext of parameters, practice or cursor")
    void noPlaintext() {
        String encoded = codec.encode(token());
        byte[] raw = Base64.getUrlDecoder().decode(encoded.split("\\.", -1)[3]);
        String rawUtf8 = new String(raw, StandardCharsets.UTF_8);
        String rawLatin1 = new String(raw, StandardCharsets.ISO_8859_1);

        for (String secretPart : List.of("Kowalczyk", "MRN-778899", "李小龍", "practice-4711", "cursor:offset",
                "family", "birthdate", "Patient")) {
            assertThat(encoded).doesNotContain(secretPart);
            assertThat(rawUtf8).as("decoded bytes as UTF-8").doesNotContain(secretPart);
            assertThat(rawLatin1).as("decoded bytes as Latin-1").doesNotContain(secretPart);
            String base64OfPart = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(secretPart.getBytes(StandardCharsets.UTF_8));
            assertThat(encoded).doesNotContain(base64OfPart.substring(0, Math.min(8, base64OfPart.length())));
        }
    }

    @Test
    @DisplayName("changing any single byte of a token makes it MALFORMED")
    void everyFlippedByteDetected() {
        String encoded = codec.encode(token());

        for (int part : new int[] {0, 2, 3, 4}) { // header, IV, ciphertext, tag (part 1, the key, is empty: dir)
            for (int i = 0; i < bytesOf(encoded, part).length; i++) {
                assertThat(failureOf(codec, flip(encoded, part, i))).as("part %d byte %d flipped", part, i)
                        .isEqualTo(Failure.MALFORMED);
            }
        }
    }

    @Test
    @DisplayName("after a rotation, links sealed with the previous secret still work; new links use the new key")
    void rotation() throws InvalidPageTokenException {
        String newSecret = "the-next-paging-secret-of-32-characters-or-more";
        String sealedBefore = codec.encode(token());
        PageTokenCodec rotated = new PageTokenCodec(newSecret, SECRET, clockAt(NOW));

        assertThat(rotated.decode(sealedBefore)).isEqualTo(token());
        String sealedAfter = rotated.encode(token());
        assertThat(new PageTokenCodec(newSecret, clockAt(NOW)).decode(sealedAfter)).isEqualTo(token());
        assertThat(failureOf(codec, sealedAfter)).as("the old key alone cannot open new links")
                .isEqualTo(Failure.MALFORMED);
        assertThat(failureOf(new PageTokenCodec(newSecret, clockAt(NOW)), sealedBefore))
                .as("once the previous secret is removed, its links stop working").isEqualTo(Failure.MALFORMED);
        assertThat(new String(bytesOf(sealedAfter, 0), StandardCharsets.UTF_8)).contains("\"kid\"")
                .doesNotContain(newSecret).doesNotContain(SECRET);
    }

    /** The bytes of one base64url part of a compact JWE. */
    private static byte[] bytesOf(String jwe, int part) {
        return Base64.getUrlDecoder().decode(jwe.split("\\.", -1)[part]);
    }

    /** {@code jwe} with one bit of byte {@code index} of part {@code part} flipped. */
    private static String flip(String jwe, int part, int index) {
        String[] parts = jwe.split("\\.", -1);
        byte[] raw = Base64.getUrlDecoder().decode(parts[part]);
        raw[index] ^= 0x01;
        parts[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return String.join(".", parts);
    }

    @Test
    @DisplayName("a truncated token is MALFORMED")
    void truncated() {
        String encoded = codec.encode(token());

        assertThat(failureOf(codec, encoded.substring(0, encoded.length() - 4))).isEqualTo(Failure.MALFORMED);
        assertThat(failureOf(codec, encoded.substring(0, 10))).isEqualTo(Failure.MALFORMED);
        assertThat(failureOf(codec, encoded + "AAAA")).isEqualTo(Failure.MALFORMED);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "garbage", "not base64 at all!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%2F%2F"})
    @DisplayName("garbage is MALFORMED")
    void garbage(String encoded) {
        assertThat(failureOf(codec, encoded)).isEqualTo(Failure.MALFORMED);
    }

    @Test
    @DisplayName("null and over-long tokens are MALFORMED")
    void nullAndOverLong() {
        assertThat(failureOf(codec, null)).isEqualTo(Failure.MALFORMED);
        assertThat(failureOf(codec, "A".repeat(10_000))).isEqualTo(Failure.MALFORMED);
    }

    @Test
    @DisplayName("a token sealed with another secret is MALFORMED")
    void otherSecret() {
        PageTokenCodec other = new PageTokenCodec("another-deployment-secret-0123456789", clockAt(NOW));

        assertThat(failureOf(codec, other.encode(token()))).isEqualTo(Failure.MALFORMED);
    }

    @Test
    @DisplayName("a genuine token is EXPIRED from its expiry instant on, and valid one second before")
    void expired() throws InvalidPageTokenException {
        String encoded = codec.encode(token());

        assertThat(new PageTokenCodec(SECRET, clockAt(EXPIRES.minusSeconds(1))).decode(encoded)).isEqualTo(token());
        assertThat(failureOf(new PageTokenCodec(SECRET, clockAt(EXPIRES)), encoded)).isEqualTo(Failure.EXPIRED);
        assertThat(failureOf(new PageTokenCodec(SECRET, clockAt(EXPIRES.plus(Duration.ofDays(3)))), encoded))
                .isEqualTo(Failure.EXPIRED);
    }

    @Test
    @DisplayName("a tampered token is MALFORMED even when it has expired")
    void tamperedAndExpired() {
        String encoded = codec.encode(token());
        String tampered = flip(encoded, 4, bytesOf(encoded, 4).length - 1);

        assertThat(failureOf(new PageTokenCodec(SECRET, clockAt(EXPIRES.plusSeconds(10))), tampered))
                .isEqualTo(Failure.MALFORMED);
    }

    @Test
    @DisplayName("the exception message names only the failure, never token content")
    void exceptionMessage() {
        InvalidPageTokenException e = catchThrowableOfType(InvalidPageTokenException.class,
                () -> new PageTokenCodec(SECRET, clockAt(EXPIRES)).decode(codec.encode(token())));

        assertThat(e.getMessage()).isEqualTo("EXPIRED");
    }
}
