package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code practitioner}: the directory of clinicians. Its columns shared with other tables are named in {@link
 * DirectoryContactColumns}.
 */
public final class PractitionerColumns {

    public static final String TABLE = "practitioner";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String FAMILY_NAME = "family_name";
    public static final String GIVEN_NAME = "given_name";
    public static final String NAME_PREFIX = "name_prefix";
    public static final String NAME_SUFFIX = "name_suffix";
    public static final String ACTIVE = "active";
    public static final String GENDER = "gender";

    private PractitionerColumns() {
    }
}
