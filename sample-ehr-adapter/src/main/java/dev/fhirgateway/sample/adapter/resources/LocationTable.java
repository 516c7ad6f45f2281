package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.LocationColumns;
import dev.fhirgateway.sample.adapter.schema.LocationTelecomColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import java.util.List;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Resource;

/** The practice's sites of care ({@code location}, {@code location_telecom}). */
final class LocationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-location";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .string("name", "r." + LocationColumns.NAME, "r." + LocationColumns.NAME + ColumnGroups.NORM)
            .stringInAny("address", ContactValues.ADDRESS_SEARCH_COLUMNS)
            .string("address-city", "r." + DirectoryContactColumns.CITY, "r." + DirectoryContactColumns.CITY
                    + ColumnGroups.NORM)
            .string("address-state", "r." + DirectoryContactColumns.STATE, "r." + DirectoryContactColumns.STATE
                    + ColumnGroups.NORM)
            .string("address-postalcode", "r." + DirectoryContactColumns.POSTAL_CODE, "r."
                    + DirectoryContactColumns.POSTAL_CODE + ColumnGroups.NORM);

    LocationTable() {
        super("Location",
                List.of(PROFILE),
                LocationColumns.TABLE + " r LEFT JOIN " + OrganizationColumns.TABLE + " o ON o."
                        + OrganizationColumns.ID + " = r." + LocationColumns.ORGANIZATION_ID,
                "r.*, o." + OrganizationColumns.PUBLIC_ID + " AS organization_public_id, o." + OrganizationColumns.NAME
                        + " AS organization_name",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("telecom", LocationTelecomColumns.TABLE, LocationTelecomColumns.LOCATION_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Location location = new Location();
        location.setId(row.string(LocationColumns.PUBLIC_ID));
        location.getMeta().addProfile(PROFILE);
        if (row.has(LocationColumns.IDENTIFIER + ColumnGroups.VALUE)) {
            location.addIdentifier().setSystem(row.string(LocationColumns.IDENTIFIER + ColumnGroups.SYSTEM))
                    .setValue(row.string(LocationColumns.IDENTIFIER + ColumnGroups.VALUE));
        }
        if (row.has(LocationColumns.STATUS)) {
            location.setStatus(Location.LocationStatus.fromCode(row.string(LocationColumns.STATUS)));
        }
        location.setName(row.string(LocationColumns.NAME));
        if (row.has(LocationColumns.TYPE + ColumnGroups.CODE) || row.has(LocationColumns.TYPE + ColumnGroups.TEXT)) {
            location.addType(FhirValues.concept(row, LocationColumns.TYPE));
        }
        location.setTelecom(ContactValues.telecom(row, DirectoryContactColumns.PHONE,
                row.has(LocationColumns.PHONE_USE)
                        ? ContactPoint.ContactPointUse.fromCode(row.string(LocationColumns.PHONE_USE)) : null, null));
        location.getTelecom().addAll(ContactValues.otherTelecom(row.children("telecom")));
        location.setAddress(ContactValues.address(row));
        if (row.has(LocationColumns.LATITUDE) && row.has(LocationColumns.LONGITUDE)) {
            location.getPosition().setLatitude(FhirValues.plainDecimal(row.decimal(LocationColumns.LATITUDE)))
                    .setLongitude(FhirValues.plainDecimal(row.decimal(LocationColumns.LONGITUDE)));
        }
        location.setManagingOrganization(FhirValues.reference("Organization", row.string("organization_public_id")));
        if (location.hasManagingOrganization()) {
            location.getManagingOrganization().setDisplay(row.string("organization_name"));
        }
        return location;
    }
}
