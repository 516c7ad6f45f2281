package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.IdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.TelecomColumns;
import dev.fhirgateway.spi.SearchValue;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.StringType;

/**
 * Contact details and identifiers into the directory tables' columns: one address ({@code address_line},
 * {@code address_line2}, {@code city}, {@code state}, {@code postal_code}, {@code country}), one phone and one
 * e-mail, and the NPI; what does not fit is reported as not mapped.
 */
final class ContactColumns {

    static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    static final String DIRECT = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-direct";

    private ContactColumns() {
    }

    /** The normalized copy of a searchable string (see {@link SearchValue.Text#normalize}), or null. */
    static String norm(String value) {
        return value == null ? null : SearchValue.Text.normalize(value);
    }

    /**
     * Puts the first address into the address columns, with their {@code _norm} copies when {@code searchable};
     * further addresses and lines are reported as not mapped.
     */
    static Address putAddress(Map<String, Object> row, List<Address> addresses, boolean searchable,
            ImportContext context) {
        Address address = addresses.isEmpty() ? null : addresses.get(0);
        if (addresses.size() > 1) {
            context.notMapped("address", "only the first address is kept");
        }
        List<StringType> lines = address == null ? List.of() : address.getLine();
        if (lines.size() > 2) {
            context.notMapped("address.line", "only two address lines are kept");
        }
        put(row, DirectoryContactColumns.ADDRESS_LINE, lines.isEmpty() ? null : lines.get(0).getValue(), searchable);
        put(row, DirectoryContactColumns.ADDRESS_LINE2, lines.size() < 2 ? null : lines.get(1).getValue(), searchable);
        put(row, DirectoryContactColumns.CITY, address == null ? null : address.getCity(), searchable);
        put(row, DirectoryContactColumns.STATE, address == null ? null : address.getState(), searchable);
        put(row, DirectoryContactColumns.POSTAL_CODE, address == null ? null : address.getPostalCode(), searchable);
        put(row, DirectoryContactColumns.COUNTRY, address == null ? null : address.getCountry(), searchable);
        return address;
    }

    /**
     * Puts the first phone number into {@code phoneColumn} and, when {@code emailColumn} is not null, the first
     * e-mail address into it; other contact points are reported as not mapped.
     */
    static void putTelecom(Map<String, Object> row, List<ContactPoint> telecom, String phoneColumn,
            String emailColumn, ImportContext context) {
        putTelecom(row, telecom, phoneColumn, emailColumn, null, context);
    }

    /** As above, and whether the e-mail is a Direct address (the us-core-direct extension) into {@code directColumn}. */
    static void putTelecom(Map<String, Object> row, List<ContactPoint> telecom, String phoneColumn,
            String emailColumn, String directColumn, ImportContext context) {
        putTelecom(row, telecom, phoneColumn, emailColumn, directColumn, context, null);
    }

    /**
     * As above; contact points besides the row's phone and e-mail are added to {@code others} (for the table's
     * telecom rows, see {@link #insertTelecom}) instead of being reported, when {@code others} is not null.
     */
    static void putTelecom(Map<String, Object> row, List<ContactPoint> telecom, String phoneColumn,
            String emailColumn, String directColumn, ImportContext context, List<ContactPoint> others) {
        Boolean direct = null;
        String phone = null;
        String email = null;
        for (ContactPoint point : telecom) {
            if (point.getSystem() == ContactPoint.ContactPointSystem.PHONE && phone == null) {
                phone = point.getValue();
            } else if (point.getSystem() == ContactPoint.ContactPointSystem.EMAIL && emailColumn != null
                    && email == null) {
                email = point.getValue();
                if (directColumn != null && point.hasExtension(DIRECT)) {
                    direct = Boolean.TRUE.equals(((org.hl7.fhir.r4.model.BooleanType) point.getExtensionByUrl(DIRECT)
                            .getValue()).getValue());
                }
            } else if (others != null) {
                others.add(point);
            } else {
                context.notMapped("telecom", "one phone number" + (emailColumn == null ? "" : " and one e-mail")
                        + " are kept");
            }
            boolean kept = directColumn != null && email != null && email.equals(point.getValue());
            if (point.getExtension().stream().anyMatch(x -> !kept || !DIRECT.equals(x.getUrl()))) {
                context.notMapped("telecom.extension", null);
            }
        }
        row.put(phoneColumn, phone);
        if (emailColumn != null) {
            row.put(emailColumn, email);
        }
        if (directColumn != null) {
            row.put(directColumn, direct);
        }
    }

    /**
     * Inserts one {@code telecom_system}, {@code telecom_value}, {@code telecom_use} row per contact point into
     * {@code table}, linked by {@code parentColumn}, in order.
     */
    static void insertTelecom(ImportContext context, String table, String parentColumn, long parentId,
            List<ContactPoint> telecom) {
        for (ContactPoint point : telecom) {
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put(parentColumn, parentId);
            r.put(TelecomColumns.TELECOM_SYSTEM, point.hasSystem() ? point.getSystem().toCode() : null);
            r.put(TelecomColumns.TELECOM_VALUE, point.getValue());
            r.put(TelecomColumns.TELECOM_USE, point.hasUse() ? point.getUse().toCode() : null);
            context.insert(table, r);
        }
    }

    /** Puts the NPI into {@code npi}; returns the other identifiers, for the table's identifier rows. */
    static List<Identifier> putNpi(Map<String, Object> row, List<Identifier> identifiers) {
        Identifier npi = identifiers.stream().filter(i -> NPI_SYSTEM.equals(i.getSystem())).findFirst().orElse(null);
        row.put(DirectoryContactColumns.NPI, npi == null ? null : npi.getValue());
        return identifiers.stream().filter(i -> i != npi && i.hasValue()).toList();
    }

    /** Inserts one {@code identifier_system}, {@code identifier_value} row per identifier into {@code table}, linked by {@code parent}. */
    static void insertIdentifiers(ImportContext context, String table, String parentColumn, long parentId,
            List<Identifier> identifiers) {
        for (Identifier identifier : identifiers) {
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put(parentColumn, parentId);
            r.put(IdentifierColumns.IDENTIFIER + ColumnGroups.SYSTEM, identifier.getSystem());
            r.put(IdentifierColumns.IDENTIFIER + ColumnGroups.VALUE, identifier.getValue());
            context.insert(table, r);
        }
    }

    private static void put(Map<String, Object> row, String column, String value, boolean searchable) {
        row.put(column, value);
        if (searchable) {
            row.put(column + ColumnGroups.NORM, norm(value));
        }
    }
}
