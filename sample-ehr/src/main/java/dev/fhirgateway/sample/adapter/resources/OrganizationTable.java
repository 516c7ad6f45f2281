package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;

/** The practice directory's organizations ({@code organization}, {@code organization_identifier}). */
final class OrganizationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .string("name", "r.name", "r.name_norm")
            .stringInAny("address", "r.address_line", "r.address_line_norm", "r.address_line2",
                    "r.address_line2_norm", "r.city", "r.city_norm", "r.state", "r.state_norm", "r.postal_code",
                    "r.postal_code_norm", "r.country", "r.country_norm");

    OrganizationTable() {
        super("Organization",
                List.of(PROFILE),
                "organization r",
                "r.*",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("identifiers", "organization_identifier", "organization_id"),
                new ChildTable("telecom", "organization_telecom", "organization_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Organization organization = new Organization();
        organization.setId(row.string("public_id"));
        organization.getMeta().addProfile(PROFILE);
        organization.setIdentifier(ContactValues.identifiers(row, row.children("identifiers")));
        organization.setActive(row.bool("active"));
        if (row.has("type_code") || row.has("type_text")) {
            organization.addType(FhirValues.concept(row, "type"));
        }
        organization.setName(row.string("name"));
        organization.setTelecom(ContactValues.telecom(row, "phone", null, null));
        organization.getTelecom().addAll(ContactValues.otherTelecom(row.children("telecom")));
        if (ContactValues.address(row) != null) {
            organization.addAddress(ContactValues.address(row));
        }
        return organization;
    }
}
