package dev.fhirgateway.gateway.internal.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A developer page as a small document tree, written once and rendered twice: as HTML ({@link HtmlRenderer}) for
 * {@code [context]/docs/} and a vendor's portal, and as Markdown ({@link MarkdownRenderer}). Text in the tree is
 * plain: each renderer escapes it for its format.
 */
final class Doc {

    private Doc() {
    }

    /** A page: its file name without extension ({@code index}, {@code Patient}), its title and its blocks. */
    record Page(String name, String title, List<Block> blocks) {
        Page {
            blocks = List.copyOf(blocks);
        }
    }

    sealed interface Block permits Heading, Paragraph, Code, Items, Table {
    }

    /** A heading; {@code id} is its anchor. */
    record Heading(int level, String id, String text) implements Block {
    }

    record Paragraph(List<Inline> content) implements Block {
        Paragraph {
            content = List.copyOf(content);
        }
    }

    /** A block of code to copy, e.g. a request. */
    record Code(String text) implements Block {
    }

    /** A bulleted list. */
    record Items(List<List<Inline>> items) implements Block {
        Items {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A table with a caption and column headers; the first cell of each row heads its row. {@code rowIds} gives each
     * row an anchor ({@code param-birthdate}), or is empty.
     */
    record Table(String caption, List<String> headers, List<List<List<Inline>>> rows, List<String> rowIds)
            implements Block {
        Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(r -> r.stream().map(List::copyOf).toList()).toList();
            rowIds = List.copyOf(rowIds);
        }
    }

    sealed interface Inline permits Text, Literal, Link {
    }

    record Text(String text) implements Inline {
    }

    /** Code, a name or a value as typed: {@code birthdate}, {@code system|code}. */
    record Literal(String text) implements Inline {
    }

    /** A link; renderers link only {@code http(s)} and relative page links, other targets print as text. */
    record Link(String href, String text) implements Inline {
    }

    static Text text(String s) {
        return new Text(s);
    }

    static Literal literal(String s) {
        return new Literal(s);
    }

    static Link link(String href, String text) {
        return new Link(href, text);
    }

    static List<Inline> inlines(Inline... parts) {
        return List.of(parts);
    }

    static Paragraph paragraph(Inline... parts) {
        return new Paragraph(Arrays.asList(parts));
    }

    static Paragraph paragraph(String text) {
        return new Paragraph(List.of(new Text(text)));
    }

    /** Builds a table row by row. */
    static final class TableBuilder {
        private final String caption;
        private final List<String> headers;
        private final List<List<List<Inline>>> rows = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();

        TableBuilder(String caption, String... headers) {
            this.caption = caption;
            this.headers = List.of(headers);
        }

        @SafeVarargs
        final TableBuilder row(String id, List<Inline>... cells) {
            if (cells.length != headers.size()) {
                throw new IllegalArgumentException("a row of " + caption + " needs " + headers.size() + " cells");
            }
            rows.add(List.of(cells));
            ids.add(id);
            return this;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        Table build() {
            return new Table(caption, headers, rows, ids.stream().allMatch(i -> i == null) ? List.of()
                    : ids.stream().map(i -> i == null ? "" : i).toList());
        }
    }
}
