package dev.fhirgateway.gateway.internal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The style sheet's colours meet WCAG 2 AA contrast for normal text (4.5:1) on the backgrounds they are used on. */
@DisplayName("Developer pages' colours")
class DocsStyleTest {

    @Test
    @DisplayName("every foreground/background pair has a contrast ratio of at least 4.5:1, and the sheet uses them")
    void contrast() {
        String css = DocsStyle.css();
        for (String[] pair : DocsStyle.PAIRS) {
            assertThat(ratio(pair[0], pair[1])).as(pair[0] + " on " + pair[1]).isGreaterThanOrEqualTo(4.5);
            assertThat(css).contains(pair[0]).contains(pair[1]);
        }
    }

    /** WCAG 2 contrast ratio of two sRGB colours ({@code #rrggbb}). */
    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
