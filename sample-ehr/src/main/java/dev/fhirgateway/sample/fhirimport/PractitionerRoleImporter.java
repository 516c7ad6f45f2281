package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerRoleColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerRoleTelecomColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A PractitionerRole into the directory ({@code practitioner_role}). An Endpoint contained in the role becomes
 * an endpoint row of its own, with the id {@code <role id>-<contained id>}.
 */
final class PractitionerRoleImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "PractitionerRole";
    }

    @Override
    public String table() {
        return PractitionerRoleColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "practitioner", "organization", "code", "specialty", "location", "telecom",
                "endpoint", "contained");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        PractitionerRole r = (PractitionerRole) resource;
        Map<String, Object> row = context.row(r);
        if (r.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put(PractitionerRoleColumns.IDENTIFIER + ColumnGroups.SYSTEM, r.hasIdentifier()
                ? r.getIdentifierFirstRep().getSystem() : null);
        row.put(PractitionerRoleColumns.IDENTIFIER + ColumnGroups.VALUE, r.hasIdentifier()
                ? r.getIdentifierFirstRep().getValue() : null);
        row.put(PractitionerRoleColumns.PRACTITIONER_ID,
                context.internalId(r.getPractitioner(), "practitioner", "Practitioner"));
        row.put(PractitionerRoleColumns.ORGANIZATION_ID,
                context.internalId(r.getOrganization(), "organization", "Organization"));
        if (r.getLocation().size() > 1) {
            context.notMapped("location", "only the first location is kept");
        }
        row.put(PractitionerRoleColumns.LOCATION_ID, r.hasLocation()
                ? context.internalId(r.getLocationFirstRep(), "location", "Location") : null);
        if (r.getCode().size() > 1 || r.getSpecialty().size() > 1) {
            context.notMapped("code", "one role code and one specialty are kept");
        }
        Codes.put(row, PractitionerRoleColumns.ROLE, r.hasCode() ? r.getCodeFirstRep() : null, context, "code");
        Codes.put(row, PractitionerRoleColumns.SPECIALTY, r.hasSpecialty() ? r.getSpecialtyFirstRep() : null, context,
                "specialty");
        List<ContactPoint> otherTelecom = new ArrayList<>();
        ContactColumns.putTelecom(row, r.getTelecom(), DirectoryContactColumns.PHONE, DirectoryContactColumns.EMAIL,
                DirectoryContactColumns.EMAIL_DIRECT, context, otherTelecom);
        if (r.getEndpoint().size() > 1) {
            context.notMapped("endpoint", "only the first endpoint is kept");
        }
        row.put(PractitionerRoleColumns.ENDPOINT_ID, r.hasEndpoint() ? endpoint(context, r, r.getEndpointFirstRep())
                : null);
        long id = context.insert(PractitionerRoleColumns.TABLE, row);
        ContactColumns.insertTelecom(context, PractitionerRoleTelecomColumns.TABLE,
                PractitionerRoleTelecomColumns.PRACTITIONER_ROLE_ID, id, otherTelecom);
    }

    private static Long endpoint(ImportContext context, PractitionerRole role, Reference reference) {
        String ref = reference.getReference();
        if (ref != null && ref.startsWith("#")) {
            for (Resource contained : role.getContained()) {
                if (contained instanceof Endpoint e && ref.substring(1).equals(contained.getIdElement().getIdPart())) {
                    return EndpointImporter.insert(context, e,
                            role.getIdElement().getIdPart() + "-" + ref.substring(1));
                }
            }
            context.notMapped("endpoint", "refers to " + ref + ", which the role does not contain");
            return null;
        }
        return context.internalId(reference, "endpoint", "Endpoint");
    }
}
