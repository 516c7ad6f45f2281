package dev.fhirgateway.gateway.internal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code internal.docs} sits on top: it reads the capability model ({@code internal.fhir}, {@code internal.include},
 * {@code internal.security}'s SMART configuration, the shared {@code internal.outcome} answers) and nothing below
 * reads it back, so there is no cycle. Only the
 * wiring and the two entry points that mount or run it may import it.
 */
@DisplayName("internal.docs depends downward only")
class DocsPackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/fhirgateway/gateway");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.fhirgateway\\.gateway\\.internal\\.(\\w+)\\.",
            Pattern.MULTILINE);

    @Test
    @DisplayName("docs imports only fhir, include and security; only wiring, the bootstrap listener and the mains import docs")
    void noCycles() throws Exception {
        Set<String> usedByDocs = new TreeSet<>();
        Set<String> importersOfDocs = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f, StandardCharsets.UTF_8);
                boolean inDocs = f.startsWith(MAIN.resolve("internal/docs"));
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    if (inDocs && !m.group(1).equals("docs")) {
                        usedByDocs.add(m.group(1));
                    } else if (!inDocs && m.group(1).equals("docs")) {
                        importersOfDocs.add(MAIN.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(usedByDocs).isSubsetOf(List.of("fhir", "include", "outcome", "security"));
        assertThat(importersOfDocs).isSubsetOf(List.of("internal/wiring/GatewayModule.java",
                "GatewayBootstrapListener.java", "CheckConfiguration.java", "WriteDeveloperPages.java"));
    }
}
