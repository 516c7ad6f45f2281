package dev.fhirgateway.gateway.internal.metrics;

import dev.fhirgateway.api.GatewayMetrics;

/**
 * The {@code client} tag value of a request: the client id of its verified access token when it looks like one
 * ({@code [A-Za-z0-9._:@-]}, 1 to 64 characters), {@code invalid} when it does not, {@code unknown} without one.
 * Client ids come from tokens the authorization server signed for registered apps, so they are bounded; the
 * check keeps anything odd out of the meters and logs. A character loop rather than a regular expression: it runs
 * on every request and a matcher is an allocation per call.
 */
public final class ClientTag {

    private static final int MAX_LENGTH = 64;

    private ClientTag() {
    }

    /** @param clientId the token's client id, or null / blank / {@code -} when the request has none */
    public static String of(String clientId) {
        if (clientId == null || clientId.isBlank() || clientId.equals("-")) {
            return GatewayMetrics.UNKNOWN;
        }
        return looksLikeClientId(clientId) ? clientId : GatewayMetrics.INVALID;
    }

    static boolean looksLikeClientId(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
