package dev.fhirgateway.sample.adapter.schema;

/** Table {@code additional_code}: the further codings of a coded column group, beyond the one kept in the row. */
public final class AdditionalCodeColumns {

    public static final String TABLE = "additional_code";

    public static final String ID = "id";
    public static final String OWNER_TABLE = "owner_table";
    public static final String OWNER_ID = "owner_id";
    public static final String FIELD = "field";
    public static final String CODE_SYSTEM = "code_system";
    public static final String CODE = "code";
    public static final String DISPLAY = "display";

    private AdditionalCodeColumns() {
    }
}
