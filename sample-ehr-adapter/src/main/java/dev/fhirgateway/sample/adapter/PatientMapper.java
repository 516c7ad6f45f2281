package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PatientIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.PatientLanguageColumns;
import dev.fhirgateway.sample.adapter.schema.PatientOtherAddressColumns;
import dev.fhirgateway.sample.adapter.schema.PatientOtherNameColumns;
import dev.fhirgateway.sample.adapter.schema.PatientRaceEthnicityColumns;
import dev.fhirgateway.sample.adapter.schema.PatientTelecomColumns;
import java.time.LocalDate;
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

/**
 * Maps a row of the EHR's {@code patient} table, with the rows of its child tables (see
 * {@code resources.PatientTable}), to a US Core 6.1.0 {@code us-core-patient}.
 */
public final class PatientMapper {

    public static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
    /** The identifier system of this EHR's medical record numbers. */
    public static final String MRN_SYSTEM = "https://sample-ehr.fhirgateway.dev/mrn";
    public static final String GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender";

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

    private PatientMapper() {
    }

    /**
     * The Patient for a row and its child rows (every race, ethnicity, identifier, name, address, contact point and
     * language recorded); optional columns that are empty leave their element out.
     */
    public static Patient toFhir(TableRow row) {
        Patient patient = new Patient();
        patient.setId(row.string(PatientColumns.PUBLIC_ID));
        patient.getMeta().addProfile(PROFILE);

        if (!addRecordedExtension(patient, RACE_EXTENSION, PatientRaceEthnicityColumns.KIND_RACE,
                row.string(PatientColumns.RACE_TEXT), row)) {
            addOmbExtension(patient, RACE_EXTENSION, row.string(PatientColumns.RACE_CODE), RACE_DISPLAYS);
        }
        if (!addRecordedExtension(patient, ETHNICITY_EXTENSION, PatientRaceEthnicityColumns.KIND_ETHNICITY,
                row.string(PatientColumns.ETHNICITY_TEXT), row)) {
            addOmbExtension(patient, ETHNICITY_EXTENSION, row.string(PatientColumns.ETHNICITY_CODE),
                    ETHNICITY_DISPLAYS);
        }
        String birthSex = row.string(PatientColumns.BIRTH_SEX);
        if (birthSex != null) {
            patient.addExtension(new Extension(BIRTH_SEX_EXTENSION, new CodeType(birthSex)));
        }
        String sex = row.string(PatientColumns.SEX_CODE);
        if (sex != null) {
            patient.addExtension(new Extension(SEX_EXTENSION, new CodeType(sex)));
        }
        String genderIdentity = row.string(PatientColumns.GENDER_IDENTITY_CODE);
        if (genderIdentity != null) {
            String system = genderIdentity.matches("\\d+") ? SNOMED_SYSTEM : NULL_FLAVOR_SYSTEM;
            patient.addExtension(new Extension(GENDER_IDENTITY_EXTENSION, new CodeableConcept()
                    .addCoding(new Coding(system, genderIdentity, row.string(PatientColumns.GENDER_IDENTITY_DISPLAY)))
                    .setText(row.string(PatientColumns.GENDER_IDENTITY_TEXT))));
        }
        String tribe = row.string(PatientColumns.TRIBAL_AFFILIATION_CODE);
        if (tribe != null) {
            Extension tribal = new Extension(TRIBAL_AFFILIATION_EXTENSION);
            tribal.addExtension(new Extension("tribalAffiliation", new CodeableConcept()
                    .addCoding(new Coding(TRIBAL_ENTITY_SYSTEM, tribe,
                            row.string(PatientColumns.TRIBAL_AFFILIATION_DISPLAY)))
                    .setText(row.string(PatientColumns.TRIBAL_AFFILIATION_TEXT))));
            // As recorded; the demo patients' tribes (recorded without it) are ones they are enrolled with.
            Boolean enrolled = row.bool(PatientColumns.TRIBAL_AFFILIATION_ENROLLED);
            tribal.addExtension(new Extension("isEnrolled", new BooleanType(enrolled == null || enrolled)));
            patient.addExtension(tribal);
        }

        Identifier mrn = patient.addIdentifier()
                .setUse(Identifier.IdentifierUse.USUAL)
                .setSystem(MRN_SYSTEM)
                .setValue(row.string(PatientColumns.MRN));
        mrn.getType().addCoding(new Coding(IDENTIFIER_TYPE_SYSTEM, "MR", "Medical Record Number"));
        mrn.getType().setText("Medical Record Number");
        for (TableRow other : row.children(PatientIdentifierColumns.TABLE)) {
            Identifier identifier = patient.addIdentifier()
                    .setSystem(other.string(PatientIdentifierColumns.ID_SYSTEM))
                    .setValue(other.string(PatientIdentifierColumns.ID_VALUE));
            if (other.has(PatientIdentifierColumns.ID_USE)) {
                identifier.setUse(
                        Identifier.IdentifierUse.fromCode(other.string(PatientIdentifierColumns.ID_USE)));
            }
            if (other.has(PatientIdentifierColumns.TYPE_CODE)
                    || other.has(PatientIdentifierColumns.TYPE_TEXT)) {
                CodeableConcept type = new CodeableConcept()
                        .setText(other.string(PatientIdentifierColumns.TYPE_TEXT));
                if (other.has(PatientIdentifierColumns.TYPE_CODE)) {
                    type.addCoding(new Coding(other.string(PatientIdentifierColumns.TYPE_SYSTEM),
                            other.string(PatientIdentifierColumns.TYPE_CODE),
                            other.string(PatientIdentifierColumns.TYPE_DISPLAY)));
                }
                for (TableRow code : other.additionalCodes(PatientIdentifierColumns.TYPE)) {
                    type.addCoding(new Coding(code.string("code_system"), code.string("code"),
                            code.string("display")));
                }
                identifier.setType(type);
            }
        }

        patient.addName(name(row));
        for (TableRow other : row.children(PatientOtherNameColumns.TABLE)) {
            HumanName name = patient.addName().setFamily(other.string(PatientOtherNameColumns.FAMILY_NAME));
            if (other.has(PatientOtherNameColumns.NAME_USE)) {
                name.setUse(HumanName.NameUse.fromCode(other.string(PatientOtherNameColumns.NAME_USE)));
            }
            for (String given : new String[] {other.string(PatientOtherNameColumns.GIVEN_NAME),
                    other.string(PatientOtherNameColumns.MIDDLE_NAME)}) {
                if (given != null) {
                    name.addGiven(given);
                }
            }
            if (other.has(PatientOtherNameColumns.NAME_PREFIX)) {
                name.addPrefix(other.string(PatientOtherNameColumns.NAME_PREFIX));
            }
            if (other.has(PatientOtherNameColumns.NAME_SUFFIX)) {
                name.addSuffix(other.string(PatientOtherNameColumns.NAME_SUFFIX));
            }
            name.setPeriod(period(other));
        }
        patient.setGender(AdministrativeGender.fromCode(row.string(PatientColumns.GENDER)));
        // From the ISO text, so the value keeps day precision and no time zone is involved.
        patient.setBirthDateElement(new DateType(day(row, PatientColumns.BIRTH_DATE).toString()));
        LocalDate deceasedDate = day(row, PatientColumns.DECEASED_DATE);
        Boolean deceased = row.bool(PatientColumns.DECEASED);
        if (row.has(PatientColumns.DECEASED_TEXT)) {
            patient.setDeceased(new DateTimeType(row.string(PatientColumns.DECEASED_TEXT)));
        } else if (deceasedDate != null) {
            patient.setDeceased(new DateTimeType(deceasedDate.toString()));
        } else if (deceased != null) {
            // Recorded without a date: known to have died (or known to be alive).
            patient.setDeceased(new BooleanType(deceased));
        }

        if (row.has(PatientColumns.PHONE)) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.HOME).setValue(row.string(PatientColumns.PHONE));
        }
        if (row.has(PatientColumns.EMAIL)) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(row.string(PatientColumns.EMAIL));
        }
        for (TableRow other : row.children(PatientTelecomColumns.TABLE)) {
            ContactPoint point = patient.addTelecom().setValue(other.string(PatientTelecomColumns.TELECOM_VALUE));
            if (other.has(PatientTelecomColumns.TELECOM_SYSTEM)) {
                point.setSystem(ContactPoint.ContactPointSystem.fromCode(
                        other.string(PatientTelecomColumns.TELECOM_SYSTEM)));
            }
            if (other.has(PatientTelecomColumns.TELECOM_USE)) {
                point.setUse(ContactPoint.ContactPointUse.fromCode(
                        other.string(PatientTelecomColumns.TELECOM_USE)));
            }
        }
        if (row.has(PatientColumns.ADDRESS_LINE) || row.has(PatientColumns.CITY) || row.has(PatientColumns.STATE)
                || row.has(PatientColumns.POSTAL_CODE)) {
            Address address = patient.addAddress().setUse(Address.AddressUse.HOME)
                    .setCity(row.string(PatientColumns.CITY)).setState(row.string(PatientColumns.STATE))
                    .setPostalCode(row.string(PatientColumns.POSTAL_CODE));
            LocalDate addressSince = day(row, PatientColumns.ADDRESS_SINCE);
            if (addressSince != null) {
                address.setPeriod(new Period().setStartElement(new DateTimeType(addressSince.toString())));
            }
            if (row.has(PatientColumns.ADDRESS_LINE)) {
                address.addLine(row.string(PatientColumns.ADDRESS_LINE));
            }
        }
        for (TableRow other : row.children(PatientOtherAddressColumns.TABLE)) {
            Address address = patient.addAddress().setCity(other.string(PatientOtherAddressColumns.CITY))
                    .setState(other.string(PatientOtherAddressColumns.STATE))
                    .setPostalCode(other.string(PatientOtherAddressColumns.POSTAL_CODE))
                    .setCountry(other.string(PatientOtherAddressColumns.COUNTRY));
            if (other.has(PatientOtherAddressColumns.ADDRESS_USE)) {
                address.setUse(Address.AddressUse.fromCode(other.string(PatientOtherAddressColumns.ADDRESS_USE)));
            }
            for (String line : new String[] {other.string(PatientOtherAddressColumns.ADDRESS_LINE),
                    other.string(PatientOtherAddressColumns.ADDRESS_LINE2)}) {
                if (line != null) {
                    address.addLine(line);
                }
            }
            address.setPeriod(period(other));
        }
        String language = row.string(PatientColumns.LANGUAGE_CODE);
        if (language != null) {
            // As recorded; the built-in demo patients (recorded without it) get the language's English name.
            String display = row.has(PatientColumns.LANGUAGE_DISPLAY) ? row.string(PatientColumns.LANGUAGE_DISPLAY)
                    : Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
            addLanguage(patient, language, display.isEmpty() ? null : display,
                    row.string(PatientColumns.LANGUAGE_TEXT), row.bool(PatientColumns.LANGUAGE_PREFERRED));
        }
        for (TableRow other : row.children(PatientLanguageColumns.TABLE)) {
            addLanguage(patient, other.string(PatientLanguageColumns.LANGUAGE_CODE),
                    other.string(PatientLanguageColumns.LANGUAGE_DISPLAY),
                    other.string(PatientLanguageColumns.LANGUAGE_TEXT),
                    other.bool(PatientLanguageColumns.PREFERRED));
        }
        return patient;
    }

    /** A language the patient speaks; {@code preferred} left out when it was not stated. */
    private static void addLanguage(Patient patient, String code, String display, String text, Boolean preferred) {
        Patient.PatientCommunicationComponent communication = patient.addCommunication().setLanguage(
                new CodeableConcept().addCoding(new Coding(LANGUAGE_SYSTEM, code, display)).setText(text));
        if (preferred != null) {
            communication.setPreferred(preferred);
        }
    }

    /** The period of an other name or address, as written; null without either end. */
    private static Period period(TableRow row) {
        // patient_other_address names its period columns the same way.
        String start = row.string(PatientOtherNameColumns.PERIOD_START_TEXT);
        String end = row.string(PatientOtherNameColumns.PERIOD_END_TEXT);
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

    private static HumanName name(TableRow row) {
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(row.string(PatientColumns.FAMILY_NAME));
        LocalDate since = day(row, PatientColumns.NAME_SINCE);
        if (since != null) {
            name.setPeriod(new Period().setStartElement(new DateTimeType(since.toString())));
        }
        name.addGiven(row.string(PatientColumns.GIVEN_NAME));
        if (row.has(PatientColumns.MIDDLE_NAME)) {
            name.addGiven(row.string(PatientColumns.MIDDLE_NAME));
        }
        if (row.has(PatientColumns.NAME_PREFIX)) {
            name.addPrefix(row.string(PatientColumns.NAME_PREFIX));
        }
        if (row.has(PatientColumns.NAME_SUFFIX)) {
            name.addSuffix(row.string(PatientColumns.NAME_SUFFIX));
        }
        return name;
    }

    /**
     * A DATE column's day: the JDBC drivers return {@code java.sql.Date}, read with its own calendar fields, so no
     * time zone moves the day; null when empty.
     */
    private static LocalDate day(TableRow row, String column) {
        Object value = row.object(column);
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    /**
     * Adds the race or ethnicity extension from the rows recorded for the patient: every OMB category, then every
     * detailed code, then the text (the patient's words; without them, the displays of the codes joined).
     *
     * @return false when the patient has no such rows (the single column then decides)
     */
    private static boolean addRecordedExtension(Patient patient, String url, String kind, String text,
            TableRow row) {
        List<TableRow> rows = row.children(PatientRaceEthnicityColumns.TABLE).stream()
                .filter(r -> kind.equals(r.string(PatientRaceEthnicityColumns.KIND))).toList();
        if (rows.isEmpty()) {
            return false;
        }
        Extension extension = new Extension(url);
        for (String granularity : List.of(PatientRaceEthnicityColumns.GRANULARITY_OMB,
                PatientRaceEthnicityColumns.GRANULARITY_DETAILED)) {
            for (TableRow r : rows) {
                if (granularity.equals(r.string(PatientRaceEthnicityColumns.GRANULARITY))) {
                    extension.addExtension(new Extension(
                            PatientRaceEthnicityColumns.GRANULARITY_OMB.equals(granularity) ? "ombCategory"
                                    : "detailed",
                            new Coding(r.string(PatientRaceEthnicityColumns.CODE_SYSTEM),
                                    r.string(PatientRaceEthnicityColumns.CODE),
                                    r.string(PatientRaceEthnicityColumns.DISPLAY))));
                }
            }
        }
        String words = text != null ? text : rows.stream()
                .map(r -> r.has(PatientRaceEthnicityColumns.DISPLAY)
                        ? r.string(PatientRaceEthnicityColumns.DISPLAY)
                        : r.string(PatientRaceEthnicityColumns.CODE))
                .collect(Collectors.joining(", "));
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
