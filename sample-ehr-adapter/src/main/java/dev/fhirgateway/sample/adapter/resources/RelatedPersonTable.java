package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.RelatedPersonColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/** The patient's family members, caregivers and other contacts ({@code related_person}). */
final class RelatedPersonTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-relatedperson";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .stringInAny("name", "r." + RelatedPersonColumns.FAMILY_NAME, "r." + RelatedPersonColumns.FAMILY_NAME
                    + ColumnGroups.NORM, "r." + RelatedPersonColumns.GIVEN_NAME, "r." + RelatedPersonColumns.GIVEN_NAME
                    + ColumnGroups.NORM,
                    "r." + RelatedPersonColumns.MIDDLE_NAME, "r." + RelatedPersonColumns.MIDDLE_NAME
                            + ColumnGroups.NORM, "r." + RelatedPersonColumns.NAME_PREFIX, "r."
                            + RelatedPersonColumns.NAME_PREFIX + ColumnGroups.NORM);

    RelatedPersonTable() {
        super("RelatedPerson",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(RelatedPersonColumns.TABLE, RelatedPersonColumns.PATIENT_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID,
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        RelatedPerson person = new RelatedPerson();
        person.setId(row.string(RelatedPersonColumns.PUBLIC_ID));
        person.getMeta().addProfile(PROFILE);
        person.setActive(row.bool(RelatedPersonColumns.ACTIVE));
        person.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has(RelatedPersonColumns.RELATIONSHIP + ColumnGroups.CODE)) {
            person.addRelationship(FhirValues.concept(row.string(RelatedPersonColumns.RELATIONSHIP
                    + ColumnGroups.SYSTEM),
                    row.string(RelatedPersonColumns.RELATIONSHIP + ColumnGroups.CODE),
                    row.string(RelatedPersonColumns.RELATIONSHIP + ColumnGroups.DISPLAY), null));
        }
        if (row.has(RelatedPersonColumns.FAMILY_NAME) || row.has(RelatedPersonColumns.GIVEN_NAME)) {
            HumanName name = person.addName().setFamily(row.string(RelatedPersonColumns.FAMILY_NAME));
            if (row.has(RelatedPersonColumns.NAME_USE)) {
                name.setUse(HumanName.NameUse.fromCode(row.string(RelatedPersonColumns.NAME_USE)));
            }
            if (row.has(RelatedPersonColumns.GIVEN_NAME)) {
                name.addGiven(row.string(RelatedPersonColumns.GIVEN_NAME));
            }
            if (row.has(RelatedPersonColumns.MIDDLE_NAME)) {
                name.addGiven(row.string(RelatedPersonColumns.MIDDLE_NAME));
            }
            if (row.has(RelatedPersonColumns.NAME_PREFIX)) {
                name.addPrefix(row.string(RelatedPersonColumns.NAME_PREFIX));
            }
        }
        person.setTelecom(ContactValues.telecom(row, RelatedPersonColumns.HOME_PHONE, ContactPoint.ContactPointUse.HOME,
                ContactPoint.ContactPointUse.HOME));
        if (row.has(RelatedPersonColumns.GENDER)) {
            person.setGender(Enumerations.AdministrativeGender.fromCode(row.string(RelatedPersonColumns.GENDER)));
        }
        if (row.has(RelatedPersonColumns.BIRTH_DATE)) {
            person.setBirthDateElement(new DateType(row.string(RelatedPersonColumns.BIRTH_DATE)));
        }
        Address address = ContactValues.address(row);
        if (address != null) {
            if (row.has(RelatedPersonColumns.ADDRESS_USE)) {
                address.setUse(Address.AddressUse.fromCode(row.string(RelatedPersonColumns.ADDRESS_USE)));
            }
            if (row.has(RelatedPersonColumns.ADDRESS_SINCE)) {
                address.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(
                        row.string(RelatedPersonColumns.ADDRESS_SINCE)));
            }
            person.addAddress(address);
        }
        return person;
    }
}
