package dev.fhirgateway.sample.adapter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.StringType;

/** Maps a row of the EHR's {@code patient} table to a US Core 6.1.0 {@code us-core-patient}. */
final class PatientMapper {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
    /** The identifier system of this EHR's medical record numbers. */
    static final String MRN_SYSTEM = "https://sample-ehr.fhirgateway.dev/mrn";
    static final String GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender";

    static final String RACE_EXTENSION = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    static final String ETHNICITY_EXTENSION = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
    static final String BIRTH_SEX_EXTENSION = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    static final String SEX_EXTENSION = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";
    static final String GENDER_IDENTITY_EXTENSION = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-genderIdentity";
    static final String TRIBAL_AFFILIATION_EXTENSION =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-tribal-affiliation";
    static final String SNOMED_SYSTEM = "http://snomed.info/sct";
    static final String TRIBAL_ENTITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-TribalEntityUS";
    static final String OMB_SYSTEM = "urn:oid:2.16.840.1.113883.6.238";
    static final String NULL_FLAVOR_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
    static final String LANGUAGE_SYSTEM = "urn:ietf:bcp:47";
    private static final String IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

    /** OMB race categories, plus the null flavors the US Core value set allows. */
    private static final Map<String, String> RACE_DISPLAYS = Map.of(
            "1002-5", "American Indian or Alaska Native",
            "2028-9", "Asian",
            "2054-5", "Black or African American",
            "2076-8", "Native Hawaiian or Other Pacific Islander",
            "2106-3", "White",
            "UNK", "Unknown",
            "ASKU", "Asked but no answer");
    /** OMB ethnicity categories, plus the null flavors the US Core value set allows. */
    private static final Map<String, String> ETHNICITY_DISPLAYS = Map.of(
            "2135-2", "Hispanic or Latino",
            "2186-5", "Not Hispanic or Latino",
            "UNK", "Unknown",
            "ASKU", "Asked but no answer");

    /** The Patient for a row without child rows; optional columns that are empty leave their element out. */
    Patient toFhir(PatientRecord row) {
        return toFhir(row, PatientDetails.NONE);
    }

