package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient_telecom}: a patient's contact points besides the phone and email columns. */
public final class PatientTelecomColumns {

    public static final String TABLE = "patient_telecom";

    public static final String ID = "id";
    public static final String PATIENT_ID = "patient_id";
    public static final String TELECOM_SYSTEM = "telecom_system";
    public static final String TELECOM_VALUE = "telecom_value";
    public static final String TELECOM_USE = "telecom_use";

    private PatientTelecomColumns() {
    }
}
