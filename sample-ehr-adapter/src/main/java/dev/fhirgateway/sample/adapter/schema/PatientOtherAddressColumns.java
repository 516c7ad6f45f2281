package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient_other_address}: a patient's addresses besides the current one. */
public final class PatientOtherAddressColumns {

    public static final String TABLE = "patient_other_address";

    public static final String ID = "id";
    public static final String PATIENT_ID = "patient_id";
    public static final String ADDRESS_USE = "address_use";
    public static final String ADDRESS_LINE = "address_line";
    public static final String ADDRESS_LINE2 = "address_line2";
    public static final String CITY = "city";
    public static final String STATE = "state";
    public static final String POSTAL_CODE = "postal_code";
    public static final String COUNTRY = "country";
    public static final String PERIOD_START_TEXT = "period_start_text";
    public static final String PERIOD_END_TEXT = "period_end_text";

    private PatientOtherAddressColumns() {
    }
}
