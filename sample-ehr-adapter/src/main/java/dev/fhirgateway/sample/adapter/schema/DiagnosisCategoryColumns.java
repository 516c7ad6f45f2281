package dev.fhirgateway.sample.adapter.schema;

/** Table {@code diagnosis_category}: each category of a diagnosis, as recorded. */
public final class DiagnosisCategoryColumns {

    public static final String TABLE = "diagnosis_category";

    public static final String ID = "id";
    public static final String DIAGNOSIS_ID = "diagnosis_id";
    /** Coded column group (see {@link AllergyColumns}). */
    public static final String CATEGORY = "category";

    private DiagnosisCategoryColumns() {
    }
}
