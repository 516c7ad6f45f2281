package dev.fhirgateway.sample.fhirimport;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return "location";
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
        row.put("name", l.getName());
        row.put("name_norm", ContactColumns.norm(l.getName()));
        row.put("status", l.hasStatus() ? l.getStatus().toCode() : null);
        if (l.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put("identifier_system", l.hasIdentifier() ? l.getIdentifierFirstRep().getSystem() : null);
        row.put("identifier_value", l.hasIdentifier() ? l.getIdentifierFirstRep().getValue() : null);
        if (l.getType().size() > 1) {
            context.notMapped("type", "only the first type is kept");
        }
        Codes.put(row, "type", l.hasType() ? l.getTypeFirstRep() : null, context, "type");
        ContactColumns.putTelecom(row, l.getTelecom(), "phone", null, context);
        ContactColumns.putAddress(row, l.hasAddress() ? List.of(l.getAddress()) : List.of(), true, context);
        row.put("latitude", l.hasPosition() ? l.getPosition().getLatitude() : null);
        row.put("longitude", l.hasPosition() ? l.getPosition().getLongitude() : null);
        row.put("organization_id", context.internalId(l.getManagingOrganization(), "managingOrganization",
                "Organization"));
        context.insert("location", row);
    }
}
