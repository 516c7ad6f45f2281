package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code encounter_reason}: the reasons for a visit: a code, or a reference to a problem or other record. Column
 * groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class EncounterReasonColumns {

    public static final String TABLE = "encounter_reason";

    public static final String ID = "id";
    public static final String ENCOUNTER_ID = "encounter_id";
    /** Coded column group. */
    public static final String REASON = "reason";
    public static final String CONDITION_REF_TYPE = "condition_ref_type";
    public static final String CONDITION_REF_ID = "condition_ref_id";

    private EncounterReasonColumns() {
    }
}
