package dev.fhirgateway.sample.adapter.schema;

/**
 * The address and contact columns of the directory tables ({@code organization}, {@code practitioner}, {@code
 * location}, {@code practitioner_role}, {@code related_person}), each table having the ones it needs: one address, one
 * phone, one e-mail (with whether it is a Direct address) and the NPI. A searchable column has a normalized copy
 * (suffix {@link ColumnGroups#NORM}).
 */
public final class DirectoryContactColumns {

    public static final String ADDRESS_LINE = "address_line";
    public static final String ADDRESS_LINE2 = "address_line2";
    public static final String CITY = "city";
    public static final String STATE = "state";
    public static final String POSTAL_CODE = "postal_code";
    public static final String COUNTRY = "country";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String EMAIL_DIRECT = "email_direct";
    public static final String NPI = "npi";

    private DirectoryContactColumns() {
    }
}
