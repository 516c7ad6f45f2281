package dev.fhirgateway.sample.adapter.schema;

/** Table {@code allergy_reaction}: one row per manifestation of a reaction to an allergy. */
public final class AllergyReactionColumns {

    public static final String TABLE = "allergy_reaction";

    public static final String ID = "id";
    public static final String ALLERGY_ID = "allergy_id";
    /** Coded column group (see {@link AllergyColumns}). */
    public static final String MANIFESTATION = "manifestation";
    public static final String SEVERITY = "severity";

    private AllergyReactionColumns() {
    }
}
