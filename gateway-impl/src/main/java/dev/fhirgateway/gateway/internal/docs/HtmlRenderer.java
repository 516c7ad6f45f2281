package dev.fhirgateway.gateway.internal.docs;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.util.List;

/**
 * Renders a {@link Doc.Page} as a complete HTML page: readable without JavaScript (there is none) and without the
 * style sheet, with {@code lang}, landmarks, a skip link, headings in order and tables with captions and header
 * cells. Every text and attribute value goes through Guava's HTML escaper; links go only to http(s) URLs and this
 * site's own pages ({@link LinkTargets}).
 */
final class HtmlRenderer {

    private static final Escaper HTML = HtmlEscapers.htmlEscaper();

    private HtmlRenderer() {
    }

    /**
     * @param page the page
     * @param site the site's name, shown above every page
     * @param nav the site's pages, as links
     * @param extension {@code .html}: how links to other pages end
     */
    static String render(Doc.Page page, String site, List<Doc.Link> nav, String extension) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(HTML.escape(page.title())).append(" · ").append(HTML.escape(site))
                .append("</title>\n<link rel=\"stylesheet\" href=\"").append(DocsStyle.FILE).append("\">\n")
                .append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
                .append("<header class=\"site\">\n<p class=\"site-name\">").append(HTML.escape(site)).append("</p>\n")
                .append("<nav aria-label=\"Pages\">\n<ul>\n");
        for (Doc.Link link : nav) {
            boolean current = link.href().equals(page.name() + extension);
            h.append("<li>");
            if (current) {
                h.append("<a href=\"").append(HTML.escape(link.href())).append("\" aria-current=\"page\">")
                        .append(HTML.escape(link.text())).append("</a>");
            } else {
                inline(h, link);
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n</nav>\n</header>\n<main id=\"main\">\n");
        for (Doc.Block block : page.blocks()) {
            block(h, block);
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void block(StringBuilder h, Doc.Block block) {
        if (block instanceof Doc.Heading heading) {
            h.append("<h").append(heading.level())
                    .append(heading.id() == null ? "" : " id=\"" + HTML.escape(LinkTargets.anchor(heading.id())) + "\"")
                    .append('>').append(HTML.escape(heading.text())).append("</h").append(heading.level()).append(">\n");
        } else if (block instanceof Doc.Paragraph p) {
            h.append("<p>");
            inlines(h, p.content());
            h.append("</p>\n");
        } else if (block instanceof Doc.Code code) {
            h.append("<pre><code>").append(HTML.escape(code.text())).append("</code></pre>\n");
        } else if (block instanceof Doc.Items items) {
            h.append("<ul>\n");
            for (List<Doc.Inline> item : items.items()) {
                h.append("<li>");
                inlines(h, item);
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        } else if (block instanceof Doc.Table table) {
            table(h, table);
        }
    }

    private static void table(StringBuilder h, Doc.Table table) {
        // A wide table scrolls inside its own region, which keyboard users can focus.
        h.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"")
                .append(HTML.escape(table.caption())).append("\">\n<table>\n<caption>")
                .append(HTML.escape(table.caption())).append("</caption>\n<thead>\n<tr>");
        for (String header : table.headers()) {
            h.append("<th scope=\"col\">").append(HTML.escape(header)).append("</th>");
        }
        h.append("</tr>\n</thead>\n<tbody>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            String id = table.rowIds().isEmpty() ? "" : table.rowIds().get(r);
            h.append(id.isEmpty() ? "<tr>" : "<tr id=\"" + HTML.escape(LinkTargets.anchor(id)) + "\">");
            List<List<Doc.Inline>> row = table.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                h.append(c == 0 ? "<th scope=\"row\">" : "<td>");
                inlines(h, row.get(c));
                h.append(c == 0 ? "</th>" : "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
    }

    private static void inlines(StringBuilder h, List<Doc.Inline> inlines) {
        for (Doc.Inline inline : inlines) {
            inline(h, inline);
        }
    }

    private static void inline(StringBuilder h, Doc.Inline inline) {
        if (inline instanceof Doc.Text t) {
            h.append(HTML.escape(t.text()));
        } else if (inline instanceof Doc.Literal l) {
            h.append("<code>").append(HTML.escape(l.text())).append("</code>");
        } else if (inline instanceof Doc.Link l) {
            if (LinkTargets.isSafe(l.href())) {
                h.append("<a href=\"").append(HTML.escape(l.href())).append("\">").append(HTML.escape(l.text()))
                        .append("</a>");
            } else {
                h.append(HTML.escape(l.text()));
            }
        }
    }
}