    /** The Patient for a row and its child rows (every race, ethnicity and identifier recorded). */
    Patient toFhir(PatientRecord row, PatientDetails details) {
        Patient patient = new Patient();
        patient.setId(row.publicId());
        patient.getMeta().addProfile(PROFILE);

        if (!addRecordedExtension(patient, RACE_EXTENSION, "race", row.raceText(), details)) {
            addOmbExtension(patient, RACE_EXTENSION, row.raceCode(), RACE_DISPLAYS);
        }
        if (!addRecordedExtension(patient, ETHNICITY_EXTENSION, "ethnicity", row.ethnicityText(), details)) {
            addOmbExtension(patient, ETHNICITY_EXTENSION, row.ethnicityCode(), ETHNICITY_DISPLAYS);
        }
        if (row.birthSex() != null) {
            patient.addExtension(new Extension(BIRTH_SEX_EXTENSION, new CodeType(row.birthSex())));
        }
        if (row.sexCode() != null) {
            patient.addExtension(new Extension(SEX_EXTENSION, new CodeType(row.sexCode())));
        }
        if (row.genderIdentityCode() != null) {
            String system = row.genderIdentityCode().matches("\\d+") ? SNOMED_SYSTEM : NULL_FLAVOR_SYSTEM;
            patient.addExtension(new Extension(GENDER_IDENTITY_EXTENSION, new CodeableConcept()
                    .addCoding(new Coding(system, row.genderIdentityCode(), row.genderIdentityDisplay()))
                    .setText(row.genderIdentityText())));
        }
        if (row.tribalAffiliationCode() != null) {
            Extension tribal = new Extension(TRIBAL_AFFILIATION_EXTENSION);
            tribal.addExtension(new Extension("tribalAffiliation", new CodeableConcept()
                    .addCoding(new Coding(TRIBAL_ENTITY_SYSTEM, row.tribalAffiliationCode(),
                            row.tribalAffiliationDisplay()))
                    .setText(row.tribalAffiliationText())));
            // As recorded; the demo patients' tribes (recorded without it) are ones they are enrolled with.
            tribal.addExtension(new Extension("isEnrolled", new BooleanType(
                    row.tribalAffiliationEnrolled() == null || row.tribalAffiliationEnrolled())));
            patient.addExtension(tribal);
        }

        Identifier mrn = patient.addIdentifier()
                .setUse(Identifier.IdentifierUse.USUAL)
                .setSystem(MRN_SYSTEM)
                .setValue(row.mrn());
        mrn.getType().addCoding(new Coding(IDENTIFIER_TYPE_SYSTEM, "MR", "Medical Record Number"));
        mrn.getType().setText("Medical Record Number");
        for (Map<String, Object> other : details.identifiers()) {
            Identifier identifier = patient.addIdentifier()
                    .setSystem((String) other.get("id_system"))
                    .setValue((String) other.get("id_value"));
            if (other.get("id_use") != null) {
                identifier.setUse(Identifier.IdentifierUse.fromCode((String) other.get("id_use")));
            }
            if (other.get("type_code") != null || other.get("type_text") != null) {
                CodeableConcept type = new CodeableConcept().setText((String) other.get("type_text"));
                if (other.get("type_code") != null) {
                    type.addCoding(new Coding((String) other.get("type_system"), (String) other.get("type_code"),
                            (String) other.get("type_display")));
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> further = (List<Map<String, Object>>) other
                        .getOrDefault(PatientDetails.FURTHER_TYPE_CODES, List.of());
                for (Map<String, Object> code : further) {
                    type.addCoding(new Coding((String) code.get("code_system"), (String) code.get("code"),
                            (String) code.get("display")));
                }
                identifier.setType(type);
            }
        }

        patient.addName(name(row));
        for (Map<String, Object> other : details.otherNames()) {
            HumanName name = patient.addName().setFamily((String) other.get("family_name"));
            if (other.get("name_use") != null) {
                name.setUse(HumanName.NameUse.fromCode((String) other.get("name_use")));
            }
            for (String given : new String[] {(String) other.get("given_name"), (String) other.get("middle_name")}) {
                if (given != null) {
                    name.addGiven(given);
                }
            }
            if (other.get("name_prefix") != null) {
                name.addPrefix((String) other.get("name_prefix"));
            }
            if (other.get("name_suffix") != null) {
                name.addSuffix((String) other.get("name_suffix"));
            }
            name.setPeriod(period(other));
        }
        patient.setGender(AdministrativeGender.fromCode(row.gender()));
        // From the ISO text, so the value keeps day precision and no time zone is involved.
        patient.setBirthDateElement(new DateType(row.birthDate().toString()));
        if (row.deceasedText() != null) {
            patient.setDeceased(new DateTimeType(row.deceasedText()));
        } else if (row.deceasedDate() != null) {
            patient.setDeceased(new DateTimeType(row.deceasedDate().toString()));
        } else if (row.deceased() != null) {
            // Recorded without a date: known to have died (or known to be alive).
            patient.setDeceased(new BooleanType(row.deceased()));
        }

        if (row.phone() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.HOME).setValue(row.phone());
        }
        if (row.email() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(row.email());
        }
        for (Map<String, Object> other : details.otherTelecom()) {
            ContactPoint point = patient.addTelecom().setValue((String) other.get("telecom_value"));
            if (other.get("telecom_system") != null) {
                point.setSystem(ContactPoint.ContactPointSystem.fromCode((String) other.get("telecom_system")));
            }
            if (other.get("telecom_use") != null) {
                point.setUse(ContactPoint.ContactPointUse.fromCode((String) other.get("telecom_use")));
            }
        }
        if (row.addressLine() != null || row.city() != null || row.state() != null || row.postalCode() != null) {
            Address address = patient.addAddress().setUse(Address.AddressUse.HOME)
                    .setCity(row.city()).setState(row.state()).setPostalCode(row.postalCode());
            if (row.addressSince() != null) {
                address.setPeriod(new Period().setStartElement(new DateTimeType(row.addressSince().toString())));
            }
            if (row.addressLine() != null) {
                address.addLine(row.addressLine());
            }
        }
        for (Map<String, Object> other : details.otherAddresses()) {
            Address address = patient.addAddress().setCity((String) other.get("city"))
                    .setState((String) other.get("state")).setPostalCode((String) other.get("postal_code"))
                    .setCountry((String) other.get("country"));
            if (other.get("address_use") != null) {
                address.setUse(Address.AddressUse.fromCode((String) other.get("address_use")));
            }
            for (String line : new String[] {(String) other.get("address_line"), (String) other.get("address_line2")}) {
                if (line != null) {
                    address.addLine(line);
                }
            }
            address.setPeriod(period(other));
        }
        if (row.languageCode() != null) {
            // As recorded; the built-in demo patients (recorded without it) get the language's English name.
            String display = row.languageDisplay() != null ? row.languageDisplay()
                    : Locale.forLanguageTag(row.languageCode()).getDisplayLanguage(Locale.ENGLISH);
            CodeableConcept language = new CodeableConcept()
                    .addCoding(new Coding(LANGUAGE_SYSTEM, row.languageCode(), display.isEmpty() ? null : display))
                    .setText(row.languageText());
            // The EHR records one language per patient: the one they prefer.
            patient.addCommunication().setLanguage(language).setPreferred(true);
        }
        return patient;
    }

