package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code clinical_document}: documents in a patient's chart (their metadata). Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class ClinicalDocumentColumns {

    public static final String TABLE = "clinical_document";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    /** Identifier column group. */
    public static final String DOCUMENT_NUMBER = "document_number";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String DOC_TYPE = "doc_type";
    /** Clinical time column group. */
    public static final String FILED = "filed";
    public static final String DESCRIPTION = "description";
    public static final String AUTHOR_ID = "author_id";
    public static final String AUTHENTICATOR_ID = "authenticator_id";
    public static final String CUSTODIAN_ID = "custodian_id";
    public static final String ENCOUNTER_ID = "encounter_id";
    /** Clinical time column group. */
    public static final String SERVICE_START = "service_start";
    /** Clinical time column group. */
    public static final String SERVICE_END = "service_end";

    private ClinicalDocumentColumns() {
    }
}
