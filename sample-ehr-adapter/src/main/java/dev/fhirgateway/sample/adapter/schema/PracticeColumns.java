package dev.fhirgateway.sample.adapter.schema;

/** Table {@code practice}: the practices; every clinical and directory row belongs to one (its {@code practice_id}). */
public final class PracticeColumns {

    public static final String TABLE = "practice";

    public static final String ID = "id";
    public static final String PIN = "pin";
    public static final String NAME = "name";

    private PracticeColumns() {
    }
}
