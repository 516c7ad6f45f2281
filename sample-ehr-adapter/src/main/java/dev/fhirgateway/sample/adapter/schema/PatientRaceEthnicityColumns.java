package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient_race_ethnicity}: each race or ethnicity code of a patient (US Core's extensions). */
public final class PatientRaceEthnicityColumns {

    public static final String TABLE = "patient_race_ethnicity";

    public static final String ID = "id";
    public static final String PATIENT_ID = "patient_id";
    public static final String KIND = "kind";
    public static final String GRANULARITY = "granularity";
    public static final String CODE_SYSTEM = "code_system";
    public static final String CODE = "code";
    public static final String DISPLAY = "display";

    /** {@link #KIND} values. */
    public static final String KIND_RACE = "race";
    public static final String KIND_ETHNICITY = "ethnicity";
    /** {@link #GRANULARITY} values: an OMB category or a detailed code. */
    public static final String GRANULARITY_OMB = "omb";
    public static final String GRANULARITY_DETAILED = "detailed";

    private PatientRaceEthnicityColumns() {
    }
}
