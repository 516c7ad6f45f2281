package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class PatientMapperTest {

    private final PatientMapper mapper = new PatientMapper();

    private static PatientRecord jose() {
        return new PatientRecord(7, "0b6e1c9e-1111-4222-8333-444455556666", "100001", "Nuñez", "José", "Luis",
                "Dr.", "Jr.", "male", LocalDate.of(1980, 1, 1), null, "555-010-2030", "jose.nunez@example.com",
                "12 Main St", "Austin", "TX", "78701", "es", "2106-3", "2135-2", "M", "248153007", "446151000124109", null,
                LocalDate.of(1980, 1, 1), LocalDate.of(1998, 1, 1), null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static PatientRecord minimal() {
        return new PatientRecord(8, "id-2", "100002", "O'Brien", "Renée", null, null, null, "female",
                LocalDate.of(1990, 1, 1), LocalDate.of(2021, 6, 15), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void mapsIdProfileAndMrn() {
        Patient p = mapper.toFhir(jose());

        assertThat(p.getIdPart()).isEqualTo("0b6e1c9e-1111-4222-8333-444455556666");
        assertThat(p.getMeta().getProfile()).extracting(t -> t.getValue())
                .containsExactly("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient");
        assertThat(p.getIdentifier()).singleElement().satisfies(id -> {
            assertThat(id.getUse()).isEqualTo(Identifier.IdentifierUse.USUAL);
            assertThat(id.getSystem()).isEqualTo("https://sample-ehr.fhirgateway.dev/mrn");
            assertThat(id.getValue()).isEqualTo("100001");
            assertThat(id.getType().getCoding()).singleElement().satisfies(c -> {
                assertThat(c.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0203");
                assertThat(c.getCode()).isEqualTo("MR");
            });
        });
    }

    @Test
    void mapsNameGenderAndBirthDate() {
        Patient p = mapper.toFhir(jose());

        assertThat(p.getName()).singleElement().satisfies(n -> {
            assertThat(n.getUse()).isEqualTo(HumanName.NameUse.OFFICIAL);
            assertThat(n.getFamily()).isEqualTo("Nuñez");
            assertThat(n.getGiven()).extracting(StringType::getValue).containsExactly("José", "Luis");
            assertThat(n.getPrefixAsSingleString()).isEqualTo("Dr.");
            assertThat(n.getSuffixAsSingleString()).isEqualTo("Jr.");
        });
        assertThat(p.getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1980-01-01");
        assertThat(p.hasDeceased()).isFalse();
    }

    @Test
    void mapsTelecomAddressAndLanguage() {
        Patient p = mapper.toFhir(jose());

        assertThat(p.getTelecom()).extracting(ContactPoint::getSystem, ContactPoint::getValue).containsExactly(
                tuple(ContactPoint.ContactPointSystem.PHONE, "555-010-2030"),
                tuple(ContactPoint.ContactPointSystem.EMAIL, "jose.nunez@example.com"));
        assertThat(p.getAddress()).singleElement().satisfies(a -> {
            assertThat(a.getLine()).extracting(StringType::getValue).containsExactly("12 Main St");
            assertThat(a.getCity()).isEqualTo("Austin");
            assertThat(a.getState()).isEqualTo("TX");
            assertThat(a.getPostalCode()).isEqualTo("78701");
        });
        assertThat(p.getCommunication()).singleElement().satisfies(c -> {
            Coding language = c.getLanguage().getCodingFirstRep();
            assertThat(language.getSystem()).isEqualTo("urn:ietf:bcp:47");
            assertThat(language.getCode()).isEqualTo("es");
            assertThat(language.getDisplay()).isEqualTo("Spanish");
            assertThat(c.getPreferred()).isTrue();
        });
    }

    @Test
    void mapsRaceEthnicityAndBirthSexExtensions() {
        Patient p = mapper.toFhir(jose());

        Extension race = p.getExtensionByUrl("http://hl7.org/fhir/us/core/StructureDefinition/us-core-race");
        assertThat(race.getExtensionByUrl("ombCategory").getValue()).isInstanceOfSatisfying(Coding.class, c -> {
            assertThat(c.getSystem()).isEqualTo("urn:oid:2.16.840.1.113883.6.238");
            assertThat(c.getCode()).isEqualTo("2106-3");
            assertThat(c.getDisplay()).isEqualTo("White");
        });
        assertThat(race.getExtensionByUrl("text").getValue().primitiveValue()).isEqualTo("White");

        Extension ethnicity = p.getExtensionByUrl(
                "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity");
        assertThat(((Coding) ethnicity.getExtensionByUrl("ombCategory").getValue()).getCode()).isEqualTo("2135-2");
        assertThat(ethnicity.getExtensionByUrl("text").getValue().primitiveValue()).isEqualTo("Hispanic or Latino");

        Extension birthSex = p.getExtensionByUrl("http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex");
        assertThat(birthSex.getValue()).isInstanceOfSatisfying(CodeType.class,
                c -> assertThat(c.getValue()).isEqualTo("M"));
    }

    @Test
    void unknownRaceUsesTheNullFlavorSystem() {
        PatientRecord j = jose();
        PatientRecord unknownRace = new PatientRecord(j.id(), j.publicId(), j.mrn(), j.familyName(), j.givenName(),
                j.middleName(), j.namePrefix(), j.nameSuffix(), j.gender(), j.birthDate(), j.deceasedDate(), j.phone(),
                j.email(), j.addressLine(), j.city(), j.state(), j.postalCode(), j.languageCode(), "UNK", "9999-9",
                j.birthSex(), j.sexCode(), j.genderIdentityCode(), j.tribalAffiliationCode(), j.nameSince(),
                j.addressSince(), null, null, null, null, null, null, null, null, null, null, null);
        Patient p = mapper.toFhir(unknownRace);

        Coding race = (Coding) p.getExtensionByUrl(PatientMapper.RACE_EXTENSION).getExtensionByUrl("ombCategory")
                .getValue();
        assertThat(race.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-NullFlavor");
        assertThat(race.getCode()).isEqualTo("UNK");
        // A code outside the OMB categories cannot be sent conformantly: the extension is left out.
        assertThat(p.getExtensionByUrl(PatientMapper.ETHNICITY_EXTENSION)).isNull();
    }

    @Test
    void deceasedDateKeepsDayPrecisionAndEmptyColumnsLeaveElementsOut() {
        Patient p = mapper.toFhir(minimal());

        assertThat(p.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2021-06-15");
        assertThat(p.getDeceasedDateTimeType().getPrecision()).isEqualTo(TemporalPrecisionEnum.DAY);
        assertThat(p.getName()).singleElement().satisfies(n -> {
            assertThat(n.getGiven()).extracting(StringType::getValue).containsExactly("Renée");
            assertThat(n.hasPrefix()).isFalse();
            assertThat(n.hasSuffix()).isFalse();
        });
        assertThat(p.hasTelecom()).isFalse();
        assertThat(p.hasAddress()).isFalse();
        assertThat(p.hasCommunication()).isFalse();
        assertThat(p.getExtension()).isEmpty();
        assertThat(p.getGender()).isEqualTo(AdministrativeGender.FEMALE);
    }

    @Test
    void mapsSexGenderIdentityAndSinceWhenNameAndAddressApply() {
        Patient p = mapper.toFhir(jose());

        assertThat(((CodeType) p.getExtensionByUrl(PatientMapper.SEX_EXTENSION).getValue()).getValue())
                .isEqualTo("248153007");
        Coding identity = ((CodeableConcept) p.getExtensionByUrl(PatientMapper.GENDER_IDENTITY_EXTENSION).getValue())
                .getCodingFirstRep();
        assertThat(identity.getSystem()).isEqualTo(PatientMapper.SNOMED_SYSTEM);
        assertThat(identity.getCode()).isEqualTo("446151000124109");
        assertThat(p.getNameFirstRep().getPeriod().getStartElement().getValueAsString()).isEqualTo("1980-01-01");
        assertThat(p.getAddressFirstRep().getPeriod().getStartElement().getValueAsString()).isEqualTo("1998-01-01");
        assertThat(p.getExtensionByUrl(PatientMapper.TRIBAL_AFFILIATION_EXTENSION)).isNull();
    }

    @Test
    void mapsTribalAffiliationAsAnEnrolledTribe() {
        PatientRecord j = jose();
        PatientRecord enrolled = new PatientRecord(j.id(), j.publicId(), j.mrn(), j.familyName(), j.givenName(),
                j.middleName(), j.namePrefix(), j.nameSuffix(), j.gender(), j.birthDate(), j.deceasedDate(), j.phone(),
                j.email(), j.addressLine(), j.city(), j.state(), j.postalCode(), j.languageCode(), "1002-5",
                j.ethnicityCode(), j.birthSex(), j.sexCode(), j.genderIdentityCode(), "187", j.nameSince(),
                j.addressSince(), null, null, null, null, null, null, null, null, null, null, null);

        Extension tribal = mapper.toFhir(enrolled).getExtensionByUrl(PatientMapper.TRIBAL_AFFILIATION_EXTENSION);

        Coding tribe = ((CodeableConcept) tribal.getExtensionByUrl("tribalAffiliation")
                .getValue()).getCodingFirstRep();
        assertThat(tribe.getSystem()).isEqualTo(PatientMapper.TRIBAL_ENTITY_SYSTEM);
        assertThat(tribe.getCode()).isEqualTo("187");
        assertThat(tribal.getExtensionByUrl("isEnrolled").getValue().primitiveValue()).isEqualTo("true");
    }

    @Test
    void servesTheTimeOfDeathTheDeathFlagAndTheWordingAsRecorded() {
        PatientRecord j = jose();
        PatientRecord recorded = new PatientRecord(j.id(), j.publicId(), j.mrn(), j.familyName(), j.givenName(),
                j.middleName(), j.namePrefix(), j.nameSuffix(), j.gender(), j.birthDate(), LocalDate.of(2020, 3, 4),
                j.phone(), j.email(), j.addressLine(), j.city(), j.state(), j.postalCode(), "en-US", j.raceCode(),
                j.ethnicityCode(), j.birthSex(), j.sexCode(), "UNK", "187", j.nameSince(), j.addressSince(), null,
                null, true, "English (United States)", "English", "Unknown", "Not known", "Shoshone tribe",
                "Shoshone", null, "2020-03-04T05:06:07-05:00");

        Patient p = mapper.toFhir(recorded);

        assertThat(p.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2020-03-04T05:06:07-05:00");
        CodeableConcept language = p.getCommunicationFirstRep().getLanguage();
        assertThat(language.getCodingFirstRep().getDisplay()).isEqualTo("English (United States)");
        assertThat(language.getText()).isEqualTo("English");
        CodeableConcept identity = (CodeableConcept) p.getExtensionByUrl(PatientMapper.GENDER_IDENTITY_EXTENSION)
                .getValue();
        assertThat(identity.getCodingFirstRep().getDisplay()).isEqualTo("Unknown");
        assertThat(identity.getText()).isEqualTo("Not known");
        CodeableConcept tribe = (CodeableConcept) p.getExtensionByUrl(PatientMapper.TRIBAL_AFFILIATION_EXTENSION)
                .getExtensionByUrl("tribalAffiliation").getValue();
        assertThat(tribe.getCodingFirstRep().getDisplay()).isEqualTo("Shoshone tribe");
        assertThat(tribe.getText()).isEqualTo("Shoshone");

        PatientRecord m = minimal();
        PatientRecord deceasedWithoutDate = new PatientRecord(m.id(), m.publicId(), m.mrn(), m.familyName(),
                m.givenName(), null, null, null, m.gender(), m.birthDate(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, true, null);
        assertThat(mapper.toFhir(deceasedWithoutDate).getDeceasedBooleanType().booleanValue()).isTrue();
    }
}
