package dev.fhirgateway.gateway.internal.search;

import java.util.regex.Pattern;

/**
 * Quotes a parameter name or modifier the client sent, for an error message. Unknown parameters are named
 * (the README promises it, and names are how a client finds its mistake), but only when the name looks like
 * one: anything with other characters (markup, quotes, line breaks, non-ASCII, long runs) is described, not
 * repeated.
 */
public final class ClientNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:\\-]{1,100}");

    private ClientNames() {
    }

    /** {@code 'name'}, or a description when {@code name} does not look like a parameter name. */
    public static String quote(String name) {
        return name != null && NAME.matcher(name).matches() ? "'" + name + "'"
                : "(a name with characters no FHIR search parameter has)";
    }
}
