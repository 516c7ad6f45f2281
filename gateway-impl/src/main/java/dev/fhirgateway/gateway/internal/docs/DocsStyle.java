package dev.fhirgateway.gateway.internal.docs;

import java.util.List;

/**
 * The pages' one style sheet ({@value #FILE}, served beside them; the pages read well without it). Its colour pairs
 * are listed in {@link #PAIRS} so a test can hold each to the WCAG 2 AA contrast ratio for normal text (4.5:1).
 */
final class DocsStyle {

    static final String FILE = "docs.css";

    static final String TEXT = "#1b1b1b";
    static final String BACKGROUND = "#ffffff";
    static final String LINK = "#0b57d0";
    static final String VISITED = "#6a1b9a";
    static final String MUTED = "#4a4a4a";
    static final String CODE_BACKGROUND = "#f1f3f5";
    static final String HEADER_BACKGROUND = "#12355b";
    static final String HEADER_TEXT = "#ffffff";
    static final String TABLE_HEAD_BACKGROUND = "#e3ebf6";
    static final String BORDER = "#8a8f98";

    /** Foreground on background, as the sheet uses them. */
    static final List<String[]> PAIRS = List.of(
            new String[] {TEXT, BACKGROUND}, new String[] {LINK, BACKGROUND}, new String[] {VISITED, BACKGROUND},
            new String[] {MUTED, BACKGROUND}, new String[] {TEXT, CODE_BACKGROUND}, new String[] {LINK, CODE_BACKGROUND},
            new String[] {HEADER_TEXT, HEADER_BACKGROUND}, new String[] {TEXT, TABLE_HEAD_BACKGROUND},
            new String[] {LINK, TABLE_HEAD_BACKGROUND});

    private DocsStyle() {
    }

    static String css() {
        return """
                :root { color-scheme: light; }
                * { box-sizing: border-box; }
                body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
                  sans-serif; color: %1$s; background: %2$s; }
                a { color: %3$s; }
                a:visited { color: %4$s; }
                a:focus-visible, .table-wrap:focus-visible { outline: 3px solid %3$s; outline-offset: 2px; }
                .skip { position: absolute; left: -999px; top: 0; background: %2$s; color: %3$s; padding: .5rem 1rem; }
                .skip:focus { left: 1rem; z-index: 1; }
                header.site { background: %7$s; color: %8$s; padding: .75rem 1.5rem; }
                header.site a, header.site a:visited { color: %8$s; }
                header.site a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
                .site-name { margin: 0 0 .25rem; font-weight: 700; font-size: 1.1rem; }
                header.site ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
                main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
                h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0; }
                h2 { font-size: 1.5rem; margin: 2rem 0 .75rem; border-bottom: 1px solid %10$s; padding-bottom: .25rem; }
                h3 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
                code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
                  font-size: .92em; background: %6$s; color: %1$s; }
                code { padding: .05em .3em; border-radius: 3px; overflow-wrap: break-word; }
                pre { padding: .75rem 1rem; overflow-x: auto; border-left: 4px solid %7$s; white-space: pre-wrap;
                  word-break: break-all; }
                pre code { padding: 0; background: none; }
                .table-wrap { overflow-x: auto; margin: .5rem 0 1.25rem; }
                table { border-collapse: collapse; width: 100%%; }
                caption { text-align: left; font-weight: 600; padding: .25rem 0; color: %5$s; }
                th, td { border: 1px solid %10$s; padding: .4rem .6rem; text-align: left; vertical-align: top; }
                thead th { background: %9$s; }
                tbody th { font-weight: 600; }
                """.formatted(TEXT, BACKGROUND, LINK, VISITED, MUTED, CODE_BACKGROUND, HEADER_BACKGROUND, HEADER_TEXT,
                TABLE_HEAD_BACKGROUND, BORDER);
    }
}