    /** The period of an other name or address, as written; null without either end. */
    private static Period period(Map<String, Object> row) {
        String start = (String) row.get("period_start_text");
        String end = (String) row.get("period_end_text");
        if (start == null && end == null) {
            return null;
        }
        Period period = new Period();
        if (start != null) {
            period.setStartElement(new DateTimeType(start));
        }
        if (end != null) {
            period.setEndElement(new DateTimeType(end));
        }
        return period;
    }

    private static HumanName name(PatientRecord row) {
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setFamily(row.familyName());
        if (row.nameSince() != null) {
            name.setPeriod(new Period().setStartElement(new DateTimeType(row.nameSince().toString())));
        }
        name.addGiven(row.givenName());
        if (row.middleName() != null) {
            name.addGiven(row.middleName());
        }
        if (row.namePrefix() != null) {
            name.addPrefix(row.namePrefix());
        }
        if (row.nameSuffix() != null) {
            name.addSuffix(row.nameSuffix());
        }
        return name;
    }

    /**
     * Adds the race or ethnicity extension from the rows recorded for the patient: every OMB category, then every
     * detailed code, then the text (the patient's words; without them, the displays of the codes joined).
     *
     * @return false when the patient has no such rows (the single column then decides)
     */
    private static boolean addRecordedExtension(Patient patient, String url, String kind, String text,
            PatientDetails details) {
        List<Map<String, Object>> rows = details.raceEthnicity().stream()
                .filter(r -> kind.equals(r.get("kind"))).toList();
        if (rows.isEmpty()) {
            return false;
        }
        Extension extension = new Extension(url);
        for (String granularity : List.of("omb", "detailed")) {
            for (Map<String, Object> r : rows) {
                if (granularity.equals(r.get("granularity"))) {
                    extension.addExtension(new Extension("omb".equals(granularity) ? "ombCategory" : "detailed",
                            new Coding((String) r.get("code_system"), (String) r.get("code"),
                                    (String) r.get("display"))));
                }
            }
        }
        String words = text != null ? text : rows.stream().map(r -> r.get("display") != null
                ? (String) r.get("display") : (String) r.get("code")).collect(Collectors.joining(", "));
        extension.addExtension(new Extension("text", new StringType(words)));
        patient.addExtension(extension);
        return true;
    }

    /**
     * Adds a US Core race or ethnicity extension: the OMB category and the required text. Adds nothing when the
     * EHR has no code, or a code outside the OMB categories (the extension would not conform).
     */
    private static void addOmbExtension(Patient patient, String url, String code, Map<String, String> displays) {
        String display = code == null ? null : displays.get(code);
        if (display == null) {
            return;
        }
        String system = code.matches("\\d{4}-\\d") ? OMB_SYSTEM : NULL_FLAVOR_SYSTEM;
        Extension extension = new Extension(url);
        extension.addExtension(new Extension("ombCategory", new Coding(system, code, display)));
        extension.addExtension(new Extension("text", new StringType(display)));
        patient.addExtension(extension);
    }
}
