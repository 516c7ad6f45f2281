package dev.fhirgateway.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code docs/settings.md}, the settings reference, from {@link GatewaySetting}: one row per setting with its
 * environment variable, default and meaning. {@link SettingsReferencePageTest} fails when the page is stale (and
 * rewrites it with {@code -Dsettings-page.write=true}); {@link #main} writes it to a path of your choice.
 */
final class SettingsReferencePage {

    private SettingsReferencePage() {
    }

    /** Writes the page to {@code args[0]} (default {@code docs/settings.md} of the working directory). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/settings.md");
        Files.writeString(out, markdown(), StandardCharsets.UTF_8);
    }

    static String markdown() {
        StringBuilder md = new StringBuilder("""
                # Gateway settings reference

                <!-- Generated from dev.fhirgateway.api.GatewaySetting by SettingsReferencePageTest
                     (gateway-api/src/test/java/dev/fhirgateway/api/); do not edit by hand. Regenerate with
                     mvn -pl gateway-api test -Dtest=SettingsReferencePageTest -Dsettings-page.write=true -->

                Every setting the gateway reads. Each has a default or stops the deployment with an error naming it.
                Where to put them ([deploy.md](deploy.md#settings)), later wins:

                1. servlet context init parameters (the container's context file, or `<context-param>` in `web.xml`);
                2. a properties file named by the system property `fhirgateway.config` or the environment variable
                   `FHIRGATEWAY_CONFIG`;
                3. environment variables: the name upper-cased, `.` and `-` as `_` (column "Environment variable");
                4. Java system properties (`-Dfhirgateway.plugin-dir=...`).

                Durations are ISO-8601 (`PT30S`, `PT5M`). Settings marked *secret* are never logged (masked in the
                startup report); prefer environment variables or a properties file readable only by the container for
                them.

                | Setting | Environment variable | Default | Meaning |
                |---|---|---|---|
                """);
        for (GatewaySetting setting : GatewaySetting.values()) {
            boolean prefix = setting.key().endsWith(".");
            String name = setting.documentedName();
            md.append("| `").append(name).append('`')
                    .append(setting.isSecret() ? " *(secret)*" : "")
                    .append(" | ").append(prefix ? "" : "`" + setting.environmentVariable() + "`")
                    .append(" | ").append(setting.defaultValue().map(d -> "`" + d + "`").orElse("none"))
                    .append(" | ").append(setting.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        md.append("| `fhirgateway.adapter.<name>` | `FHIRGATEWAY_ADAPTER_<NAME>` | | Handed to the adapter as `<name>`"
                + " (`fhirgateway.adapter.jdbc.url` is the adapter's `jdbc.url`); names containing `secret`,"
                + " `password` or `token` are masked in the startup report. The adapter's README lists them. |\n");
        return md.toString();
    }
}
