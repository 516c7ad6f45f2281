package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code implanted_device}: the devices implanted in a patient (UDI as printed and parsed). Column groups are
 * named by their prefix (see {@link ColumnGroups}).
 */
public final class ImplantedDeviceColumns {

    public static final String TABLE = "implanted_device";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String TYPE = "type";
    public static final String DEVICE_NAME = "device_name";
    public static final String DEVICE_NAME_TYPE = "device_name_type";
    public static final String UDI_DEVICE_IDENTIFIER = "udi_device_identifier";
    public static final String UDI_CARRIER_HRF = "udi_carrier_hrf";
    public static final String UDI_CARRIER_AIDC = "udi_carrier_aidc";
    public static final String DISTINCT_IDENTIFIER = "distinct_identifier";
    public static final String MANUFACTURE_DATE_TEXT = "manufacture_date_text";
    public static final String EXPIRATION_DATE_TEXT = "expiration_date_text";
    public static final String LOT_NUMBER = "lot_number";
    public static final String SERIAL_NUMBER = "serial_number";

    private ImplantedDeviceColumns() {
    }
}
