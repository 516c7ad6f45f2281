package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.IdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.TelecomColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Contact details and identifiers of the directory tables (organizations, clinicians, locations, contacts): the
 * columns {@code address_line}, {@code address_line2}, {@code city}, {@code state}, {@code postal_code},
 * {@code country}, phone and e-mail columns, and NPI plus identifier child rows.
 */
final class ContactValues {

    static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    static final String DIRECT = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-direct";

    /** Every part of a directory address, as written and normalized: what {@code address} searches (row alias r). */
    static final String[] ADDRESS_SEARCH_COLUMNS = Stream.of(DirectoryContactColumns.ADDRESS_LINE,
                    DirectoryContactColumns.ADDRESS_LINE2, DirectoryContactColumns.CITY, DirectoryContactColumns.STATE,
                    DirectoryContactColumns.POSTAL_CODE, DirectoryContactColumns.COUNTRY)
            .flatMap(c -> Stream.of("r." + c, "r." + c + ColumnGroups.NORM)).toArray(String[]::new);

    private ContactValues() {
    }

    /** The address held in the row's address columns, or null when it has none. */
    static Address address(TableRow row) {
        Address address = new Address();
        if (row.has(DirectoryContactColumns.ADDRESS_LINE)) {
            address.addLine(row.string(DirectoryContactColumns.ADDRESS_LINE));
        }
        if (row.has(DirectoryContactColumns.ADDRESS_LINE2)) {
            address.addLine(row.string(DirectoryContactColumns.ADDRESS_LINE2));
        }
        address.setCity(row.string(DirectoryContactColumns.CITY));
        address.setState(row.string(DirectoryContactColumns.STATE));
        address.setPostalCode(row.string(DirectoryContactColumns.POSTAL_CODE));
        address.setCountry(row.string(DirectoryContactColumns.COUNTRY));
        return address.isEmpty() ? null : address;
    }

    /**
     * The phone number and e-mail address in {@code phoneColumn} and {@code email}, with the given use; the
     * e-mail is marked as a Direct address when the table's {@code email_direct} says so.
     */
    static List<ContactPoint> telecom(TableRow row, String phoneColumn, ContactPoint.ContactPointUse phoneUse,
            ContactPoint.ContactPointUse emailUse) {
        List<ContactPoint> telecom = new ArrayList<>();
        if (row.has(phoneColumn)) {
            telecom.add(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setValue(row.string(phoneColumn)).setUse(phoneUse));
        }
        if (row.hasColumn(DirectoryContactColumns.EMAIL) && row.has(DirectoryContactColumns.EMAIL)) {
            ContactPoint email = new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(row.string(DirectoryContactColumns.EMAIL)).setUse(emailUse);
            if (row.hasColumn(DirectoryContactColumns.EMAIL_DIRECT)
                    && Boolean.TRUE.equals(row.bool(DirectoryContactColumns.EMAIL_DIRECT))) {
                email.addExtension(DIRECT, new BooleanType(true));
            }
            telecom.add(email);
        }
        return telecom;
    }

    /** The further contact points of a row (child rows {@code telecom_system}, {@code _value}, {@code _use}), in order. */
    static List<ContactPoint> otherTelecom(List<TableRow> rows) {
        List<ContactPoint> telecom = new ArrayList<>();
        for (TableRow r : rows) {
            ContactPoint point = new ContactPoint().setValue(r.string(TelecomColumns.TELECOM_VALUE));
            if (r.has(TelecomColumns.TELECOM_SYSTEM)) {
                point.setSystem(ContactPoint.ContactPointSystem.fromCode(r.string(TelecomColumns.TELECOM_SYSTEM)));
            }
            if (r.has(TelecomColumns.TELECOM_USE)) {
                point.setUse(ContactPoint.ContactPointUse.fromCode(r.string(TelecomColumns.TELECOM_USE)));
            }
            telecom.add(point);
        }
        return telecom;
    }

    /** The NPI column as an identifier (when set), then the identifier child rows ({@code identifier_system}, {@code identifier_value}). */
    static List<Identifier> identifiers(TableRow row, List<TableRow> others) {
        List<Identifier> identifiers = new ArrayList<>();
        if (row.has(DirectoryContactColumns.NPI)) {
            identifiers.add(new Identifier().setSystem(NPI_SYSTEM).setValue(row.string(DirectoryContactColumns.NPI)));
        }
        for (TableRow other : others) {
            identifiers.add(new Identifier().setSystem(other.string(IdentifierColumns.IDENTIFIER
                    + ColumnGroups.SYSTEM)).setValue(other.string(IdentifierColumns.IDENTIFIER + ColumnGroups.VALUE)));
        }
        return identifiers;
    }
}
