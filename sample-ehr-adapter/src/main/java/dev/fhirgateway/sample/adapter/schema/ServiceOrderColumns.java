package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code service_order}: orders for services (labs, imaging, referrals, procedures). Column groups are named by
 * their prefix (see {@link ColumnGroups}).
 */
public final class ServiceOrderColumns {

    public static final String TABLE = "service_order";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    /** Identifier column group. */
    public static final String ORDER_NUMBER = "order_number";
    public static final String STATUS = "status";
    public static final String INTENT = "intent";
    /** Coded column group. */
    public static final String CATEGORY = "category";
    /** Coded column group. */
    public static final String SERVICE = "service";
    public static final String ENCOUNTER_ID = "encounter_id";
    /** Time-or-period column group. */
    public static final String OCCURRENCE = "occurrence";
    /** Clinical time column group. */
    public static final String OCCURRENCE_START = "occurrence_start";
    /** Clinical time column group. */
    public static final String OCCURRENCE_END = "occurrence_end";
    /** Clinical time column group. */
    public static final String ORDERED = "ordered";
    public static final String ORDERED_BY_ID = "ordered_by_id";
    /** Coded column group. */
    public static final String REASON = "reason";
    public static final String REASON_REF_TYPE = "reason_ref_type";
    public static final String REASON_REF_ID = "reason_ref_id";

    private ServiceOrderColumns() {
    }
}
