package dev.fhirgateway.gateway.internal.docs;

import static dev.fhirgateway.gateway.internal.docs.Doc.inlines;
import static dev.fhirgateway.gateway.internal.docs.Doc.link;
import static dev.fhirgateway.gateway.internal.docs.Doc.literal;
import static dev.fhirgateway.gateway.internal.docs.Doc.paragraph;
import static dev.fhirgateway.gateway.internal.docs.Doc.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Both renderers escape what they print and link only safe targets; the HTML has the structure assistive tools use. */
@DisplayName("HTML and Markdown rendering of the developer pages")
class RenderersTest {

    private static final String HOSTILE = "<img src=x onerror=alert(1)> \"q\" 'a' & *b* _i_ [l](u) `c` | # ~ !";

    private static Doc.Page page() {
        return new Doc.Page("Patient", "Patient <x>", List.of(
                new Doc.Heading(1, null, "Patient " + HOSTILE),
                paragraph(text(HOSTILE), literal("a|b `c` <d>"), link("javascript:alert(1)", "js"),
                        link("https://ehr.example.com/\"onmouseover=alert(1)", "quote"),
                        link("https://hl7.org/fhir/us/core/STU6.1/", "US Core"), link("Patient.html#param-_id", "_id")),
                paragraph("- not a list"),
                paragraph("1. not a list either"),
                new Doc.Code("curl \"https://x/fhir/Patient?name=<b>\"\n``` not a fence end"),
                new Doc.TableBuilder("Caption " + HOSTILE, "Name", "Value")
                        .row("param-x\"y", inlines(literal("a|b")), inlines(text(HOSTILE))).build()));
    }

    @Test
    @DisplayName("HTML: everything printed is escaped; javascript: and malformed URLs are not linked")
    void html() {
        String html = HtmlRenderer.render(page(), "Site & <co>", List.of(link("index.html", "Overview"),
                link("Patient.html", "Patient")), ".html");
        assertThat(html).doesNotContain("<img").doesNotContain("<x>").doesNotContain("<d>").doesNotContain("<b>")
                .doesNotContain("<co>").doesNotContain("href=\"javascript").doesNotContain("onmouseover=alert(1)\"")
                .contains("&lt;img src=x onerror=alert(1)&gt; &quot;q&quot; &#39;a&#39; &amp;")
                .contains("<a href=\"https://hl7.org/fhir/us/core/STU6.1/\">US Core</a>")
                .contains("<a href=\"Patient.html#param-_id\">_id</a>")
                .contains("<tr id=\"param-x-y\">");
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").contains("<title>Patient &lt;x&gt; · Site")
                .contains("<a class=\"skip\" href=\"#main\">").contains("<main id=\"main\">")
                .contains("<nav aria-label=\"Pages\">").contains("<a href=\"Patient.html\" aria-current=\"page\">")
                .contains("<caption>Caption ").contains("<th scope=\"col\">Name</th>")
                .contains("<th scope=\"row\"><code>a|b</code></th>").contains("<h1>Patient &lt;img");
    }

    @Test
    @DisplayName("Markdown: inline syntax escaped, code spans and fences hold their text, table pipes escaped")
    void markdown() {
        String md = MarkdownRenderer.render(page(), "Site", List.of(link("index.md", "Overview")));
        assertThat(md).contains("# Patient \\<img src=x onerror=alert(1)\\> \"q\" 'a' \\& \\*b\\* \\_i\\_ \\[l\\](u)"
                + " \\`c\\` \\| \\# \\~ \\!")
                .contains("``a|b `c` <d>``")
                .contains("js").doesNotContain("(javascript:").doesNotContain("](https://ehr.example.com/\"")
                .contains("[US Core](https://hl7.org/fhir/us/core/STU6.1/)")
                .contains("\\- not a list").contains("1\\. not a list either")
                .contains("````\ncurl \"https://x/fhir/Patient?name=<b>\"\n``` not a fence end\n````")
                .contains("| `a\\|b` | \\<img");
        assertThat(md).startsWith("Site: [Overview](index.md)");
    }

    @Test
    @DisplayName("link targets: http(s) URLs of URL characters and this site's pages only")
    void linkTargets() {
        assertThat(LinkTargets.isSafe("https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-patient.html")).isTrue();
        assertThat(LinkTargets.isSafe("Patient.md")).isTrue();
        assertThat(LinkTargets.isSafe("#types")).isTrue();
        for (String bad : List.of("javascript:alert(1)", "JAVASCRIPT:x", "data:text/html,x", "//evil.example/x",
                "https://x.example/a b", "https://x.example/\"", "https://x.example/<", "https://x.example/(x)",
                "../secret.html", "Patient.html\"", "")) {
            assertThat(LinkTargets.isSafe(bad)).as(bad).isFalse();
        }
    }
}
