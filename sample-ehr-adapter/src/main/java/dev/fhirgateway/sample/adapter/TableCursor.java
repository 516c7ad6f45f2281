package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.spi.AdapterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paging cursor of a type served from several tables: which table the next page starts in and the internal
 * id it continues after, e.g. {@code t2.1k}. It holds no PHI; pages stay consistent while data changes.
 */
record TableCursor(int table, long afterId) {

    private static final Pattern FORMAT = Pattern.compile("t(0|[1-9][0-9]{0,3})\\.(0|[1-9a-z][0-9a-z]{0,12})");

    static final TableCursor START = new TableCursor(0, 0);

    String text() {
        return "t" + table + "." + Long.toString(afterId, Character.MAX_RADIX);
    }

    /**
     * Reads a cursor made by {@link #text()}.
     *
     * @throws AdapterException {@link AdapterException.Reason#INVALID_CURSOR} for anything else
     */
    static TableCursor parse(String text, int tables) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw invalid();
        }
        int table = Integer.parseInt(m.group(1));
        long afterId;
        try {
            afterId = Long.parseLong(m.group(2), Character.MAX_RADIX);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (table >= tables || afterId < 0) {
            throw invalid();
        }
        return new TableCursor(table, afterId);
    }

    private static AdapterException invalid() {
        return AdapterException.invalidCursor("the paging cursor is not one this adapter issued");
    }
}
