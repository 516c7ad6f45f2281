package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.LocationColumns;
import dev.fhirgateway.sample.adapter.schema.LocationTelecomColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Resource;

/** A Location into the practice's sites of care ({@code location}). */
final class LocationImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Location";
    }

    @Override
    public String table() {
        return LocationColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "status", "name", "type", "telecom", "address", "position", "managingOrganization");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Location l = (Location) resource;
        if (!l.hasName()) {
            throw new ImportException("Location/" + l.getIdElement().getIdPart() + " has no name");
        }
        Map<String, Object> row = context.row(l);
        row.put(LocationColumns.NAME, l.getName());
        row.put(LocationColumns.NAME + ColumnGroups.NORM, ContactColumns.norm(l.getName()));
        row.put(LocationColumns.STATUS, l.hasStatus() ? l.getStatus().toCode() : null);
        if (l.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put(LocationColumns.IDENTIFIER + ColumnGroups.SYSTEM, l.hasIdentifier()
                ? l.getIdentifierFirstRep().getSystem() : null);
        row.put(LocationColumns.IDENTIFIER + ColumnGroups.VALUE, l.hasIdentifier()
                ? l.getIdentifierFirstRep().getValue() : null);
        if (l.getType().size() > 1) {
            context.notMapped("type", "only the first type is kept");
        }
        Codes.put(row, LocationColumns.TYPE, l.hasType() ? l.getTypeFirstRep() : null, context, "type");
        // The site's phone number (with its use) on the row, every other contact point in location_telecom.
        List<ContactPoint> otherTelecom = new ArrayList<>();
        ContactColumns.putTelecom(row, l.getTelecom(), DirectoryContactColumns.PHONE, null, null, context,
                otherTelecom);
        ContactPoint phone = l.getTelecom().stream().filter(t -> !otherTelecom.contains(t)).findFirst().orElse(null);
        row.put(LocationColumns.PHONE_USE, phone != null && phone.hasUse() ? phone.getUse().toCode() : null);
        if (l.getTelecom().stream().anyMatch(t -> t.hasRank() || t.hasPeriod())) {
            context.notMapped("telecom", "the rank and period of a contact point are not kept");
        }
        ContactColumns.putAddress(row, l.hasAddress() ? List.of(l.getAddress()) : List.of(), true, context);
        row.put(LocationColumns.LATITUDE, l.hasPosition() ? l.getPosition().getLatitude() : null);
        row.put(LocationColumns.LONGITUDE, l.hasPosition() ? l.getPosition().getLongitude() : null);
        row.put(LocationColumns.ORGANIZATION_ID, context.internalId(l.getManagingOrganization(), "managingOrganization",
                "Organization"));
        long id = context.insert(LocationColumns.TABLE, row);
        ContactColumns.insertTelecom(context, LocationTelecomColumns.TABLE, LocationTelecomColumns.LOCATION_ID, id,
                otherTelecom);
    }
}
