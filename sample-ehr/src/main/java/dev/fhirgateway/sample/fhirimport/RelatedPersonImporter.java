package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.RelatedPersonColumns;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/** A RelatedPerson into the patient's contacts ({@code related_person}). */
final class RelatedPersonImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "RelatedPerson";
    }

    @Override
    public String table() {
        return RelatedPersonColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("active", "patient", "relationship", "name", "telecom", "gender", "birthDate", "address");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        RelatedPerson r = (RelatedPerson) resource;
        Long patient = context.internalId(r.getPatient(), "patient", "Patient");
        if (patient == null) {
            throw new ImportException("RelatedPerson/" + r.getIdElement().getIdPart()
                    + " refers to a patient the EHR does not hold");
        }
        Map<String, Object> row = context.row(r);
        row.put(RelatedPersonColumns.PATIENT_ID, patient);
        row.put(RelatedPersonColumns.ACTIVE, !r.hasActive() || r.getActive());
        if (r.getRelationship().size() > 1) {
            context.notMapped("relationship", "only the first relationship is kept");
        }
        Coding relationship = r.hasRelationship() ? r.getRelationshipFirstRep().getCodingFirstRep() : new Coding();
        row.put(RelatedPersonColumns.RELATIONSHIP + ColumnGroups.SYSTEM, relationship.getSystem());
        row.put(RelatedPersonColumns.RELATIONSHIP + ColumnGroups.CODE, relationship.getCode());
        row.put(RelatedPersonColumns.RELATIONSHIP + ColumnGroups.DISPLAY, relationship.getDisplay());
        HumanName name = r.hasName() ? r.getNameFirstRep() : new HumanName();
        if (r.getName().size() > 1 || name.getGiven().size() > 2 || name.getPrefix().size() > 1 || name.hasSuffix()) {
            context.notMapped("name", "one name with two given names and a prefix is kept");
        }
        row.put(RelatedPersonColumns.NAME_USE, name.hasUse() ? name.getUse().toCode() : null);
        putName(row, RelatedPersonColumns.FAMILY_NAME, name.getFamily());
        putName(row, RelatedPersonColumns.GIVEN_NAME, name.getGiven().isEmpty() ? null
                : name.getGiven().get(0).getValue());
        putName(row, RelatedPersonColumns.MIDDLE_NAME, name.getGiven().size() < 2 ? null
                : name.getGiven().get(1).getValue());
        putName(row, RelatedPersonColumns.NAME_PREFIX, name.hasPrefix() ? name.getPrefix().get(0).getValue() : null);
        ContactColumns.putTelecom(row, r.getTelecom(), RelatedPersonColumns.HOME_PHONE, DirectoryContactColumns.EMAIL,
                context);
        row.put(RelatedPersonColumns.GENDER, r.hasGender() ? r.getGender().toCode() : null);
        row.put(RelatedPersonColumns.BIRTH_DATE, fullDate(context, "birthDate", r.hasBirthDate()
                ? r.getBirthDateElement().getValueAsString() : null));
        Address address = ContactColumns.putAddress(row, r.getAddress(), false, context);
        row.put(RelatedPersonColumns.ADDRESS_USE, address != null && address.hasUse() ? address.getUse().toCode()
                : null);
        row.put(RelatedPersonColumns.ADDRESS_SINCE,
                fullDate(context, "address.period", address != null && address.getPeriod().hasStart()
                ? address.getPeriod().getStartElement().getValueAsString() : null));
        if (address != null && address.hasExtension()) {
            context.notMapped("address.extension", null);
        }
        context.insert(RelatedPersonColumns.TABLE, row);
    }

    private static void putName(Map<String, Object> row, String column, String value) {
        row.put(column, value);
        row.put(column + "_norm", ContactColumns.norm(value));
    }

    /** The day of a date or date-time; the EHR keeps full dates only, so a year or month alone is not kept. */
    private static java.time.LocalDate fullDate(ImportContext context, String element, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() < 10) {
            context.notMapped(element, "only full dates are kept");
            return null;
        }
        return java.time.LocalDate.parse(value.substring(0, 10));
    }
}
