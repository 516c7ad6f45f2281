package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.NewPatient;
import dev.fhirgateway.sample.PatientRegistry;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PatientIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.PatientLanguageColumns;
import dev.fhirgateway.sample.adapter.schema.PatientOtherAddressColumns;
import dev.fhirgateway.sample.adapter.schema.PatientOtherNameColumns;
import dev.fhirgateway.sample.adapter.schema.PatientRaceEthnicityColumns;
import dev.fhirgateway.sample.adapter.schema.PatientTelecomColumns;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Registers a FHIR Patient the way the front desk would: one official name, the MRN, one phone, e-mail and home
 * address, and the demographics the EHR records (race and ethnicity categories, sex, gender identity, tribe).
 */
final class PatientImporter implements ResourceImporter {

    private static final String RACE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    private static final String ETHNICITY = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
    private static final String BIRTH_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    private static final String SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";
    private static final String GENDER_IDENTITY =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-genderIdentity";
    private static final String TRIBAL_AFFILIATION =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-tribal-affiliation";
    private static final Set<String> KEPT_EXTENSIONS =
            Set.of(RACE, ETHNICITY, BIRTH_SEX, SEX, GENDER_IDENTITY, TRIBAL_AFFILIATION);

    @Override
    public String resourceType() {
        return "Patient";
    }

