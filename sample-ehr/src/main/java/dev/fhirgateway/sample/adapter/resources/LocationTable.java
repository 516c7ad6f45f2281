package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Resource;

/** The practice's sites of care ({@code location}). */
final class LocationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-location";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .string("name", "r.name", "r.name_norm")
            .stringInAny("address", "r.address_line", "r.address_line_norm", "r.address_line2",
                    "r.address_line2_norm", "r.city", "r.city_norm", "r.state", "r.state_norm", "r.postal_code",
                    "r.postal_code_norm", "r.country", "r.country_norm")
            .string("address-city", "r.city", "r.city_norm")
            .string("address-state", "r.state", "r.state_norm")
            .string("address-postalcode", "r.postal_code", "r.postal_code_norm");

    LocationTable() {
        super("Location",
                List.of(PROFILE),
                "location r LEFT JOIN organization o ON o.id = r.organization_id",
                "r.*, o.public_id AS organization_public_id, o.name AS organization_name",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Location location = new Location();
        location.setId(row.string("public_id"));
        location.getMeta().addProfile(PROFILE);
        if (row.has("identifier_value")) {
            location.addIdentifier().setSystem(row.string("identifier_system"))
                    .setValue(row.string("identifier_value"));
        }
        if (row.has("status")) {
            location.setStatus(Location.LocationStatus.fromCode(row.string("status")));
        }
        location.setName(row.string("name"));
        if (row.has("type_code") || row.has("type_text")) {
            location.addType(FhirValues.concept(row, "type"));
        }
        location.setTelecom(ContactValues.telecom(row, "phone", null, null));
        location.setAddress(ContactValues.address(row));
        if (row.has("latitude") && row.has("longitude")) {
            location.getPosition().setLatitude(FhirValues.plainDecimal(row.decimal("latitude")))
                    .setLongitude(FhirValues.plainDecimal(row.decimal("longitude")));
        }
        location.setManagingOrganization(FhirValues.reference("Organization", row.string("organization_public_id")));
        if (location.hasManagingOrganization()) {
            location.getManagingOrganization().setDisplay(row.string("organization_name"));
        }
        return location;
    }
}
