package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.fhirgateway.sample.auth.ClientRegistry;
import dev.fhirgateway.sample.auth.ClientSecretHasher;
import dev.fhirgateway.sample.auth.RegisteredClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar sample-ehr.jar client add|list}: parsing, and registration into a real EHR database (H2). */
class ClientCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("parses add and list; refuses a missing practice or scope, unknown options, add-only options on list")
    void parsing() {
        ClientCommand.Invocation add = ClientCommand.parse(List.of("add", "--practice", "1001", "--scopes",
                "system/*.rs patient/Observation.rs", "--name", "App", "--db", "jdbc:h2:mem:x"));
        assertThat(add.practice()).isEqualTo("1001");
        assertThat(add.scopes().toStringList()).containsExactly("system/*.rs", "patient/Observation.rs");
        assertThat(add.database().jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(ClientCommand.parse(List.of("list")).action()).isEqualTo("list");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("add", "--scopes", "system/*.rs")))
                .hasMessageContaining("--practice");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("add", "--practice", "1001")))
                .hasMessageContaining("--scopes");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("add", "--practice", "1001", "--scopes", "system/*.rs",
                "--colour", "x"))).hasMessageContaining("--colour");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("list", "--practice", "1001")))
                .hasMessageContaining("Unknown options: '--practice'");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("remove"))).hasMessageContaining("'remove'");
        assertThatThrownBy(() -> ClientCommand.parse(List.of())).hasMessageContaining("add, modify or list");
        ClientCommand.Invocation app = ClientCommand.parse(List.of("add", "--practice", "1001", "--use-case", "patient",
                "--scopes", "patient/*.rs", "--redirect-uri", "http://127.0.0.1:9/a", "--redirect-uri",
                "http://127.0.0.1:9/b", "--launch-uri", "http://127.0.0.1:9/launch", "--public", "--refresh-tokens"));
        assertThat(app.useCase()).isEqualTo(RegisteredClient.UseCase.PATIENT);
        assertThat(app.redirectUris()).hasSize(2);
        assertThat(app.publicClient()).isTrue();
        assertThat(app.refreshTokens()).isTrue();
        assertThat(ClientCommand.parse(List.of("modify", "--client-id", "app-1", "--refresh-tokens")).clientId())
                .isEqualTo("app-1");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("modify", "--client-id", "app-1")))
                .hasMessageContaining("--scopes and/or --refresh-tokens");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("add", "--use-case", "robot")))
                .hasMessageContaining("patient, practitioner or system");
        assertThatThrownBy(() -> ClientCommand.parse(List.of("list", "--client-id", "x")))
                .hasMessageContaining("Unknown options: '--client-id'");
    }

    @Test
    @DisplayName("add prints a client id and a one-time secret stored only hashed; with --jwks no secret; list shows them")
    void registers() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("ehr").toAbsolutePath();
        String secretOut = run("add", "--practice", "2002", "--scopes", "system/*.rs", "--db", db);
        Matcher id = Pattern.compile("client_id: (\\S+)").matcher(secretOut);
        Matcher secret = Pattern.compile("client_secret: (\\S+)").matcher(secretOut);
        assertThat(id.find()).isTrue();
        assertThat(secret.find()).isTrue();

        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("app.jwks.json");
        Files.writeString(jwks, "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}");
        String keyOut = run("add", "--practice", "1001", "--scopes", "system/Patient.rs", "--jwks", jwks.toString(),
                "--name", "Backend", "--db", db);
        assertThat(keyOut).contains("client_id: ").doesNotContain("client_secret");

        try (EhrDatabase database = EhrDatabase.open(db, null, null)) {
            RegisteredClient stored = new ClientRegistry(database.jdbi()).find(id.group(1)).orElseThrow();
            assertThat(stored.practicePin()).isEqualTo("2002");
            assertThat(stored.secretHash()).doesNotContain(secret.group(1));
            assertThat(ClientSecretHasher.matches(secret.group(1), stored.secretHash())).isTrue();
        }
        assertThat(run("list", "--db", db)).contains(id.group(1)).contains("Backend").contains("private_key_jwt")
                .contains("demo-1001").doesNotContain(secret.group(1));
    }

    @Test
    @DisplayName("add registers pending (any use case, public or confidential); modify files a pending request; all audited")
    void registrationDesk() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("ehr3").toAbsolutePath();
        String out = run("add", "--practice", "1001", "--use-case", "patient", "--scopes",
                "patient/*.rs openid fhirUser offline_access", "--redirect-uri", "http://127.0.0.1:9/cb", "--public",
                "--name", "Portal app", "--db", db);
        assertThat(out).contains("status: pending").contains("authentication: none").doesNotContain("client_secret");
        Matcher id = Pattern.compile("client_id: (\\S+)").matcher(out);
        assertThat(id.find()).isTrue();
        assertThat(run("modify", "--client-id", id.group(1), "--scopes", "patient/Observation.rs",
                "--refresh-tokens", "--db", db)).contains("pending");
        try (EhrDatabase database = EhrDatabase.open(db, null, null)) {
            ClientRegistry registry = new ClientRegistry(database.jdbi());
            RegisteredClient stored = registry.find(id.group(1)).orElseThrow();
            assertThat(stored.status()).isEqualTo(RegisteredClient.Status.PENDING);
            assertThat(stored.useCase()).isEqualTo(RegisteredClient.UseCase.PATIENT);
            assertThat(stored.isPublic()).isTrue();
            assertThat(stored.scopes().toString()).isEqualTo("patient/*.rs openid fhirUser offline_access");
            assertThat(stored.requestedScopes().toString()).isEqualTo("patient/Observation.rs");
            assertThat(stored.requestedRefresh()).isTrue();
            assertThat(registry.auditLog("1001", 10)).extracting(ClientRegistry.AuditEntry::action)
                    .startsWith("modification-requested", "registered");
            assertThat(registry.auditLog("1001", 10)).first().extracting(ClientRegistry.AuditEntry::actor)
                    .isEqualTo("client-command");
        }
        assertThat(run("list", "--db", db)).contains(id.group(1) + "\tpractice 1001\tpatient\tpending\tnone");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ClientCommand.run(ClientCommand.parse(List.of("add", "--practice", "1001", "--use-case", "patient",
                "--scopes", "system/*.rs", "--redirect-uri", "http://127.0.0.1:9/cb", "--db", db)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a patient app cannot hold system/*.rs");
    }

    @Test
    @DisplayName("an unknown practice or a private key in the JWKS is refused with exit code 1")
    void refusals() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("ehr2").toAbsolutePath();
        Path jwks = dir.resolve("private.json");
        Files.writeString(jwks, new RSAKeyGenerator(2048).generate().toJSONString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(ClientCommand.run(ClientCommand.parse(List.of("add", "--practice", "9999", "--scopes", "system/*.rs",
                "--db", db)), out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(ClientCommand.run(ClientCommand.parse(List.of("add", "--practice", "1001", "--scopes", "system/*.rs",
                "--jwks", jwks.toString(), "--db", db)), out, new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no practice with PIN 9999").contains("private key");
    }

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ClientCommand.run(ClientCommand.parse(List.of(args)), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
