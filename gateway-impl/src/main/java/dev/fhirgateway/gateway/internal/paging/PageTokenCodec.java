package dev.fhirgateway.gateway.internal.paging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns {@link PageToken}s into the opaque {@code _pageId} of paging links and back.
 *
 * <p>Tokens are encrypted and authenticated with AES-256-GCM (the JDK's implementation): the GCM tag
 * does what an HMAC signature would (any edit is detected), and the encryption keeps the search
 * parameters, which can be names or MRNs, out of URLs, browser histories and access logs. The key is
 * derived from the configured secret, so every instance with the same secret reads every token: no
 * search state lives in memory.
 */
public final class PageTokenCodec {

    /** Why a token was refused. */
    public enum Failure { MALFORMED, EXPIRED }

    /** A token that cannot be used. */
    public static final class InvalidPageTokenException extends Exception {
        private final Failure failure;

        InvalidPageTokenException(Failure failure) {
            super(failure.name());
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** 2: bound to the patient context as well as the practice (version 1 links are refused as malformed). */
    private static final byte FORMAT_VERSION = 2;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] ASSOCIATED_DATA = "fhir-gateway page token".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_TOKEN_CHARS = 8192;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public PageTokenCodec(String secret, Clock clock) {
        this.key = new SecretKeySpec(deriveKey(secret), "AES");
        this.clock = clock;
    }

    public String encode(PageToken token) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(serialize(token));
            byte[] out = new byte[1 + iv.length + sealed.length];
            out[0] = FORMAT_VERSION;
            System.arraycopy(iv, 0, out, 1, iv.length);
            System.arraycopy(sealed, 0, out, 1 + iv.length, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal a page token", e);
        }
    }

    /**
     * @throws InvalidPageTokenException {@link Failure#MALFORMED} for anything not sealed by this key (edited,
     *     truncated, from another deployment), {@link Failure#EXPIRED} for a genuine token past its expiry
     */
    public PageToken decode(String encoded) throws InvalidPageTokenException {
        if (encoded == null || encoded.length() > MAX_TOKEN_CHARS) {
            throw new InvalidPageTokenException(Failure.MALFORMED);
        }
        PageToken token;
        try {
            byte[] in = Base64.getUrlDecoder().decode(encoded);
            if (in.length < 1 + IV_BYTES + TAG_BITS / 8 || in[0] != FORMAT_VERSION) {
                throw new InvalidPageTokenException(Failure.MALFORMED);
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 1, IV_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] plain = cipher.doFinal(in, 1 + IV_BYTES, in.length - 1 - IV_BYTES);
            token = deserialize(plain);
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            throw new InvalidPageTokenException(Failure.MALFORMED);
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new InvalidPageTokenException(Failure.EXPIRED);
        }
        return token;
    }

    private static byte[] serialize(PageToken t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(t.practice());
            out.writeUTF(t.binding());
            out.writeUTF(t.resourceType());
            out.writeUTF(t.cursor());
            out.writeInt(t.pageSize());
            out.writeInt(t.pageNumber());
            out.writeLong(t.expiresAt().getEpochSecond());
            out.writeInt(t.parameters().size());
            for (Map.Entry<String, List<String>> e : t.parameters().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().size());
                for (String v : e.getValue()) {
                    out.writeUTF(v);
                }
            }
            // Appended last, so links sealed before totals existed still read (as "not counted").
            out.writeLong(t.total() == null ? -1 : t.total());
        }
        return bytes.toByteArray();
    }

    private static PageToken deserialize(byte[] plain) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            String practice = in.readUTF();
            String binding = in.readUTF();
            String resourceType = in.readUTF();
            String cursor = in.readUTF();
            int pageSize = in.readInt();
            int pageNumber = in.readInt();
            Instant expiresAt = Instant.ofEpochSecond(in.readLong());
            int parameterCount = in.readInt();
            SortedMap<String, List<String>> parameters = new TreeMap<>();
            for (int i = 0; i < parameterCount; i++) {
                String name = in.readUTF();
                int valueCount = in.readInt();
                List<String> values = new ArrayList<>(valueCount);
                for (int j = 0; j < valueCount; j++) {
                    values.add(in.readUTF());
                }
                parameters.put(name, values);
            }
            long total = in.available() >= Long.BYTES ? in.readLong() : -1;
            return new PageToken(practice, binding, resourceType, parameters, cursor, pageSize, pageNumber, expiresAt,
                    total < 0 ? null : total);
        }
    }

    /** A 256-bit AES key from the configured secret (HMAC-SHA256 as a key-derivation step). */
    private static byte[] deriveKey(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("fhir-gateway/page-token/aes-256-gcm/v1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the page token key", e);
        }
    }
}
