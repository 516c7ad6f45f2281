package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationTelecomColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;

/** The practice directory's organizations ({@code organization}, {@code organization_identifier}). */
final class OrganizationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .string("name", "r." + OrganizationColumns.NAME, "r." + OrganizationColumns.NAME + ColumnGroups.NORM)
            .stringInAny("address", ContactValues.ADDRESS_SEARCH_COLUMNS);

    OrganizationTable() {
        super("Organization",
                List.of(PROFILE),
                OrganizationColumns.TABLE + " r",
                "r.*",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("identifiers", OrganizationIdentifierColumns.TABLE,
                OrganizationIdentifierColumns.ORGANIZATION_ID),
                new ChildTable("telecom", OrganizationTelecomColumns.TABLE,
                OrganizationTelecomColumns.ORGANIZATION_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Organization organization = new Organization();
        organization.setId(row.string(OrganizationColumns.PUBLIC_ID));
        organization.getMeta().addProfile(PROFILE);
        organization.setIdentifier(ContactValues.identifiers(row, row.children("identifiers")));
        organization.setActive(row.bool(OrganizationColumns.ACTIVE));
        if (row.has(OrganizationColumns.TYPE + ColumnGroups.CODE) || row.has(OrganizationColumns.TYPE
                + ColumnGroups.TEXT)) {
            organization.addType(FhirValues.concept(row, OrganizationColumns.TYPE));
        }
        organization.setName(row.string(OrganizationColumns.NAME));
        organization.setTelecom(ContactValues.telecom(row, DirectoryContactColumns.PHONE, null, null));
        organization.getTelecom().addAll(ContactValues.otherTelecom(row.children("telecom")));
        if (ContactValues.address(row) != null) {
            organization.addAddress(ContactValues.address(row));
        }
        return organization;
    }
}
