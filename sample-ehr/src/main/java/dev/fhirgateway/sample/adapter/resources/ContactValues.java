package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.TableRow;
import java.util.ArrayList;
import java.util.List;
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

    private ContactValues() {
    }

    /** The address held in the row's address columns, or null when it has none. */
    static Address address(TableRow row) {
        Address address = new Address();
        if (row.has("address_line")) {
            address.addLine(row.string("address_line"));
        }
        if (row.has("address_line2")) {
            address.addLine(row.string("address_line2"));
        }
        address.setCity(row.string("city"));
        address.setState(row.string("state"));
        address.setPostalCode(row.string("postal_code"));
        address.setCountry(row.string("country"));
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
        if (row.hasColumn("email") && row.has("email")) {
            ContactPoint email = new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(row.string("email")).setUse(emailUse);
            if (row.hasColumn("email_direct") && Boolean.TRUE.equals(row.bool("email_direct"))) {
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
            ContactPoint point = new ContactPoint().setValue(r.string("telecom_value"));
            if (r.has("telecom_system")) {
                point.setSystem(ContactPoint.ContactPointSystem.fromCode(r.string("telecom_system")));
            }
            if (r.has("telecom_use")) {
                point.setUse(ContactPoint.ContactPointUse.fromCode(r.string("telecom_use")));
            }
            telecom.add(point);
        }
        return telecom;
    }

    /** The NPI column as an identifier (when set), then the identifier child rows ({@code identifier_system}, {@code identifier_value}). */
    static List<Identifier> identifiers(TableRow row, List<TableRow> others) {
        List<Identifier> identifiers = new ArrayList<>();
        if (row.has("npi")) {
            identifiers.add(new Identifier().setSystem(NPI_SYSTEM).setValue(row.string("npi")));
        }
        for (TableRow other : others) {
            identifiers.add(new Identifier().setSystem(other.string("identifier_system")).setValue(other.string("identifier_value")));
        }
        return identifiers;
    }
}
