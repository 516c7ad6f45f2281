package dev.fhirgateway.gateway.internal.docs;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which link targets the pages may carry: absolute http(s) URLs made only of URL characters (no spaces, quotes,
 * angle brackets or parentheses, so they cannot break out of an attribute or a Markdown link), this site's pages
 * ({@code Patient.html#param-name}) and anchors. Anything else (a {@code javascript:} URL a setting might hold)
 * is printed as text, not linked.
 */
final class LinkTargets {

    private static final Pattern ABSOLUTE = Pattern.compile("https?://[A-Za-z0-9._~:/?#\\[\\]@!$&*+,;=%-]+");
    private static final Pattern PAGE = Pattern.compile("([A-Za-z0-9_-]+\\.(html|md))?(#[A-Za-z0-9_-]+)?");
    private static final Pattern NOT_ANCHOR = Pattern.compile("[^A-Za-z0-9_-]");

    private LinkTargets() {
    }

    static boolean isSafe(String href) {
        if (href == null || href.isEmpty()) {
            return false;
        }
        String lower = href.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return ABSOLUTE.matcher(href).matches();
        }
        return PAGE.matcher(href).matches();
    }

    /** An anchor id from a name: letters, digits, '_' and '-' kept, anything else '-'. */
    static String anchor(String name) {
        return NOT_ANCHOR.matcher(name).replaceAll("-");
    }
}
