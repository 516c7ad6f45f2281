package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationTelecomColumns;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;

/** An Organization into the practice directory ({@code organization}, {@code organization_identifier}). */
final class OrganizationImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Organization";
    }

    @Override
    public String table() {
        return OrganizationColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "active", "type", "name", "telecom", "address");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Organization o = (Organization) resource;
        if (!o.hasName()) {
            throw new ImportException("Organization/" + o.getIdElement().getIdPart() + " has no name");
        }
        Map<String, Object> row = context.row(o);
        row.put(OrganizationColumns.NAME, o.getName());
        row.put(OrganizationColumns.NAME + ColumnGroups.NORM, ContactColumns.norm(o.getName()));
        row.put(OrganizationColumns.ACTIVE, !o.hasActive() || o.getActive());
        List<Identifier> others = ContactColumns.putNpi(row, o.getIdentifier());
        if (o.getType().size() > 1) {
            context.notMapped("type", "only the first type is kept");
        }
        Codes.put(row, OrganizationColumns.TYPE, o.hasType() ? o.getTypeFirstRep() : null, context, "type");
        List<ContactPoint> otherTelecom = new java.util.ArrayList<>();
        ContactColumns.putTelecom(row, o.getTelecom(), DirectoryContactColumns.PHONE, DirectoryContactColumns.EMAIL,
                null, context, otherTelecom);
        ContactColumns.putAddress(row, o.getAddress(), true, context);
        long id = context.insert(OrganizationColumns.TABLE, row);
        ContactColumns.insertIdentifiers(context, OrganizationIdentifierColumns.TABLE,
                OrganizationIdentifierColumns.ORGANIZATION_ID, id, others);
        ContactColumns.insertTelecom(context, OrganizationTelecomColumns.TABLE,
                OrganizationTelecomColumns.ORGANIZATION_ID, id, otherTelecom);
    }
}
