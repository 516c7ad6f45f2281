package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerTelecomColumns;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

/** A Practitioner into the practice directory ({@code practitioner}, {@code practitioner_identifier}). */
final class PractitionerImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Practitioner";
    }

    @Override
    public String table() {
        return PractitionerColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "active", "name", "telecom", "address", "gender");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Practitioner p = (Practitioner) resource;
        HumanName name = p.getNameFirstRep();
        if (!name.hasFamily()) {
            throw new ImportException("Practitioner/" + p.getIdElement().getIdPart() + " has no family name");
        }
        if (p.getName().size() > 1) {
            context.notMapped("name", "only the first name is kept");
        }
        if (name.getGiven().size() > 1 || name.getPrefix().size() > 1 || name.getSuffix().size() > 1) {
            context.notMapped("name", "one given name, prefix and suffix are kept");
        }
        Map<String, Object> row = context.row(p);
        List<Identifier> others = ContactColumns.putNpi(row, p.getIdentifier());
        putName(row, PractitionerColumns.FAMILY_NAME, name.getFamily());
        putName(row, PractitionerColumns.GIVEN_NAME, name.hasGiven() ? name.getGiven().get(0).getValue() : null);
        putName(row, PractitionerColumns.NAME_PREFIX, name.hasPrefix() ? name.getPrefix().get(0).getValue() : null);
        putName(row, PractitionerColumns.NAME_SUFFIX, name.hasSuffix() ? name.getSuffix().get(0).getValue() : null);
        row.put(PractitionerColumns.ACTIVE, p.hasActive() ? p.getActive() : null);
        row.put(PractitionerColumns.GENDER, p.hasGender() ? p.getGender().toCode() : null);
        List<ContactPoint> otherTelecom = new java.util.ArrayList<>();
        ContactColumns.putTelecom(row, p.getTelecom(), DirectoryContactColumns.PHONE, DirectoryContactColumns.EMAIL,
                DirectoryContactColumns.EMAIL_DIRECT, context, otherTelecom);
        ContactColumns.putAddress(row, p.getAddress(), false, context);
        long id = context.insert(PractitionerColumns.TABLE, row);
        ContactColumns.insertIdentifiers(context, PractitionerIdentifierColumns.TABLE,
                PractitionerIdentifierColumns.PRACTITIONER_ID, id, others);
        ContactColumns.insertTelecom(context, PractitionerTelecomColumns.TABLE,
                PractitionerTelecomColumns.PRACTITIONER_ID, id, otherTelecom);
    }

    private static void putName(Map<String, Object> row, String column, String value) {
        row.put(column, value);
        row.put(column + "_norm", ContactColumns.norm(value));
    }
}
