package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code social_history_entry}: the social history (smoking status, pregnancy, occupation ...). Its columns
 * shared with other tables are named in {@link ObservationTableColumns}. Column groups are named by their prefix (see
 * {@link ColumnGroups}).
 */
public final class SocialHistoryEntryColumns {

    public static final String TABLE = "social_history_entry";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String ENTRY_TYPE = "entry_type";
    /** Coded column group. */
    public static final String INDUSTRY = "industry";

    private SocialHistoryEntryColumns() {
    }
}
