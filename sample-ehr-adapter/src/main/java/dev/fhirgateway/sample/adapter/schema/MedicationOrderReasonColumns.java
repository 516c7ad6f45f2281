package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code medication_order_reason}: the reasons for a medication order: a code, or a reference to a finding.
 * Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class MedicationOrderReasonColumns {

    public static final String TABLE = "medication_order_reason";

    public static final String ID = "id";
    public static final String MEDICATION_ORDER_ID = "medication_order_id";
    /** Coded column group. */
    public static final String REASON = "reason";
    public static final String FINDING_REF_TYPE = "finding_ref_type";
    public static final String FINDING_REF_ID = "finding_ref_id";

    private MedicationOrderReasonColumns() {
    }
}
