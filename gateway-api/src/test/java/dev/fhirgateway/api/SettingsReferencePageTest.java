package dev.fhirgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/settings.md} is {@link SettingsReferencePage#markdown()}: generated from {@link GatewaySetting}, so
 * the page names every setting, its default and meaning. When a setting changes this test fails until the page
 * is regenerated with {@code mvn -pl gateway-api test -Dtest=SettingsReferencePageTest -Dsettings-page.write=true}.
 */
@DisplayName("The settings reference page docs/settings.md")
class SettingsReferencePageTest {

    static final Path PAGE = Path.of("..", "docs", "settings.md");

    @Test
    @DisplayName("is current: generated from GatewaySetting (regenerate with -Dsettings-page.write=true)")
    void pageIsCurrent() throws Exception {
        String expected = SettingsReferencePage.markdown();
        if (Boolean.getBoolean("settings-page.write")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        assertThat(PAGE).as("docs/settings.md; regenerate: mvn -pl gateway-api test -Dtest=SettingsReferencePageTest"
                + " -Dsettings-page.write=true").isRegularFile();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/settings.md is stale; regenerate: mvn -pl gateway-api test -Dtest=SettingsReferencePageTest"
                        + " -Dsettings-page.write=true")
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("lists every setting with its environment variable, default and a meaning")
    void everySettingIsDescribed() {
        String page = SettingsReferencePage.markdown();
        for (GatewaySetting setting : GatewaySetting.values()) {
            assertThat(setting.description()).as(setting.key()).isNotBlank();
            assertThat(page).contains("`" + setting.key()).contains(setting.description());
            setting.defaultValue().ifPresent(d -> assertThat(page).contains("`" + d + "`"));
        }
    }
}
