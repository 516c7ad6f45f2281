package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.EndpointColumns;
import dev.fhirgateway.sample.adapter.schema.LocationColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerRoleColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerRoleTelecomColumns;
import java.util.List;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;

/** A clinician's role at an organization and location ({@code practitioner_role}, {@code practitioner_role_telecom}). */
final class PractitionerRoleTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitionerrole";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .token("specialty", "r." + PractitionerRoleColumns.SPECIALTY + ColumnGroups.SYSTEM, "r."
                    + PractitionerRoleColumns.SPECIALTY + ColumnGroups.CODE)
            .reference("practitioner", "Practitioner", "pr." + PractitionerColumns.PUBLIC_ID);

    PractitionerRoleTable() {
        super("PractitionerRole",
                List.of(PROFILE),
                PractitionerRoleColumns.TABLE + " r LEFT JOIN " + PractitionerColumns.TABLE + " pr ON pr."
                        + PractitionerColumns.ID + " = r." + PractitionerRoleColumns.PRACTITIONER_ID
                        + ReferenceJoins.leftJoin(OrganizationColumns.TABLE, "o",
                                PractitionerRoleColumns.ORGANIZATION_ID)
                        + ReferenceJoins.leftJoin(LocationColumns.TABLE, "l", PractitionerRoleColumns.LOCATION_ID)
                        + ReferenceJoins.leftJoin(EndpointColumns.TABLE, "ep", PractitionerRoleColumns.ENDPOINT_ID),
                "r.*, pr." + PractitionerColumns.PUBLIC_ID + " AS practitioner_public_id, o."
                        + OrganizationColumns.PUBLIC_ID + " AS organization_public_id,"
                        + " l." + LocationColumns.PUBLIC_ID + " AS location_public_id, ep." + EndpointColumns.PUBLIC_ID
                        + " AS endpoint_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("telecom", PractitionerRoleTelecomColumns.TABLE,
                PractitionerRoleTelecomColumns.PRACTITIONER_ROLE_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        PractitionerRole role = new PractitionerRole();
        role.setId(row.string(PractitionerRoleColumns.PUBLIC_ID));
        role.getMeta().addProfile(PROFILE);
        if (row.has(PractitionerRoleColumns.IDENTIFIER + ColumnGroups.VALUE)) {
            role.addIdentifier().setSystem(row.string(PractitionerRoleColumns.IDENTIFIER
                    + ColumnGroups.SYSTEM)).setValue(row.string(PractitionerRoleColumns.IDENTIFIER
                    + ColumnGroups.VALUE));
        }
        role.setPractitioner(FhirValues.reference("Practitioner", row.string("practitioner_public_id")));
        role.setOrganization(FhirValues.reference("Organization", row.string("organization_public_id")));
        if (row.has(PractitionerRoleColumns.ROLE + ColumnGroups.CODE) || row.has(PractitionerRoleColumns.ROLE
                + ColumnGroups.TEXT)) {
            role.addCode(FhirValues.concept(row, PractitionerRoleColumns.ROLE));
        }
        if (row.has(PractitionerRoleColumns.SPECIALTY + ColumnGroups.CODE) || row.has(PractitionerRoleColumns.SPECIALTY
                + ColumnGroups.TEXT)) {
            role.addSpecialty(FhirValues.concept(row, PractitionerRoleColumns.SPECIALTY));
        }
        if (row.has("location_public_id")) {
            role.addLocation(FhirValues.reference("Location", row.string("location_public_id")));
        }
        role.setTelecom(ContactValues.telecom(row, DirectoryContactColumns.PHONE, null,
                ContactPoint.ContactPointUse.WORK));
        role.getTelecom().addAll(ContactValues.otherTelecom(row.children("telecom")));
        if (row.has("endpoint_public_id")) {
            role.addEndpoint(FhirValues.reference("Endpoint", row.string("endpoint_public_id")));
        }
        return role;
    }
}
