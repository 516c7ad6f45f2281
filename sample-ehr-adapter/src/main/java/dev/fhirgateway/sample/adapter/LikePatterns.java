package dev.fhirgateway.sample.adapter;

/** Builds SQL {@code LIKE} patterns from user text, with the wildcards in it escaped. */
final class LikePatterns {

    /** The escape character; write {@code ESCAPE '!'} after each pattern. '!' needs no quoting on any database. */
    static final char ESCAPE = '!';

    private LikePatterns() {
    }

    /** A pattern matching values that start with {@code text}. */
    static String startsWith(String text) {
        return escape(text) + "%";
    }

    /** A pattern matching values that contain {@code text}. */
    static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    /** {@code text} with {@code %}, {@code _} and the escape character itself taken literally. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}
