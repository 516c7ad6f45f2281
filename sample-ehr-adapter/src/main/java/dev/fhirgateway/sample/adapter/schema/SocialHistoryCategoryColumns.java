package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code social_history_category}: each category a social history entry was recorded with. Column groups are
 * named by their prefix (see {@link ColumnGroups}).
 */
public final class SocialHistoryCategoryColumns {

    public static final String TABLE = "social_history_category";

    public static final String ID = "id";
    public static final String SOCIAL_HISTORY_ENTRY_ID = "social_history_entry_id";
    /** Coded column group. */
    public static final String CATEGORY = "category";

    private SocialHistoryCategoryColumns() {
    }
}
