package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;

/** A clinician's role at an organization and location ({@code practitioner_role}). */
final class PractitionerRoleTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitionerrole";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .token("specialty", "r.specialty_system", "r.specialty_code")
            .reference("practitioner", "Practitioner", "pr.public_id");

    PractitionerRoleTable() {
        super("PractitionerRole",
                List.of(PROFILE),
                "practitioner_role r LEFT JOIN practitioner pr ON pr.id = r.practitioner_id"
                        + " LEFT JOIN organization o ON o.id = r.organization_id"
                        + " LEFT JOIN location l ON l.id = r.location_id"
                        + " LEFT JOIN endpoint ep ON ep.id = r.endpoint_id",
                "r.*, pr.public_id AS practitioner_public_id, o.public_id AS organization_public_id,"
                        + " l.public_id AS location_public_id, ep.public_id AS endpoint_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        PractitionerRole role = new PractitionerRole();
        role.setId(row.string("public_id"));
        role.getMeta().addProfile(PROFILE);
        if (row.has("identifier_value")) {
            role.addIdentifier().setSystem(row.string("identifier_system")).setValue(row.string("identifier_value"));
        }
        role.setPractitioner(FhirValues.reference("Practitioner", row.string("practitioner_public_id")));
        role.setOrganization(FhirValues.reference("Organization", row.string("organization_public_id")));
        if (row.has("role_code") || row.has("role_text")) {
            role.addCode(FhirValues.concept(row, "role"));
        }
        if (row.has("specialty_code") || row.has("specialty_text")) {
            role.addSpecialty(FhirValues.concept(row, "specialty"));
        }
        if (row.has("location_public_id")) {
            role.addLocation(FhirValues.reference("Location", row.string("location_public_id")));
        }
        role.setTelecom(ContactValues.telecom(row, "phone", null, ContactPoint.ContactPointUse.WORK));
        if (row.has("endpoint_public_id")) {
            role.addEndpoint(FhirValues.reference("Endpoint", row.string("endpoint_public_id")));
        }
        return role;
    }
}
