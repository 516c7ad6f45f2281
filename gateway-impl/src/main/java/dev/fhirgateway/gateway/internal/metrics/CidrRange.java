package dev.fhirgateway.gateway.internal.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address is a
 * range of one.
 */
public final class CidrRange {

    /** Literal addresses only: a host name here would make every check a DNS lookup. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} or {@code address}.
     *
     * @param settingName named in the error message
     * @throws IllegalStateException naming the setting when the text is not a literal address range
     */
    public static CidrRange parse(String text, String settingName) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        try {
            if (!LITERAL.matcher(address).matches()) {
                throw new IllegalArgumentException();
            }
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException();
            }
            return new CidrRange(bytes, prefix, text);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalStateException("setting " + settingName + " must be a comma-separated list of address"
                    + " ranges such as 127.0.0.1/32 or 10.0.0.0/8, was '" + text + "'");
        }
    }

    /**
     * Whether {@code address} (a literal IP, as {@code ServletRequest.getRemoteAddr()} gives it) is in the range.
     * IPv6 addresses are accepted in every form containers give them: {@code ::1}, {@code 0:0:0:0:0:0:0:1},
     * in brackets ({@code [::1]}, as Jetty gives them) and with a zone ({@code fe80::1%lo}).
     */
    public boolean contains(String remoteAddress) {
        String address = remoteAddress;
        if (address != null && address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address == null ? -1 : address.indexOf('%');
        if (zone > 0 && address.indexOf(':') >= 0) {
            address = address.substring(0, zone);
        }
        if (address == null || !LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] candidate;
        try {
            candidate = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
