package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code clinical_image}: clinical images and other media of patients. Column groups are named by their prefix
 * (see {@link ColumnGroups}).
 */
public final class ClinicalImageColumns {

    public static final String TABLE = "clinical_image";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    /** Identifier column group. */
    public static final String ORDER_NUMBER = "order_number";
    public static final String ORDER_NUMBER_ASSIGNER = "order_number_assigner";
    /** Coded column group. */
    public static final String MODALITY = "modality";
    /** Coded column group. */
    public static final String BODY_SITE = "body_site";
    public static final String ENCOUNTER_ID = "encounter_id";
    /** Clinical time column group. */
    public static final String TAKEN = "taken";
    public static final String HEIGHT_PX = "height_px";
    public static final String WIDTH_PX = "width_px";
    public static final String FILE_LABEL = "file_label";
    public static final String CONTENT_TYPE = "content_type";
    public static final String FILE_URL = "file_url";
    public static final String FILE_CREATED_TEXT = "file_created_text";

    private ClinicalImageColumns() {
    }
}
