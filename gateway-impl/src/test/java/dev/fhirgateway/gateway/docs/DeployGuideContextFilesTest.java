package dev.fhirgateway.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.gateway.CheckConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The context files of {@code docs/deploy.md} are complete: with the plugin directory pointed at an existing
 * directory (the in-memory test adapters come from the class path), the gateway's configuration check
 * ({@code CheckConfiguration}, which builds what the gateway builds at startup) accepts the Tomcat and Jetty files
 * as printed, and the Tomcat file with its token lines replaced by the printed introspection lines. The container
 * ITs deploy the same files into real containers against a real authorization server.
 */
@DisplayName("The context files printed in docs/deploy.md")
class DeployGuideContextFilesTest {

    private static final Path DEPLOY_MD = Path.of("..", "docs", "deploy.md");

    @TempDir
    Path dir;

    @Test
    @DisplayName("the Tomcat and the Jetty context file (JWT access tokens) pass the configuration check")
    void jwtContextFiles() throws Exception {
        for (String name : new String[] {"tomcat", "jetty"}) {
            Result r = check(name + ".xml", withPluginDir(markedBlock("context-file: " + name)));
            assertThat(r.code).as("%s: %s", name, r.err).isZero();
            assertThat(r.out).contains("fhirgateway.auth.issuer=https://auth.ehr.example/oauth");
        }
    }

    @Test
    @DisplayName("the Tomcat context file with the printed introspection lines instead of the JWT ones passes too")
    void introspectionContextFile() throws Exception {
        String tomcat = withPluginDir(markedBlock("context-file: tomcat"));
        String introspection = markedBlock("context-lines: introspection");
        String replaced = tomcat.replaceAll("(?m)^\\s*<Parameter name=\"fhirgateway\\.auth\\.(issuer|jwks-url)\""
                + "[^\\n]*\\n", "");
        replaced = replaced.replace("</Context>", introspection + "\n</Context>");
        Result r = check("introspection.xml", replaced);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("fhirgateway.auth.mode=introspection")
                .contains("fhirgateway.auth.introspection-client-secret=****");
    }

    /** The first ```xml block after the HTML comment {@code <!-- MARKER}, its list indentation removed. */
    private static String markedBlock(String marker) throws Exception {
        String md = Files.readString(DEPLOY_MD, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- " + Pattern.quote(marker) + "\\b[^\\n]*\\n\\s*```xml\\n(.*?)\\n\\s*```",
                Pattern.DOTALL).matcher(md);
        assertThat(m.find()).as("a block marked '%s' in deploy.md", marker).isTrue();
        String block = m.group(1);
        String indent = block.substring(0, block.length() - block.stripLeading().length());
        return block.lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
    }

    private String withPluginDir(String contextFile) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        assertThat(contextFile).contains("/opt/ehr/fhir-gateway-plugins");
        return contextFile.replace("/opt/ehr/fhir-gateway-plugins", plugins.toString());
    }

    private record Result(int code, String out, String err) {
    }

    private Result check(String fileName, String contents) throws Exception {
        Path file = Files.writeString(dir.resolve(fileName), contents);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CheckConfiguration.run(new String[] {file.toString()}, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
