package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PatientLanguageColumns;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Jose's patient row as the Patient table's query selects it: every column, dates as the JDBC drivers return
     * them ({@code java.sql.Date}).
     */
    private static Map<String, Object> jose() {
        Map<String, Object> row = emptyRow();
        row.put(PatientColumns.ID, 7L);
        row.put(PatientColumns.PUBLIC_ID, "0b6e1c9e-1111-4222-8333-444455556666");
        row.put(PatientColumns.MRN, "100001");
        row.put(PatientColumns.FAMILY_NAME, "Nuñez");
        row.put(PatientColumns.GIVEN_NAME, "José");
        row.put(PatientColumns.MIDDLE_NAME, "Luis");
        row.put(PatientColumns.NAME_PREFIX, "Dr.");
        row.put(PatientColumns.NAME_SUFFIX, "Jr.");
        row.put(PatientColumns.GENDER, "male");
        row.put(PatientColumns.BIRTH_DATE, Date.valueOf("1980-01-01"));
        row.put(PatientColumns.PHONE, "555-010-2030");
        row.put(PatientColumns.EMAIL, "jose.nunez@example.com");
        row.put(PatientColumns.ADDRESS_LINE, "12 Main St");
        row.put(PatientColumns.CITY, "Austin");
        row.put(PatientColumns.STATE, "TX");
        row.put(PatientColumns.POSTAL_CODE, "78701");
        row.put(PatientColumns.LANGUAGE_CODE, "es");
        row.put(PatientColumns.RACE_CODE, "2106-3");
        row.put(PatientColumns.ETHNICITY_CODE, "2135-2");
        row.put(PatientColumns.BIRTH_SEX, "M");
        row.put(PatientColumns.SEX_CODE, "248153007");
        row.put(PatientColumns.GENDER_IDENTITY_CODE, "446151000124109");
        row.put(PatientColumns.NAME_SINCE, Date.valueOf("1980-01-01"));
        row.put(PatientColumns.ADDRESS_SINCE, Date.valueOf("1998-01-01"));
        row.put(PatientColumns.LANGUAGE_PREFERRED, true);
        return row;
    }

    private static Map<String, Object> minimal() {
        Map<String, Object> row = emptyRow();
        row.put(PatientColumns.ID, 8L);
        row.put(PatientColumns.PUBLIC_ID, "id-2");
        row.put(PatientColumns.MRN, "100002");
        row.put(PatientColumns.FAMILY_NAME, "O'Brien");
        row.put(PatientColumns.GIVEN_NAME, "Renée");
        row.put(PatientColumns.GENDER, "female");
        row.put(PatientColumns.BIRTH_DATE, Date.valueOf("1990-01-01"));
        row.put(PatientColumns.DECEASED_DATE, Date.valueOf("2021-06-15"));
        return row;
    }

    /** Every column the Patient table selects, each NULL. */
    private static Map<String, Object> emptyRow() {
        Map<String, Object> row = new HashMap<>();
        for (String column : List.of(PatientColumns.ID, PatientColumns.PUBLIC_ID, PatientColumns.MRN,
                PatientColumns.FAMILY_NAME, PatientColumns.GIVEN_NAME, PatientColumns.MIDDLE_NAME,
                PatientColumns.NAME_PREFIX, PatientColumns.NAME_SUFFIX, PatientColumns.GENDER,
                PatientColumns.BIRTH_DATE, PatientColumns.DECEASED_DATE, PatientColumns.PHONE, PatientColumns.EMAIL,
                PatientColumns.ADDRESS_LINE, PatientColumns.CITY, PatientColumns.STATE, PatientColumns.POSTAL_CODE,
                PatientColumns.LANGUAGE_CODE, PatientColumns.RACE_CODE, PatientColumns.ETHNICITY_CODE,
                PatientColumns.BIRTH_SEX, PatientColumns.SEX_CODE, PatientColumns.GENDER_IDENTITY_CODE,
                PatientColumns.TRIBAL_AFFILIATION_CODE, PatientColumns.NAME_SINCE, PatientColumns.ADDRESS_SINCE,
                PatientColumns.RACE_TEXT, PatientColumns.ETHNICITY_TEXT, PatientColumns.TRIBAL_AFFILIATION_ENROLLED,
                PatientColumns.LANGUAGE_DISPLAY, PatientColumns.LANGUAGE_TEXT, PatientColumns.GENDER_IDENTITY_DISPLAY,
                PatientColumns.GENDER_IDENTITY_TEXT, PatientColumns.TRIBAL_AFFILIATION_DISPLAY,
                PatientColumns.TRIBAL_AFFILIATION_TEXT, PatientColumns.DECEASED, PatientColumns.DECEASED_TEXT,
                PatientColumns.LANGUAGE_PREFERRED, PatientColumns.UPDATED_AT)) {
            row.put(column, null);
        }
        return row;
    }

    /** The Patient of a row without child rows. */
    private static Patient toFhir(Map<String, Object> columns) {
        return PatientMapper.toFhir(new TableRow(columns, Map.of()));
    }

    @Test
    void mapsIdProfileAndMrn() {
        Patient p = toFhir(jose());

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
        Patient p = toFhir(jose());

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
        Patient p = toFhir(jose());

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
        Patient p = toFhir(jose());

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
        Map<String, Object> unknownRace = jose();
        unknownRace.put(PatientColumns.RACE_CODE, "UNK");
        unknownRace.put(PatientColumns.ETHNICITY_CODE, "9999-9");
        Patient p = toFhir(unknownRace);

        Coding race = (Coding) p.getExtensionByUrl(PatientMapper.RACE_EXTENSION).getExtensionByUrl("ombCategory")
                .getValue();
        assertThat(race.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-NullFlavor");
        assertThat(race.getCode()).isEqualTo("UNK");
        // A code outside the OMB categories cannot be sent conformantly: the extension is left out.
        assertThat(p.getExtensionByUrl(PatientMapper.ETHNICITY_EXTENSION)).isNull();
    }

    @Test
    void deceasedDateKeepsDayPrecisionAndEmptyColumnsLeaveElementsOut() {
        Patient p = toFhir(minimal());

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
        Patient p = toFhir(jose());

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
        Map<String, Object> enrolled = jose();
        enrolled.put(PatientColumns.RACE_CODE, "1002-5");
        enrolled.put(PatientColumns.TRIBAL_AFFILIATION_CODE, "187");

        Extension tribal = toFhir(enrolled).getExtensionByUrl(PatientMapper.TRIBAL_AFFILIATION_EXTENSION);

        Coding tribe = ((CodeableConcept) tribal.getExtensionByUrl("tribalAffiliation")
                .getValue()).getCodingFirstRep();
        assertThat(tribe.getSystem()).isEqualTo(PatientMapper.TRIBAL_ENTITY_SYSTEM);
        assertThat(tribe.getCode()).isEqualTo("187");
        assertThat(tribal.getExtensionByUrl("isEnrolled").getValue().primitiveValue()).isEqualTo("true");
    }

    @Test
    void servesTheTimeOfDeathTheDeathFlagAndTheWordingAsRecorded() {
        Map<String, Object> recorded = jose();
        recorded.put(PatientColumns.DECEASED_DATE, Date.valueOf("2020-03-04"));
        recorded.put(PatientColumns.LANGUAGE_CODE, "en-US");
        recorded.put(PatientColumns.GENDER_IDENTITY_CODE, "UNK");
        recorded.put(PatientColumns.TRIBAL_AFFILIATION_CODE, "187");
        recorded.put(PatientColumns.TRIBAL_AFFILIATION_ENROLLED, true);
        recorded.put(PatientColumns.LANGUAGE_DISPLAY, "English (United States)");
        recorded.put(PatientColumns.LANGUAGE_TEXT, "English");
        recorded.put(PatientColumns.GENDER_IDENTITY_DISPLAY, "Unknown");
        recorded.put(PatientColumns.GENDER_IDENTITY_TEXT, "Not known");
        recorded.put(PatientColumns.TRIBAL_AFFILIATION_DISPLAY, "Shoshone tribe");
        recorded.put(PatientColumns.TRIBAL_AFFILIATION_TEXT, "Shoshone");
        recorded.put(PatientColumns.DECEASED_TEXT, "2020-03-04T05:06:07-05:00");
        recorded.put(PatientColumns.LANGUAGE_PREFERRED, null);

        Patient p = toFhir(recorded);

        assertThat(p.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2020-03-04T05:06:07-05:00");
        CodeableConcept language = p.getCommunicationFirstRep().getLanguage();
        assertThat(language.getCodingFirstRep().getDisplay()).isEqualTo("English (United States)");
        assertThat(language.getText()).isEqualTo("English");
        // Recorded without saying whether it is preferred: served without the flag.
        assertThat(p.getCommunicationFirstRep().hasPreferred()).isFalse();
        CodeableConcept identity = (CodeableConcept) p.getExtensionByUrl(PatientMapper.GENDER_IDENTITY_EXTENSION)
                .getValue();
        assertThat(identity.getCodingFirstRep().getDisplay()).isEqualTo("Unknown");
        assertThat(identity.getText()).isEqualTo("Not known");
        CodeableConcept tribe = (CodeableConcept) p.getExtensionByUrl(PatientMapper.TRIBAL_AFFILIATION_EXTENSION)
                .getExtensionByUrl("tribalAffiliation").getValue();
        assertThat(tribe.getCodingFirstRep().getDisplay()).isEqualTo("Shoshone tribe");
        assertThat(tribe.getText()).isEqualTo("Shoshone");

        Map<String, Object> deceasedWithoutDate = minimal();
        deceasedWithoutDate.put(PatientColumns.DECEASED_DATE, null);
        deceasedWithoutDate.put(PatientColumns.DECEASED, true);
        assertThat(toFhir(deceasedWithoutDate).getDeceasedBooleanType().booleanValue()).isTrue();
    }

    @Test
    void servesEveryLanguageRecordedWithWhetherThePatientPrefersIt() {
        Map<String, Object> spanish = new HashMap<>();
        spanish.put("language_code", "es");
        spanish.put("language_display", "Spanish");
        spanish.put("language_text", "Español");
        spanish.put("preferred", false);
        Map<String, Object> asl = new HashMap<>();
        asl.put("language_code", "ase");
        asl.put("language_display", null);
        asl.put("language_text", null);
        asl.put("preferred", null);
        TableRow row = new TableRow(jose(), Map.of(PatientLanguageColumns.TABLE,
                List.of(new TableRow(spanish, Map.of()), new TableRow(asl, Map.of()))));

        Patient p = PatientMapper.toFhir(row);

        assertThat(p.getCommunication()).hasSize(3);
        assertThat(p.getCommunication().get(0).getLanguage().getCodingFirstRep().getCode()).isEqualTo("es");
        assertThat(p.getCommunication().get(0).getPreferred()).isTrue();
        Patient.PatientCommunicationComponent second = p.getCommunication().get(1);
        assertThat(second.getLanguage().getCodingFirstRep().getSystem()).isEqualTo(PatientMapper.LANGUAGE_SYSTEM);
        assertThat(second.getLanguage().getCodingFirstRep().getDisplay()).isEqualTo("Spanish");
        assertThat(second.getLanguage().getText()).isEqualTo("Español");
        assertThat(second.hasPreferred()).isTrue();
        assertThat(second.getPreferred()).isFalse();
        Patient.PatientCommunicationComponent third = p.getCommunication().get(2);
        assertThat(third.getLanguage().getCodingFirstRep().getCode()).isEqualTo("ase");
        assertThat(third.hasPreferred()).isFalse();
    }
}
