package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient_identifier}: a patient's identifiers besides the MRN. */
public final class PatientIdentifierColumns {

    public static final String TABLE = "patient_identifier";

    public static final String ID = "id";
    public static final String PATIENT_ID = "patient_id";
    public static final String ID_USE = "id_use";
    public static final String ID_SYSTEM = "id_system";
    public static final String ID_VALUE = "id_value";
    public static final String TYPE_SYSTEM = "type_system";
    public static final String TYPE_CODE = "type_code";
    public static final String TYPE_DISPLAY = "type_display";
    public static final String TYPE_TEXT = "type_text";

    /** The prefix of the identifier type's coded columns ({@code type_system}, {@code type_code}, ...). */
    public static final String TYPE = "type";

    private PatientIdentifierColumns() {
    }
}
