package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code related_person}: a patient's contacts: relatives, caregivers. Its columns shared with other tables are
 * named in {@link DirectoryContactColumns}. Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class RelatedPersonColumns {

    public static final String TABLE = "related_person";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String ACTIVE = "active";
    /** Coded column group. */
    public static final String RELATIONSHIP = "relationship";
    public static final String NAME_USE = "name_use";
    public static final String FAMILY_NAME = "family_name";
    public static final String GIVEN_NAME = "given_name";
    public static final String MIDDLE_NAME = "middle_name";
    public static final String NAME_PREFIX = "name_prefix";
    public static final String GENDER = "gender";
    public static final String BIRTH_DATE = "birth_date";
    public static final String HOME_PHONE = "home_phone";
    public static final String ADDRESS_USE = "address_use";
    public static final String ADDRESS_SINCE = "address_since";

    private RelatedPersonColumns() {
    }
}
