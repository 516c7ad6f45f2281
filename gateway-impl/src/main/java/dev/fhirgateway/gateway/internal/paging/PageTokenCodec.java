package dev.fhirgateway.gateway.internal.paging;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns {@link PageToken}s into the opaque {@code _pageId} of paging links and back.
 *
 * <p>A token is a compact JWE (Nimbus JOSE+JWT: {@code dir} with A256GCM): the GCM tag does what an HMAC signature
 * would (any edit is detected), and the encryption keeps the search parameters, which can be names or MRNs, out
 * of URLs, browser histories and access logs. The key is derived from the configured secret, so every instance
 * with the same secret reads every token: no search state lives in memory. The JWE header's {@code kid} names
 * the key (a digest of it, never the secret), so after a rotation the previous secret still opens the links it
 * sealed while new links use the new one.
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

    /** The payload's layout. 3: in a JWE with a key id (links of version 2, raw AES-GCM, are refused as malformed). */
    private static final byte FORMAT_VERSION = 3;
    private static final int MAX_TOKEN_CHARS = 8192;

    private record Key(String id, DirectEncrypter encrypter, DirectDecrypter decrypter) {
    }

    private final Key current;
    private final Map<String, Key> keysById = new LinkedHashMap<>();
    private final Clock clock;

    /** A codec that seals and opens with {@code secret} only. */
    public PageTokenCodec(String secret, Clock clock) {
        this(secret, null, clock);
    }

    /**
     * @param secret seals new tokens and opens them
     * @param previousSecret the secret before a rotation, which only opens the tokens it sealed; null for none
     */
    public PageTokenCodec(String secret, String previousSecret, Clock clock) {
        this.current = key(secret);
        this.clock = clock;
        keysById.put(current.id(), current);
        if (previousSecret != null) {
            Key previous = key(previousSecret);
            keysById.putIfAbsent(previous.id(), previous);
        }
    }

    public String encode(PageToken token) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                    .keyID(current.id()).build(), new Payload(serialize(token)));
            jwe.encrypt(current.encrypter());
            return jwe.serialize();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("cannot seal a page token", e);
        }
    }

    /**
     * @throws InvalidPageTokenException {@link Failure#MALFORMED} for anything not sealed by a known key (edited,
     *     truncated, from another deployment, sealed with a secret rotated out), {@link Failure#EXPIRED} for a
     *     genuine token past its expiry
     */
    public PageToken decode(String encoded) throws InvalidPageTokenException {
        if (encoded == null || encoded.length() > MAX_TOKEN_CHARS) {
            throw new InvalidPageTokenException(Failure.MALFORMED);
        }
        PageToken token;
        try {
            JWEObject jwe = JWEObject.parse(encoded);
            JWEHeader header = jwe.getHeader();
            Key key = header.getKeyID() == null ? null : keysById.get(header.getKeyID());
            if (key == null || !JWEAlgorithm.DIR.equals(header.getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
                throw new InvalidPageTokenException(Failure.MALFORMED);
            }
            jwe.decrypt(key.decrypter());
            token = deserialize(jwe.getPayload().toBytes());
        } catch (ParseException | JOSEException | IOException | RuntimeException e) {
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
            out.writeByte(FORMAT_VERSION);
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
            if (in.readByte() != FORMAT_VERSION) {
                throw new IOException("unknown page token format");
            }
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

    /** The AES-256 key of {@code secret} and its id: the first 8 bytes of the key's SHA-256, in hex. */
    private static Key key(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] key = mac.doFinal("fhir-gateway/page-token/aes-256-gcm/v1".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            String id = HexFormat.of().formatHex(digest, 0, 8);
            SecretKeySpec aes = new SecretKeySpec(key, "AES");
            return new Key(id, new DirectEncrypter(aes), new DirectDecrypter(aes));
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot derive the page token key", e);
        }
    }
}
