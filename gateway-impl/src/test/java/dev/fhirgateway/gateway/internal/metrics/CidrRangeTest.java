package dev.fhirgateway.gateway.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Address ranges of the metrics allow-list")
class CidrRangeTest {

    @Test
    void matchesIpv4AndIpv6Ranges() {
        CidrRange ten = CidrRange.parse("10.0.0.0/8", "s");
        assertThat(ten.contains("10.200.3.4")).isTrue();
        assertThat(ten.contains("11.0.0.1")).isFalse();
        assertThat(CidrRange.parse("192.168.1.128/25", "s").contains("192.168.1.127")).isFalse();
        assertThat(CidrRange.parse("192.168.1.128/25", "s").contains("192.168.1.200")).isTrue();
        assertThat(CidrRange.parse("::1/128", "s").contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(CidrRange.parse("::1/128", "s").contains("127.0.0.1")).isFalse();
        assertThat(CidrRange.parse("127.0.0.1", "s").contains("127.0.0.1")).isTrue();
    }

    @Test
    @DisplayName("matches IPv6 loopback in every form containers give: ::1, 0:0:0:0:0:0:0:1, [::1], with a zone")
    void ipv6RemoteAddressForms() {
        CidrRange loopback = CidrRange.parse("::1/128", "s");
        assertThat(loopback.contains("::1")).isTrue();
        assertThat(loopback.contains("[::1]")).isTrue();
        assertThat(loopback.contains("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(loopback.contains("0:0:0:0:0:0:0:1%0")).isTrue();
        assertThat(loopback.contains("[::1%lo]")).isTrue();
        assertThat(loopback.contains("[::2]")).isFalse();
        assertThat(loopback.contains("[127.0.0.1]")).isFalse();
        assertThat(loopback.contains("[::1")).isFalse();
        assertThat(CidrRange.parse("fe80::/10", "s").contains("[fe80::1%eth0]")).isTrue();
    }

    @Test
    void refusesHostNamesAndBadPrefixesNamingTheSetting() {
        assertThatThrownBy(() -> CidrRange.parse("localhost", "fhirgateway.metrics.allow-from"))
                .hasMessageContaining("fhirgateway.metrics.allow-from");
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/33", "s")).isInstanceOf(IllegalStateException.class);
    }
}
