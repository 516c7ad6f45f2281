package dev.fhirgateway.gateway.internal.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request rate as the settings and the overrides file write it: {@code N/s}, {@code N/min} or {@code N/h}.
 *
 * @param requests how many requests
 * @param period per how long
 */
public record Rate(long requests, Duration period) {

    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,11})\\s*/\\s*(s|sec|second|m|min|minute|h|hour)");

    public Rate {
        if (requests <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate needs a positive count and period");
        }
    }

    /**
     * Parses {@code raw}; {@code off} (or blank) is no limit.
     *
     * @param what names the setting or key in the error message
     * @throws IllegalArgumentException naming {@code what} when {@code raw} is neither
     */
    public static Optional<Rate> parse(String raw, String what) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("off")) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be N/s, N/min, N/h or off, was '" + raw.trim() + "'");
        }
        Duration period = switch (m.group(2)) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return Optional.of(new Rate(Long.parseLong(m.group(1)), period));
    }

    /** e.g. {@code 50 per second}, for messages to the client whose limit this is. */
    public String describe() {
        String unit = period.equals(Duration.ofSeconds(1)) ? "second" : period.equals(Duration.ofMinutes(1)) ? "minute"
                : period.equals(Duration.ofHours(1)) ? "hour" : period.toString();
        return requests + " per " + unit;
    }
}
