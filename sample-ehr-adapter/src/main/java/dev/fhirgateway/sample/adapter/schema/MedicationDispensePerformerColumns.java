package dev.fhirgateway.sample.adapter.schema;

/** Table {@code medication_dispense_performer}: who dispensed a medication. */
public final class MedicationDispensePerformerColumns {

    public static final String TABLE = "medication_dispense_performer";

    public static final String ID = "id";
    public static final String MEDICATION_DISPENSE_ID = "medication_dispense_id";
    public static final String PRACTITIONER_ID = "practitioner_id";
    public static final String PRACTITIONER_ROLE_ID = "practitioner_role_id";
    public static final String ORGANIZATION_ID = "organization_id";

    private MedicationDispensePerformerColumns() {
    }
}
