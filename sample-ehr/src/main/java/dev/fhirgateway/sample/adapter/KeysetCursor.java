package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.spi.AdapterException;

/**
 * The paging cursor: the internal id of the last patient of a page, in base 36 behind a version letter. It holds
 * no PHI, and the next page simply continues after that id, so pages stay consistent while data changes.
 */
final class KeysetCursor {

    private static final String VERSION = "k";

    private KeysetCursor() {
    }

    /** The cursor for the page after the row with internal id {@code lastId}. */
    static String after(long lastId) {
        return VERSION + Long.toString(lastId, Character.MAX_RADIX);
    }

    /**
     * The internal id a cursor continues after.
     *
     * @throws AdapterException {@link AdapterException.Reason#INVALID_CURSOR} when the cursor was not made by
     *     {@link #after}
     */
    static long lastId(String cursor) {
        if (cursor == null || !cursor.startsWith(VERSION) || cursor.length() == VERSION.length()) {
            throw invalid();
        }
        try {
            long id = Long.parseLong(cursor.substring(VERSION.length()), Character.MAX_RADIX);
            if (id < 0 || !after(id).equals(cursor)) {
                // Rejects non-canonical spellings ("k+1", "k01", upper case) so one page has exactly one cursor.
                throw invalid();
            }
            return id;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static AdapterException invalid() {
        return AdapterException.invalidCursor("the paging cursor is not one this adapter issued");
    }
}
