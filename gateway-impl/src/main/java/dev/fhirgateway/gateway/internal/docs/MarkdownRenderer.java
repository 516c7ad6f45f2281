package dev.fhirgateway.gateway.internal.docs;

import com.google.common.escape.Escaper;
import com.google.common.escape.Escapers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Doc.Page} as GitHub-flavoured Markdown for a vendor's portal. Text is escaped with a Guava
 * escaper (every character Markdown gives a meaning inside a line, plus {@code &} so no entity is read), code with
 * backtick fences longer than any run of backticks it holds; in tables {@code |} is escaped everywhere, as GFM
 * requires. Links follow the same rule as in HTML ({@link LinkTargets}).
 */
final class MarkdownRenderer {

    private static final Escaper TEXT = Escapers.builder()
            .addEscape('\\', "\\\\").addEscape('`', "\\`").addEscape('*', "\\*").addEscape('_', "\\_")
            .addEscape('[', "\\[").addEscape(']', "\\]").addEscape('<', "\\<").addEscape('>', "\\>")
            .addEscape('|', "\\|").addEscape('#', "\\#").addEscape('&', "\\&").addEscape('~', "\\~")
            .addEscape('!', "\\!").addEscape('\n', " ").addEscape('\r', " ")
            .build();
    /** At the start of a line these would make a list or a heading. */
    private static final Pattern LINE_START = Pattern.compile("^(?:([-+=])|\\d+(?=[.)]))");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownRenderer() {
    }

    static String render(Doc.Page page, String site, List<Doc.Link> nav) {
        StringBuilder md = new StringBuilder(8_192);
        md.append(escapeLine(site)).append(": ");
        for (int i = 0; i < nav.size(); i++) {
            md.append(i == 0 ? "" : " · ");
            inline(md, nav.get(i), false);
        }
        md.append("\n\n");
        for (Doc.Block block : page.blocks()) {
            block(md, block);
            md.append('\n');
        }
        return md.toString();
    }

    private static void block(StringBuilder md, Doc.Block block) {
        if (block instanceof Doc.Heading h) {
            md.append("#".repeat(h.level())).append(' ').append(TEXT.escape(h.text())).append('\n');
        } else if (block instanceof Doc.Paragraph p) {
            StringBuilder line = new StringBuilder();
            inlines(line, p.content(), false);
            md.append(line).append('\n');
        } else if (block instanceof Doc.Code c) {
            String fence = "`".repeat(Math.max(3, longestBacktickRun(c.text()) + 1));
            md.append(fence).append('\n').append(c.text()).append(c.text().endsWith("\n") ? "" : "\n")
                    .append(fence).append('\n');
        } else if (block instanceof Doc.Items items) {
            for (List<Doc.Inline> item : items.items()) {
                md.append("- ");
                StringBuilder line = new StringBuilder();
                inlines(line, item, false);
                md.append(line).append('\n');
            }
        } else if (block instanceof Doc.Table t) {
            md.append("**").append(TEXT.escape(t.caption())).append("**\n\n|");
            for (String header : t.headers()) {
                md.append(' ').append(TEXT.escape(header)).append(" |");
            }
            md.append("\n|").append("---|".repeat(t.headers().size())).append('\n');
            for (List<List<Doc.Inline>> row : t.rows()) {
                md.append('|');
                for (List<Doc.Inline> cell : row) {
                    md.append(' ');
                    inlines(md, cell, true);
                    md.append(" |");
                }
                md.append('\n');
            }
        }
    }

    private static void inlines(StringBuilder md, List<Doc.Inline> inlines, boolean inTable) {
        int start = md.length();
        for (Doc.Inline inline : inlines) {
            inline(md, inline, inTable);
        }
        if (inTable) {
            return;
        }
        // Only the first characters of a paragraph or item can start a block construct: a list or a heading.
        Matcher m = LINE_START.matcher(md.substring(start));
        if (m.find()) {
            md.insert(start + (m.group(1) != null ? 0 : m.end()), '\\');
        }
    }

    private static void inline(StringBuilder md, Doc.Inline inline, boolean inTable) {
        if (inline instanceof Doc.Text t) {
            md.append(TEXT.escape(t.text()));
        } else if (inline instanceof Doc.Literal l) {
            md.append(codeSpan(l.text(), inTable));
        } else if (inline instanceof Doc.Link l) {
            if (LinkTargets.isSafe(l.href())) {
                md.append('[').append(TEXT.escape(l.text())).append("](").append(l.href()).append(')');
            } else {
                md.append(TEXT.escape(l.text()));
            }
        }
    }

    private static String codeSpan(String text, boolean inTable) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        String ticks = "`".repeat(longestBacktickRun(flat) + 1);
        boolean pad = flat.startsWith("`") || flat.endsWith("`") || flat.isBlank();
        String body = pad ? " " + flat + " " : flat;
        if (inTable) {
            body = body.replace("|", "\\|");
        }
        return ticks + body + ticks;
    }

    private static int longestBacktickRun(String s) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(s);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }

    private static String escapeLine(String s) {
        return TEXT.escape(s);
    }
}
