package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
            .reference("patient", "Patient", "p.public_id")
            .stringInAny("name", "r.family_name", "r.family_name_norm", "r.given_name", "r.given_name_norm",
                    "r.middle_name", "r.middle_name_norm", "r.name_prefix", "r.name_prefix_norm");

    RelatedPersonTable() {
        super("RelatedPerson",
                List.of(PROFILE),
                "related_person r JOIN patient p ON p.id = r.patient_id",
                "r.*, p.public_id AS patient_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        RelatedPerson person = new RelatedPerson();
        person.setId(row.string("public_id"));
        person.getMeta().addProfile(PROFILE);
        person.setActive(row.bool("active"));
        person.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has("relationship_code")) {
            person.addRelationship(FhirValues.concept(row.string("relationship_system"),
                    row.string("relationship_code"), row.string("relationship_display"), null));
        }
        if (row.has("family_name") || row.has("given_name")) {
            HumanName name = person.addName().setFamily(row.string("family_name"));
            if (row.has("name_use")) {
                name.setUse(HumanName.NameUse.fromCode(row.string("name_use")));
            }
            if (row.has("given_name")) {
                name.addGiven(row.string("given_name"));
            }
            if (row.has("middle_name")) {
                name.addGiven(row.string("middle_name"));
            }
            if (row.has("name_prefix")) {
                name.addPrefix(row.string("name_prefix"));
            }
        }
        person.setTelecom(ContactValues.telecom(row, "home_phone", ContactPoint.ContactPointUse.HOME,
                ContactPoint.ContactPointUse.HOME));
        if (row.has("gender")) {
            person.setGender(Enumerations.AdministrativeGender.fromCode(row.string("gender")));
        }
        if (row.has("birth_date")) {
            person.setBirthDateElement(new DateType(row.string("birth_date")));
        }
        Address address = ContactValues.address(row);
        if (address != null) {
            if (row.has("address_use")) {
                address.setUse(Address.AddressUse.fromCode(row.string("address_use")));
            }
            if (row.has("address_since")) {
                address.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(
                        row.string("address_since")));
            }
            person.addAddress(address);
        }
        return person;
    }
}
