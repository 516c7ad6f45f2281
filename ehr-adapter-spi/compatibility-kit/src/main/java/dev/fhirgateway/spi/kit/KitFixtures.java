package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.Incubating;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Fixture data an adapter author can load into their EHR (or in-memory store) when their own test data is too
 * thin for the kit: fictional US Core 6.1.0 Patients for two practices, {@link #PRACTICE} and
 * {@link #OTHER_PRACTICE}, with every must-support element present somewhere, accents, hyphens and apostrophes in
 * names, birth dates on year boundaries, a deceased patient, and one medical record number both practices use
 * for different people; and laboratory Observations of those Patients with quantities for {@code value-quantity}:
 * numbers on the edges of each other's precision ranges (5.35, 5.4, 5.45), the same number in other units and
 * unit systems, a number without decimals, one without a unit and one without a value.
 *
 * <p>Each call returns new objects; the data is the same on every call.
 */
@Incubating
public final class KitFixtures {

    /** The practice the fixtures' main patients belong to. */
    public static final String PRACTICE = "kit-practice-1";
    /** The practice whose patients must never be returned for {@link #PRACTICE}. */
    public static final String OTHER_PRACTICE = "kit-practice-2";
    /** The system of the fixtures' medical record numbers. */
    public static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.3.7418.1";
    /** A medical record number both practices use, for different people. */
    public static final String SHARED_MRN = "MRN-SHARED-1";

    /** The UCUM unit system. */
    public static final String UCUM = "http://unitsofmeasure.org";

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
    static final String LAB_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab";
    private static final String LOINC = "http://loinc.org";
    /** A laboratory's own unit system: the same unit code as UCUM's, but another system. */
    private static final String LOCAL_UNITS = "urn:oid:2.16.840.1.113883.3.7418.9";
    private static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";
    private static final String OMB = "urn:oid:2.16.840.1.113883.6.238";
    // The Observations' codes; Coding is mutable, so each Observation gets a copy.
    private static final Coding GLUCOSE = new Coding(LOINC, "14749-6", "Glucose [Moles/volume] in Serum or Plasma");
    private static final Coding CREATININE = new Coding(LOINC, "2160-0", "Creatinine [Mass/volume] in Serum or Plasma");
    private static final Coding HEMOGLOBIN = new Coding(LOINC, "718-7", "Hemoglobin [Mass/volume] in Blood");
    private static final Coding PLATELETS = new Coding(LOINC, "777-3",
            "Platelets [#/volume] in Blood by Automated count");
    private static final Coding URINE_PH = new Coding(LOINC, "5803-2", "pH of Urine by Test strip");
    private static final Coding POTASSIUM = new Coding(LOINC, "2823-3", "Potassium [Moles/volume] in Serum or Plasma");

    private KitFixtures() {
    }

    /** The fixture Patients of a practice ({@link #PRACTICE} or {@link #OTHER_PRACTICE}); none for another. */
    public static List<Patient> patients(String practice) {
        List<Patient> out = new ArrayList<>();
        if (PRACTICE.equals(practice)) {
            out.add(patient("kit-p1-jose", "MRN-1001", "Nuñez", List.of("José", "Luis"), "male", "1980-01-01",
                    null, "es", "2106-3", "2135-2"));
            out.add(patient("kit-p1-zoe", SHARED_MRN, "Müller", List.of("Zoë"), "female", "1989-12-31", null, "de",
                    "2106-3", "2186-5"));
            out.add(patient("kit-p1-renee", "MRN-1003", "O'Brien", List.of("Renée"), "female", "1990-01-01",
                    "2021-06-15", "en", "2106-3", "2186-5"));
            out.add(patient("kit-p1-mary", "MRN-1004", "Smith-Jones", List.of("Mary", "Ann"), "female", "1975-05-20",
                    null, "en", "2054-5", "2186-5"));
            out.add(patient("kit-p1-john", "MRN-1005", "Smith", List.of("John"), "male", "1962-07-04", null, "en",
                    "2106-3", "2186-5"));
            out.add(patient("kit-p1-jane", "MRN-1006", "Smith", List.of("Jane"), "female", "1964-02-29", null, "en",
                    "2028-9", "2186-5"));
            out.add(patient("kit-p1-alex", "MRN-1007", "Kim", List.of("Alex"), "other", "2001-03-15", null, "ko",
                    "2028-9", "2186-5"));
            out.add(patient("kit-p1-sam", "MRN-1008", "Lefèvre", List.of("Sam"), "unknown", "1955-11-30",
                    "2019-01-15", "fr", "2106-3", "2186-5"));
            out.add(patient("kit-p1-lucia", "MRN-1009", "Fernández-López", List.of("Lucía"), "female", "2010-08-09",
                    null, "es", "2106-3", "2135-2"));
            out.add(patient("kit-p1-omer", "MRN-1010", "Çelik", List.of("Ömer"), "male", "1999-12-31", null, "tr",
                    "2106-3", "2186-5"));
            Patient renee = out.get(2);
            renee.getNameFirstRep().addPrefix("Dr.");
            Patient john = out.get(4);
            john.getNameFirstRep().addSuffix("Jr.");
            // A previous name and a previous address: name.period / address.period are must support.
            Patient mary = out.get(3);
            mary.addName().setUse(HumanName.NameUse.OLD).setFamily("Jones").addGiven("Mary")
                    .setPeriod(new Period().setEndElement(new DateTimeType("2001-06-30")));
            mary.addAddress().setUse(Address.AddressUse.OLD).addLine("12 Old Mill Rd").setCity("Albany")
                    .setState("NY").setPostalCode("12207")
                    .setPeriod(new Period().setStartElement(new DateTimeType("1995-01-01"))
                            .setEndElement(new DateTimeType("2005-12-31")));
            // Tribal affiliation is must support; one patient has it.
            Extension tribal = new Extension(US_CORE + "us-core-tribal-affiliation");
            tribal.addExtension(new Extension("tribalAffiliation", new CodeableConcept().addCoding(
                    new Coding("http://terminology.hl7.org/CodeSystem/v3-TribalEntityUS", "187",
                            "Navajo Nation, Arizona, New Mexico & Utah"))));
            tribal.addExtension(new Extension("isEnrolled", new BooleanType(true)));
            out.get(6).addExtension(tribal);
        } else if (OTHER_PRACTICE.equals(practice)) {
            out.add(patient("kit-p2-liam", SHARED_MRN, "Okafor", List.of("Liam"), "male", "2010-03-03", null, "en",
                    "2054-5", "2186-5"));
            out.add(patient("kit-p2-chloe", "MRN-2002", "Nuñez", List.of("Chloé"), "female", "1980-01-01", null, "es",
                    "2106-3", "2135-2"));
            out.add(patient("kit-p2-francois", "MRN-2003", "Müller", List.of("François"), "male", "1948-11-11",
                    "2019-01-15", "fr", "2106-3", "2186-5"));
        }
        return out;
    }

    /**
     * The fixture laboratory Observations (US Core Laboratory Result Observation) of a practice's fixture Patients;
     * none for another practice.
     */
    public static List<Observation> observations(String practice) {
        List<Observation> out = new ArrayList<>();
        if (PRACTICE.equals(practice)) {
            out.add(lab("kit-o1-glucose-jose", "kit-p1-jose", GLUCOSE, "2024-03-10", "5.4", UCUM, "mmol/L"));
            out.add(lab("kit-o1-glucose-zoe", "kit-p1-zoe", GLUCOSE, "2024-01-01", "5.35", UCUM, "mmol/L"));
            out.add(lab("kit-o1-glucose-renee", "kit-p1-renee", GLUCOSE, "2023-12-31", "5.45", UCUM, "mmol/L"));
            out.add(lab("kit-o1-glucose-omer", "kit-p1-omer", GLUCOSE, "2024-03-11", "5.4", LOCAL_UNITS, "mmol/L"));
            out.add(lab("kit-o1-creatinine-mary", "kit-p1-mary", CREATININE, "2024-03-10", "5.4", UCUM, "mg/dL"));
            out.add(lab("kit-o1-hemoglobin-john", "kit-p1-john", HEMOGLOBIN, "2022-07-04", "13.5", UCUM, "g/dL"));
            out.add(lab("kit-o1-hemoglobin-jane", "kit-p1-jane", HEMOGLOBIN, "2022-02-28", "13.0", UCUM, "g/dL"));
            out.add(lab("kit-o1-platelets-alex", "kit-p1-alex", PLATELETS, "2021-03-15", "250", UCUM, "10*3/uL"));
            out.add(lab("kit-o1-ph-sam", "kit-p1-sam", URINE_PH, "2018-11-30", "6.5", null, null));
            // A result without a value says why (dataAbsentReason is must support); it matches no quantity search.
            Observation noValue = lab("kit-o1-potassium-lucia", "kit-p1-lucia", POTASSIUM, "2024-03-10", null, null,
                    null);
            noValue.setDataAbsentReason(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/data-absent-reason", "error", "Error")));
            out.add(noValue);
            // Specimen is must support; one result names its specimen.
            out.get(5).setSpecimen(new Reference("Specimen/kit-s1-john"));
        } else if (OTHER_PRACTICE.equals(practice)) {
            out.add(lab("kit-o2-glucose-liam", "kit-p2-liam", GLUCOSE, "2024-03-10", "5.4", UCUM, "mmol/L"));
            out.add(lab("kit-o2-hemoglobin-chloe", "kit-p2-chloe", HEMOGLOBIN, "2023-05-02", "12.5", UCUM, "g/dL"));
            out.add(lab("kit-o2-glucose-francois", "kit-p2-francois", GLUCOSE, "2019-01-10", "7.1", UCUM, "mmol/L"));
        }
        return out;
    }

    private static Observation lab(String id, String patientId, Coding code, String date, String value, String system,
            String unit) {
        Observation o = new Observation();
        o.setId(id);
        o.getMeta().addProfile(LAB_PROFILE);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
                "laboratory", "Laboratory"));
        o.getCode().addCoding(code.copy()).setText(code.getDisplay());
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new DateTimeType(date));
        if (value != null) {
            // The number as written: new BigDecimal keeps its precision (13.0 is not 13).
            Quantity quantity = new Quantity().setValue(new BigDecimal(value));
            if (unit != null) {
                quantity.setUnit(unit).setSystem(system).setCode(unit);
            }
            o.setValue(quantity);
        }
        return o;
    }

    private static Patient patient(String id, String mrn, String family, List<String> given, String gender,
            String birthDate, String deceased, String language, String race, String ethnicity) {
        Patient p = new Patient();
        p.setId(id);
        p.getMeta().addProfile(PROFILE);
        p.addExtension(omb("us-core-race", race, Map.of("2106-3", "White", "2054-5", "Black or African American",
                "2028-9", "Asian")));
        p.addExtension(omb("us-core-ethnicity", ethnicity, Map.of("2135-2", "Hispanic or Latino",
                "2186-5", "Not Hispanic or Latino")));
        String sex = switch (gender) {
            case "male" -> "M";
            case "female" -> "F";
            default -> "UNK";
        };
        p.addExtension(new Extension(US_CORE + "us-core-birthsex", new CodeType(sex)));
        p.addExtension(new Extension(US_CORE + "us-core-sex", new CodeType(
                sex.equals("M") ? "248153007" : sex.equals("F") ? "248152002" : "184115007")));
        p.addExtension(new Extension(US_CORE + "us-core-genderIdentity", new CodeableConcept().addCoding(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "ASKU", "asked but declined"))));

        Identifier identifier = p.addIdentifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(MRN_SYSTEM)
                .setValue(mrn);
        identifier.getType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR",
                "Medical Record Number"));
        HumanName name = p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family);
        given.forEach(name::addGiven);
        p.setGender(AdministrativeGender.fromCode(gender));
        p.setBirthDateElement(new DateType(birthDate));
        if (deceased != null) {
            p.setDeceased(new DateTimeType(deceased));
        }
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.HOME)
                .setValue("555-0100");
        p.addAddress().setUse(Address.AddressUse.HOME).addLine("1 Main St").setCity("Springfield").setState("IL")
                .setPostalCode("62701");
        p.addCommunication().setPreferred(true).setLanguage(new CodeableConcept()
                .addCoding(new Coding("urn:ietf:bcp:47", language, null)));
        return p;
    }

    private static Extension omb(String extension, String code, Map<String, String> displays) {
        String display = displays.get(code);
        Extension e = new Extension(US_CORE + extension);
        e.addExtension(new Extension("ombCategory", new Coding(OMB, code, display)));
        e.addExtension(new Extension("text", new StringType(display)));
        return e;
    }
}
