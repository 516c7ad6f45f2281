package dev.fhirgateway.gateway.internal.security;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Takes the practice from a request header. A development source: any client can claim any practice,
 * so it is only safe behind something that sets the header itself.
 *
 * <p>Values that do not look like a practice identifier (1 to 64 letters, digits, '-', '_' or '.') are
 * treated as absent, so a malformed header is answered like a missing one.
 */
public final class HeaderPracticeResolver implements PracticeResolver {

    private static final Pattern PRACTICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String headerName;

    public HeaderPracticeResolver(String headerName) {
        this.headerName = Objects.requireNonNull(headerName, "headerName");
    }

    @Override
    public Optional<String> resolve(InboundRequest request) {
        return request.header(headerName).map(String::trim).filter(v -> PRACTICE_ID.matcher(v).matches());
    }

    public String headerName() {
        return headerName;
    }
}
