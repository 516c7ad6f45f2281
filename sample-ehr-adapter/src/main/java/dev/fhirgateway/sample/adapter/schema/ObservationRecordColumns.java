package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code observation_record}: every observation of a practice, whichever of the four observation tables keeps it
 * (a view).
 */
public final class ObservationRecordColumns {

    public static final String TABLE = "observation_record";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";

    private ObservationRecordColumns() {
    }
}
