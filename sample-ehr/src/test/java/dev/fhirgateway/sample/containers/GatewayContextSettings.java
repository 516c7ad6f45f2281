package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.AdapterDatabaseAccount;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The context files of {@code docs/deploy.md}, exactly as printed there, with its example values replaced by this
 * run's: the adapter's plugin directory and database (the sample EHR's, over loopback), the sample EHR's
 * development authorization server, and the container's own address. So the documentation is what the container
 * ITs deploy; a context file that stops working there fails them.
 *
 * @param pluginDir the directory with the adapter jar and its libraries
 * @param adapterJdbcUrl the database URL handed to the adapter
 * @param issuer the authorization server's issuer ({@code iss})
 * @param jwksUrl its JWKS
 * @param tokenEndpoint its token endpoint
 * @param audience the gateway's FHIR base URL in the container, which tokens must name in {@code aud}
 */
record GatewayContextSettings(Path pluginDir, String adapterJdbcUrl, URI issuer, URI jwksUrl, URI tokenEndpoint,
        String audience) {

    static final Path DEPLOY_MD = Path.of("..", "docs", "deploy.md");

    /** The example values deploy.md's context files use, and this run's value for each. */
    Map<String, String> replacements(Path deployedWar) {
        Map<String, String> r = new LinkedHashMap<>();
        // Longest first: the JWKS and token URLs start with the issuer.
        r.put("https://auth.ehr.example/oauth/jwks", jwksUrl.toString());
        r.put("https://auth.ehr.example/oauth/token", tokenEndpoint.toString());
        r.put("https://auth.ehr.example/oauth", issuer.toString());
        r.put("https://ehr.example/fhir-gateway/fhir", audience);
        r.put("jdbc:postgresql://db.ehr.example:5432/ehr", adapterJdbcUrl);
        r.put("/opt/ehr/fhir-gateway-plugins", pluginDir.toAbsolutePath().normalize().toString());
        r.put("/opt/ehr/jetty-base/webapps/fhir-gateway.war", deployedWar.toAbsolutePath().toString());
        return r;
    }

    /**
     * The context file printed in deploy.md after the marker {@code <!-- context-file: NAME}, with the example values
     * replaced (XML-escaped); every example value the file uses must be replaced.
     */
    String contextFile(String name, Path deployedWar) throws IOException {
        String md = Files.readString(DEPLOY_MD, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- context-file: " + Pattern.quote(name) + "\\b[^\\n]*\\n\\s*```xml\\n(.*?)\\n\\s*```",
                Pattern.DOTALL).matcher(md);
        assertThat(m.find()).as("a context file marked '%s' in %s", name, DEPLOY_MD).isTrue();
        // The block is indented as part of a list item: remove the list's indentation.
        String block = m.group(1);
        String indent = block.substring(0, block.length() - block.stripLeading().length());
        String file = block.lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
        for (Map.Entry<String, String> e : replacements(deployedWar).entrySet()) {
            file = file.replace(e.getKey(), xml(e.getValue()));
        }
        assertThat(file).as("the context file '%s' after replacing deploy.md's example values", name)
                .doesNotContain("ehr.example").doesNotContain("/opt/ehr/");
        return file;
    }

    /**
     * The adapter's database account as deploy.md says to pass it: in the container's environment, beside the
     * context file ({@code FHIRGATEWAY_ADAPTER_JDBC_USER}, {@code FHIRGATEWAY_ADAPTER_JDBC_PASSWORD}).
     */
    static Map<String, String> adapterAccountEnvironment(AdapterDatabaseAccount account) {
        return Map.of("FHIRGATEWAY_ADAPTER_JDBC_USER", account.user(),
                "FHIRGATEWAY_ADAPTER_JDBC_PASSWORD", account.password());
    }

    /** {@code text} escaped for an XML attribute or element. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
