package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code vital_sign_component}: the parts of one vital-sign measurement (systolic/diastolic, oxygen flow ...).
 * Its columns shared with other tables are named in {@link ObservationTableColumns}.
 */
public final class VitalSignComponentColumns {

    public static final String TABLE = "vital_sign_component";

    public static final String ID = "id";
    public static final String VITAL_SIGN_ID = "vital_sign_id";

    private VitalSignComponentColumns() {
    }
}
