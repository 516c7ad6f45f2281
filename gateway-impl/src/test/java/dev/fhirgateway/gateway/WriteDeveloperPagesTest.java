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
 * {@link WriteDeveloperPages} writes the pages the gateway serves as files, with the in-memory test adapters on the
 * class path as an adapter in {@code WEB-INF/lib} would be.
 */
@DisplayName("write-developer-pages: the developer pages as static HTML and Markdown")
class WriteDeveloperPagesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a configuration and a base URL: index, one page per type in HTML and Markdown, the style sheet")
    void writesThePages() throws Exception {
        Path settings = Files.writeString(dir.resolve("gateway.properties"), """
                fhirgateway.auth.mode=development-header
                fhirgateway.paging.secret=at-least-32-characters-same-on-every-instance
                fhirgateway.adapter.in-memory-documents.enabled=true
                fhirgateway.docs.type-text.Patient=Patients <b>of</b> every practice.
                """);
        Path out = dir.resolve("site");
        Result r = run(settings.toString(), out.toString(), "https://ehr.example.com/fhir-gateway/fhir/");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("Wrote ").contains("https://ehr.example.com/fhir-gateway/fhir");
        for (String name : new String[] {"index.html", "index.md", "Patient.html", "Patient.md", "DocumentReference.html",
            "DocumentReference.md", "docs.css"}) {
            assertThat(out.resolve(name)).isRegularFile();
        }
        String patient = Files.readString(out.resolve("Patient.html"), StandardCharsets.UTF_8);
        assertThat(patient).contains("<link rel=\"stylesheet\" href=\"docs.css\">").contains("href=\"index.html\"")
                .contains("https://ehr.example.com/fhir-gateway/fhir/Patient/$ID")
                .contains("Patients &lt;b&gt;of&lt;/b&gt; every practice.");
        assertThat(Files.readString(out.resolve("index.md"), StandardCharsets.UTF_8))
                .contains("[Patient](Patient.md)").contains("https://ehr.example.com/fhir-gateway/fhir/metadata");
    }

    @Test
    @DisplayName("without a base URL (argument or fhirgateway.public-base-url), or without arguments: usage, exit 2")
    void usage() throws Exception {
        Path settings = Files.writeString(dir.resolve("gateway.properties"), "fhirgateway.auth.mode=development-header\n");
        assertThat(run(settings.toString(), dir.resolve("site").toString()).code).isEqualTo(2);
        assertThat(run(settings.toString(), dir.resolve("site").toString(), "javascript:alert(1)").code).isEqualTo(2);
        assertThat(run().code).isEqualTo(2);
        assertThat(run(dir.resolve("missing.properties").toString(), dir.toString(), "https://x.example/fhir").code)
                .isEqualTo(1);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WriteDeveloperPages.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
