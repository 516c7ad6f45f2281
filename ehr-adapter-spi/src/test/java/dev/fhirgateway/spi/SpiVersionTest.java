package dev.fhirgateway.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SpiVersionTest {

    @Test
    @DisplayName("an adapter built against this very SPI runs against it")
    void currentIsCompatibleWithItself() {
        assertThat(SpiVersion.isCompatible(SpiVersion.CURRENT, SpiVersion.CURRENT)).isTrue();
    }

    @ParameterizedTest(name = "adapter {0} runs on gateway SPI {1}")
    @CsvSource({"1.0, 1.0", "1.0, 1.3", "1.2, 1.3", "1.3, 1.3", "2.4, 2.10", "1.0, 1.0.7"})
    @DisplayName("an adapter built for the same major version and an older or equal minor version is compatible")
    void sameMajorOlderOrEqualMinorIsCompatible(String requested, String provided) {
        assertThat(SpiVersion.isCompatible(requested, provided)).isTrue();
    }

    @ParameterizedTest(name = "adapter {0} is refused by gateway SPI {1}")
    @CsvSource({"2.0, 1.0", "0.9, 1.0", "1.0, 2.0", "1.4, 1.3", "1.1, 1.0", "1.10, 1.9"})
    @DisplayName("an adapter built for another major version or a newer minor version is incompatible")
    void otherMajorOrNewerMinorIsIncompatible(String requested, String provided) {
        assertThat(SpiVersion.isCompatible(requested, provided)).isFalse();
    }

    @ParameterizedTest(name = "requested version \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"x", "1", "1.", ".0", "1.x", "one.zero", "v1.0", "1,0", " "})
    @DisplayName("a malformed or missing requested version is never compatible")
    void malformedRequestedVersionIsIncompatible(String requested) {
        assertThat(SpiVersion.isCompatible(requested, SpiVersion.CURRENT)).isFalse();
    }

    @ParameterizedTest(name = "provided version \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"x", "1", "1.x"})
    @DisplayName("a malformed or missing provided version is never compatible")
    void malformedProvidedVersionIsIncompatible(String provided) {
        assertThat(SpiVersion.isCompatible("1.0", provided)).isFalse();
    }

    @Test
    @DisplayName("the current version has the major.minor form the compatibility rule relies on")
    void currentVersionIsMajorDotMinor() {
        assertThat(SpiVersion.CURRENT).matches("\\d+\\.\\d+");
    }

    @Test
    @DisplayName("HAPI FHIR is part of the contract: 8.x versions are supported, other majors and malformed ones are not")
    void hapiMajorVersion() {
        assertThat(SpiVersion.supportsHapi("8.8.1")).isTrue();
        assertThat(SpiVersion.supportsHapi("8.0.0-SNAPSHOT")).isTrue();
        assertThat(SpiVersion.supportsHapi("7.4.0")).isFalse();
        assertThat(SpiVersion.supportsHapi("9.0.0")).isFalse();
        assertThat(SpiVersion.supportsHapi("8")).isFalse();
        assertThat(SpiVersion.supportsHapi(null)).isFalse();
    }

    @Test
    @DisplayName("the HAPI FHIR this SPI is built with is the major version it declares")
    void builtWithDeclaredHapi() {
        assertThat(SpiVersion.supportsHapi(ca.uhn.fhir.util.VersionUtil.getVersion())).isTrue();
    }
}