    @Override
    public String table() {
        return PatientColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("extension", "identifier", "name", "telecom", "gender", "birthDate", "deceased", "address",
                "communication");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Patient p = (Patient) resource;
        String id = p.getIdElement().getIdPart();
        // The current name: the official one, else the first neither old nor ended, else the first.
        HumanName name = p.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .or(() -> p.getName().stream().filter(n -> n.getUse() != HumanName.NameUse.OLD
                        && n.getUse() != HumanName.NameUse.MAIDEN && !n.getPeriod().hasEnd()).findFirst())
                .orElse(p.getNameFirstRep());
        if (!name.hasFamily() || !name.hasGiven()) {
            throw new ImportException("Patient/" + id + " has no family and given name; the EHR needs both");
        }
        if (!p.hasBirthDate()) {
            throw new ImportException("Patient/" + id + " has no birth date; the EHR needs one");
        }
        List<Identifier> mrns = p.getIdentifier().stream()
                .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()))).toList();
        Identifier mrn = mrns.isEmpty() ? p.getIdentifierFirstRep() : mrns.get(0);
        // The front desk's home phone and e-mail (served as such); a mobile or work number, a work e-mail and
        // every other contact point go to patient_telecom with their use.
        ContactPoint phone = first(p.getTelecom(), ContactPoint.ContactPointSystem.PHONE,
                ContactPoint.ContactPointUse.HOME);
        ContactPoint email = first(p.getTelecom(), ContactPoint.ContactPointSystem.EMAIL, null);
        // The current address: home, else the first neither old nor ended, else the first.
        Address address = p.getAddress().stream().filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst()
                .or(() -> p.getAddress().stream().filter(a -> a.getUse() != Address.AddressUse.OLD
                        && !a.getPeriod().hasEnd()).findFirst())
                .orElse(p.getAddress().isEmpty() ? null : p.getAddressFirstRep());
        String state = address == null ? null : address.getState();
        if (state != null && state.length() != 2) {
            context.notMapped("address.state", "the EHR keeps two-letter state codes");
            state = null;
        }
        p.getExtension().stream().filter(e -> !KEPT_EXTENSIONS.contains(e.getUrl()))
                .forEach(e -> context.notMapped("extension", e.getUrl()));
        // The front desk's language: the one the patient prefers, else the first; every other one in order.
        Patient.PatientCommunicationComponent frontLanguage = p.getCommunication().stream()
                .filter(c -> c.hasPreferred() && c.getPreferred()).findFirst()
                .orElse(p.getCommunication().isEmpty() ? null : p.getCommunicationFirstRep());
        String language = frontLanguage == null ? null : code(frontLanguage.getLanguage());
        Extension tribal = first(p.getExtensionsByUrl(TRIBAL_AFFILIATION), TRIBAL_AFFILIATION, context);
        Extension tribalCode = tribal == null ? null
                : first(tribal.getExtensionsByUrl("tribalAffiliation"), "tribalAffiliation", context);
        String tribe = tribalCode == null ? null : code(tribalCode.getValue());
        Extension genderIdentity = first(p.getExtensionsByUrl(GENDER_IDENTITY), GENDER_IDENTITY, context);
        NewPatient patient = new NewPatient(id, mrn.hasValue() ? mrn.getValue() : id, name.getFamily(),
                name.getGiven().get(0).getValue(),
                name.getGiven().size() > 1 ? name.getGiven().get(1).getValue() : null,
                name.hasPrefix() ? name.getPrefix().get(0).getValue() : null,
                name.hasSuffix() ? name.getSuffix().get(0).getValue() : null,
                p.hasGender() ? p.getGender().toCode() : "unknown",
                day(p.getBirthDateElement().getValueAsString()),
                p.hasDeceasedDateTimeType() ? day(p.getDeceasedDateTimeType().getValueAsString()) : null,
                phone == null ? null : phone.getValue(),
                email == null ? null : email.getValue(),
                address == null || !address.hasLine() ? null : address.getLine().get(0).getValue(),
                address == null ? null : address.getCity(),
                state,
                address == null ? null : address.getPostalCode(),
                language,
                ombCategory(p, RACE),
                ombCategory(p, ETHNICITY),
                primitive(first(p.getExtensionsByUrl(BIRTH_SEX), BIRTH_SEX, context)),
                sex(first(p.getExtensionsByUrl(SEX), SEX, context)),
                genderIdentity == null ? null : code(genderIdentity.getValue()),
                tribe,
                name.getPeriod().hasStart() ? day(name.getPeriod().getStartElement().getValueAsString()) : null,
                address != null && address.getPeriod().hasStart()
                        ? day(address.getPeriod().getStartElement().getValueAsString()) : null);
        Map<String, Object> more = new LinkedHashMap<>();
        more.put(PatientColumns.RACE_TEXT, text(p, RACE));
        more.put(PatientColumns.ETHNICITY_TEXT, text(p, ETHNICITY));
        Extension enrolled = tribal == null ? null
                : first(tribal.getExtensionsByUrl("isEnrolled"), "isEnrolled", context);
        more.put(PatientColumns.TRIBAL_AFFILIATION_ENROLLED, enrolled != null && enrolled.getValue() instanceof
                org.hl7.fhir.r4.model.BooleanType b ? b.getValue() : null);
        // The names and words the codes were recorded with.
        putWording(more, PatientColumns.LANGUAGE_DISPLAY, PatientColumns.LANGUAGE_TEXT,
                frontLanguage == null ? null : frontLanguage.getLanguage());
        more.put(PatientColumns.LANGUAGE_PREFERRED, frontLanguage != null && frontLanguage.hasPreferred()
                ? frontLanguage.getPreferred() : null);
        putWording(more, PatientColumns.GENDER_IDENTITY_DISPLAY, PatientColumns.GENDER_IDENTITY_TEXT,
                genderIdentity == null ? null : genderIdentity.getValue());
        putWording(more, PatientColumns.TRIBAL_AFFILIATION_DISPLAY, PatientColumns.TRIBAL_AFFILIATION_TEXT,
                tribalCode == null ? null : tribalCode.getValue());
        more.put(PatientColumns.DECEASED, p.hasDeceasedBooleanType() ? p.getDeceasedBooleanType().getValue() : null);
        more.put(PatientColumns.DECEASED_TEXT,
                p.hasDeceasedDateTimeType() ? p.getDeceasedDateTimeType().getValueAsString() : null);
        long patientId = PatientRegistry.addPatient(context.rows(), context.practiceId(), patient, more);
        addOtherNamesAndAddresses(context, patientId, p, patient, name, address);
        addRaceOrEthnicity(context, patientId, p, RACE, PatientRaceEthnicityColumns.KIND_RACE);
        addRaceOrEthnicity(context, patientId, p, ETHNICITY, PatientRaceEthnicityColumns.KIND_ETHNICITY);
        addLanguages(context, patientId, p, frontLanguage);
        for (ContactPoint point : p.getTelecom()) {
            // The front desk's phone and e-mail are on the patient row; every other contact point in order.
            if (point != phone && point != email) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(PatientTelecomColumns.PATIENT_ID, patientId);
                row.put(PatientTelecomColumns.TELECOM_SYSTEM, point.hasSystem() ? point.getSystem().toCode() : null);
                row.put(PatientTelecomColumns.TELECOM_VALUE, point.getValue());
                row.put(PatientTelecomColumns.TELECOM_USE, point.hasUse() ? point.getUse().toCode() : null);
                context.insert(PatientTelecomColumns.TABLE, row);
            }
        }
        for (Identifier identifier : p.getIdentifier()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(PatientIdentifierColumns.PATIENT_ID, patientId);
            row.put(PatientIdentifierColumns.ID_USE, identifier.hasUse() ? identifier.getUse().toCode() : null);
            Codes.put(row, PatientIdentifierColumns.TYPE, identifier.hasType() ? identifier.getType() : null, context,
                    "identifier.type");
            row.put(PatientIdentifierColumns.ID_SYSTEM, identifier.getSystem());
            row.put(PatientIdentifierColumns.ID_VALUE, identifier.getValue());
            if (identifier.hasPeriod() || identifier.hasAssigner()) {
                context.notMapped("identifier", "the period and assigner of an identifier are not kept");
            }
            context.insert(PatientIdentifierColumns.TABLE, row);
        }
    }

    /** Names and addresses besides the current ones, each with its use and period; other names are searchable. */
    private static void addOtherNamesAndAddresses(ImportContext context, long patientId, Patient p,
            NewPatient current, HumanName currentName, Address currentAddress) {
        List<String[]> otherNames = new java.util.ArrayList<>();
        for (HumanName other : p.getName()) {
            if (other == currentName) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(PatientOtherNameColumns.PATIENT_ID, patientId);
            row.put(PatientOtherNameColumns.NAME_USE, other.hasUse() ? other.getUse().toCode() : null);
            row.put(PatientOtherNameColumns.FAMILY_NAME, other.getFamily());
            row.put(PatientOtherNameColumns.GIVEN_NAME,
                    other.getGiven().size() > 0 ? other.getGiven().get(0).getValue() : null);
            row.put(PatientOtherNameColumns.MIDDLE_NAME,
                    other.getGiven().size() > 1 ? other.getGiven().get(1).getValue() : null);
            row.put(PatientOtherNameColumns.NAME_PREFIX,
                    other.hasPrefix() ? other.getPrefix().get(0).getValue() : null);
            row.put(PatientOtherNameColumns.NAME_SUFFIX,
                    other.hasSuffix() ? other.getSuffix().get(0).getValue() : null);
            row.put(PatientOtherNameColumns.PERIOD_START_TEXT, other.getPeriod().hasStart()
                    ? other.getPeriod().getStartElement().getValueAsString() : null);
            row.put(PatientOtherNameColumns.PERIOD_END_TEXT, other.getPeriod().hasEnd()
                    ? other.getPeriod().getEndElement().getValueAsString() : null);
            if (other.getGiven().size() > 2 || other.getPrefix().size() > 1 || other.getSuffix().size() > 1) {
                context.notMapped("name", "two given names, one prefix and one suffix are kept per name");
            }
            context.insert(PatientOtherNameColumns.TABLE, row);
            otherNames.add(new String[] {(String) row.get(PatientOtherNameColumns.FAMILY_NAME),
                (String) row.get(PatientOtherNameColumns.GIVEN_NAME),
                (String) row.get(PatientOtherNameColumns.MIDDLE_NAME),
                (String) row.get(PatientOtherNameColumns.NAME_PREFIX),
                (String) row.get(PatientOtherNameColumns.NAME_SUFFIX)});
        }
        PatientRegistry.addOtherNameParts(context.rows(), patientId, current, otherNames);
        for (Address other : p.getAddress()) {
            if (other == currentAddress) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(PatientOtherAddressColumns.PATIENT_ID, patientId);
            row.put(PatientOtherAddressColumns.ADDRESS_USE, other.hasUse() ? other.getUse().toCode() : null);
            row.put(PatientOtherAddressColumns.ADDRESS_LINE,
                    other.getLine().size() > 0 ? other.getLine().get(0).getValue() : null);
            row.put(PatientOtherAddressColumns.ADDRESS_LINE2,
                    other.getLine().size() > 1 ? other.getLine().get(1).getValue() : null);
            row.put(PatientOtherAddressColumns.CITY, other.getCity());
            row.put(PatientOtherAddressColumns.STATE, other.getState());
            row.put(PatientOtherAddressColumns.POSTAL_CODE, other.getPostalCode());
            row.put(PatientOtherAddressColumns.COUNTRY, other.getCountry());
            row.put(PatientOtherAddressColumns.PERIOD_START_TEXT, other.getPeriod().hasStart()
                    ? other.getPeriod().getStartElement().getValueAsString() : null);
            row.put(PatientOtherAddressColumns.PERIOD_END_TEXT, other.getPeriod().hasEnd()
                    ? other.getPeriod().getEndElement().getValueAsString() : null);
            if (other.getLine().size() > 2) {
                context.notMapped("address.line", "two lines are kept per address");
            }
            context.insert(PatientOtherAddressColumns.TABLE, row);
        }
    }

    /**
     * The languages besides the front desk's one, in order, each with whether the patient prefers it (as stated).
     * A language is its BCP 47 tag: one without a code, or a further coding of one, is reported as not mapped.
     */
    private static void addLanguages(ImportContext context, long patientId, Patient p,
            Patient.PatientCommunicationComponent front) {
        for (Patient.PatientCommunicationComponent communication : p.getCommunication()) {
            CodeableConcept concept = communication.getLanguage();
            if (concept.getCoding().size() > 1) {
                context.notMapped("communication.language.coding", "a language is kept as its first coding");
            }
            if (code(concept) == null) {
                context.notMapped("communication", "a language without a code is not kept");
                continue;
            }
            if (communication == front) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(PatientLanguageColumns.PATIENT_ID, patientId);
            row.put(PatientLanguageColumns.LANGUAGE_CODE, code(concept));
            row.put(PatientLanguageColumns.LANGUAGE_DISPLAY, concept.getCodingFirstRep().getDisplay());
            row.put(PatientLanguageColumns.LANGUAGE_TEXT, concept.getText());
            row.put(PatientLanguageColumns.PREFERRED,
                    communication.hasPreferred() ? communication.getPreferred() : null);
            context.insert(PatientLanguageColumns.TABLE, row);
        }
    }

    /**
     * Every OMB category and detailed code of the race or ethnicity extension, in the order given (US Core allows
     * several of each: a multiracial patient reports more than one category).
     */
    private static void addRaceOrEthnicity(ImportContext context, long patientId, Patient p, String url,
            String kind) {
        for (Extension ext : p.getExtensionsByUrl(url)) {
            for (Extension part : ext.getExtension()) {
                String granularity = switch (part.getUrl()) {
                    case "ombCategory" -> PatientRaceEthnicityColumns.GRANULARITY_OMB;
                    case "detailed" -> PatientRaceEthnicityColumns.GRANULARITY_DETAILED;
                    default -> null;
                };
                if (granularity == null) {
                    continue;
                }
                if (!(part.getValue() instanceof Coding coding) || !coding.hasCode() || !coding.hasSystem()) {
                    context.notMapped("extension", url + " " + part.getUrl() + " without a coded value");
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(PatientRaceEthnicityColumns.PATIENT_ID, patientId);
                row.put(PatientRaceEthnicityColumns.KIND, kind);
                row.put(PatientRaceEthnicityColumns.GRANULARITY, granularity);
                row.put(PatientRaceEthnicityColumns.CODE_SYSTEM, coding.getSystem());
                row.put(PatientRaceEthnicityColumns.CODE, coding.getCode());
                row.put(PatientRaceEthnicityColumns.DISPLAY, coding.getDisplay());
                context.insert(PatientRaceEthnicityColumns.TABLE, row);
            }
        }
    }

    /** The display of the first coding and the text of a coded demographic, into its two columns. */
    private static void putWording(Map<String, Object> row, String displayColumn, String textColumn,
            org.hl7.fhir.r4.model.Type value) {
        CodeableConcept concept = value instanceof CodeableConcept c ? c : null;
        row.put(displayColumn, concept == null || concept.getCoding().isEmpty() ? null
                : concept.getCodingFirstRep().getDisplay());
        row.put(textColumn, concept == null ? null : concept.getText());
    }

    /**
     * The code of the sex extension: a code in US Core 6.1.0 (valueCode); a later version's Coding gives its code
     * (6.1.0 has no place for its system and display).
     */
    private static String sex(Extension ext) {
        return ext != null && ext.getValue() instanceof Coding coding ? coding.getCode() : primitive(ext);
    }

    /** The text of the race or ethnicity extension: the patient's own words. */
    private static String text(Patient p, String url) {
        Extension ext = p.getExtensionsByUrl(url).stream().findFirst().orElse(null);
        Extension text = ext == null ? null : ext.getExtensionsByUrl("text").stream().findFirst().orElse(null);
        return text == null ? null : primitive(text);
    }

    /** The day a FHIR date or dateTime starts on; a year or month alone starts on its first day. */
    private static LocalDate day(String value) {
        String date = value.length() >= 10 ? value.substring(0, 10)
                : value + (value.length() == 4 ? "-01-01" : "-01");
        return LocalDate.parse(date);
    }

    /** The first contact point of the system whose use is {@code use} or not stated. */
    private static ContactPoint first(List<ContactPoint> telecom, ContactPoint.ContactPointSystem system,
            ContactPoint.ContactPointUse use) {
        return telecom.stream().filter(t -> t.getSystem() == system && (!t.hasUse() || t.getUse() == use))
                .findFirst().orElse(null);
    }

    /** The first OMB category, for the patient's own race or ethnicity column (the full list is in rows). */
    private static String ombCategory(Patient p, String url) {
        Extension ext = p.getExtensionsByUrl(url).stream().findFirst().orElse(null);
        if (ext == null) {
            return null;
        }
        // HAPI's getExtensionByUrl throws when a URL repeats: US Core allows up to five ombCategory codings.
        return ext.getExtension().stream()
                .filter(e -> "ombCategory".equals(e.getUrl()) && e.getValue() instanceof Coding)
                .map(e -> ((Coding) e.getValue()).getCode())
                .findFirst().orElse(null);
    }

    /**
     * The first extension of {@code url} (HAPI's getExtensionByUrl throws when one repeats); further ones, which the
     * EHR has one column for, are reported as not mapped.
     */
    private static Extension first(List<Extension> all, String url, ImportContext context) {
        if (all.size() > 1) {
            context.notMapped("extension", url + ": only the first is kept");
        }
        return all.isEmpty() ? null : all.get(0);
    }

    private static String code(org.hl7.fhir.r4.model.Type value) {
        return value instanceof CodeableConcept concept ? code(concept) : null;
    }

    private static String primitive(Extension ext) {
        return ext == null || !(ext.getValue() instanceof PrimitiveType<?> p) ? null : p.getValueAsString();
    }

    private static String code(CodeableConcept concept) {
        return concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep().getCode();
    }
}
