package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.NewPatient;
import dev.fhirgateway.sample.PatientRegistry;
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
        return "patient";
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
        ContactPoint phone = first(p.getTelecom(), ContactPoint.ContactPointSystem.PHONE);
        ContactPoint email = first(p.getTelecom(), ContactPoint.ContactPointSystem.EMAIL);
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
        String language = p.getCommunication().isEmpty() ? null
                : code(p.getCommunicationFirstRep().getLanguage());
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
        more.put("race_text", text(p, RACE));
        more.put("ethnicity_text", text(p, ETHNICITY));
        Extension enrolled = tribal == null ? null
                : first(tribal.getExtensionsByUrl("isEnrolled"), "isEnrolled", context);
        more.put("tribal_affiliation_enrolled", enrolled != null && enrolled.getValue() instanceof
                org.hl7.fhir.r4.model.BooleanType b ? b.getValue() : null);
        // The names and words the codes were recorded with.
        CodeableConcept languageConcept = p.getCommunication().isEmpty() ? null
                : p.getCommunicationFirstRep().getLanguage();
        putWording(more, "language", languageConcept);
        putWording(more, "gender_identity", genderIdentity == null ? null : genderIdentity.getValue());
        putWording(more, "tribal_affiliation", tribalCode == null ? null : tribalCode.getValue());
        more.put("deceased", p.hasDeceasedBooleanType() ? p.getDeceasedBooleanType().getValue() : null);
        more.put("deceased_text", p.hasDeceasedDateTimeType() ? p.getDeceasedDateTimeType().getValueAsString()
                : null);
        if (p.getCommunication().size() > 1) {
            context.notMapped("communication", "the EHR keeps the first language");
        }
        long patientId = PatientRegistry.addPatient(context.rows(), context.practiceId(), patient, more);
        addOtherNamesAndAddresses(context, patientId, p, patient, name, address);
        addRaceOrEthnicity(context, patientId, p, RACE, "race");
        addRaceOrEthnicity(context, patientId, p, ETHNICITY, "ethnicity");
        for (ContactPoint point : p.getTelecom()) {
            // The front desk's phone and e-mail are on the patient row; every other contact point in order.
            if (point != phone && point != email) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("patient_id", patientId);
                row.put("telecom_system", point.hasSystem() ? point.getSystem().toCode() : null);
                row.put("telecom_value", point.getValue());
                row.put("telecom_use", point.hasUse() ? point.getUse().toCode() : null);
                context.insert("patient_telecom", row);
            }
        }
        for (Identifier identifier : p.getIdentifier()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("patient_id", patientId);
            row.put("id_use", identifier.hasUse() ? identifier.getUse().toCode() : null);
            Codes.put(row, "type", identifier.hasType() ? identifier.getType() : null, context, "identifier.type");
            row.put("id_system", identifier.getSystem());
            row.put("id_value", identifier.getValue());
            if (identifier.hasPeriod() || identifier.hasAssigner()) {
                context.notMapped("identifier", "the period and assigner of an identifier are not kept");
            }
            context.insert("patient_identifier", row);
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
            row.put("patient_id", patientId);
            row.put("name_use", other.hasUse() ? other.getUse().toCode() : null);
            row.put("family_name", other.getFamily());
            row.put("given_name", other.getGiven().size() > 0 ? other.getGiven().get(0).getValue() : null);
            row.put("middle_name", other.getGiven().size() > 1 ? other.getGiven().get(1).getValue() : null);
            row.put("name_prefix", other.hasPrefix() ? other.getPrefix().get(0).getValue() : null);
            row.put("name_suffix", other.hasSuffix() ? other.getSuffix().get(0).getValue() : null);
            row.put("period_start_text", other.getPeriod().hasStart()
                    ? other.getPeriod().getStartElement().getValueAsString() : null);
            row.put("period_end_text", other.getPeriod().hasEnd()
                    ? other.getPeriod().getEndElement().getValueAsString() : null);
            if (other.getGiven().size() > 2 || other.getPrefix().size() > 1 || other.getSuffix().size() > 1) {
                context.notMapped("name", "two given names, one prefix and one suffix are kept per name");
            }
            context.insert("patient_other_name", row);
            otherNames.add(new String[] {(String) row.get("family_name"), (String) row.get("given_name"),
                (String) row.get("middle_name"), (String) row.get("name_prefix"), (String) row.get("name_suffix")});
        }
        PatientRegistry.addOtherNameParts(context.rows(), patientId, current, otherNames);
        for (Address other : p.getAddress()) {
            if (other == currentAddress) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("patient_id", patientId);
            row.put("address_use", other.hasUse() ? other.getUse().toCode() : null);
            row.put("address_line", other.getLine().size() > 0 ? other.getLine().get(0).getValue() : null);
            row.put("address_line2", other.getLine().size() > 1 ? other.getLine().get(1).getValue() : null);
            row.put("city", other.getCity());
            row.put("state", other.getState());
            row.put("postal_code", other.getPostalCode());
            row.put("country", other.getCountry());
            row.put("period_start_text", other.getPeriod().hasStart()
                    ? other.getPeriod().getStartElement().getValueAsString() : null);
            row.put("period_end_text", other.getPeriod().hasEnd()
                    ? other.getPeriod().getEndElement().getValueAsString() : null);
            if (other.getLine().size() > 2) {
                context.notMapped("address.line", "two lines are kept per address");
            }
            context.insert("patient_other_address", row);
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
                    case "ombCategory" -> "omb";
                    case "detailed" -> "detailed";
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
                row.put("patient_id", patientId);
                row.put("kind", kind);
                row.put("granularity", granularity);
                row.put("code_system", coding.getSystem());
                row.put("code", coding.getCode());
                row.put("display", coding.getDisplay());
                context.insert("patient_race_ethnicity", row);
            }
        }
    }

    /** The display of the first coding and the text of a coded demographic, into {@code <name>_display/_text}. */
    private static void putWording(Map<String, Object> row, String name, org.hl7.fhir.r4.model.Type value) {
        CodeableConcept concept = value instanceof CodeableConcept c ? c : null;
        row.put(name + "_display", concept == null || concept.getCoding().isEmpty() ? null
                : concept.getCodingFirstRep().getDisplay());
        row.put(name + "_text", concept == null ? null : concept.getText());
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

    private static ContactPoint first(List<ContactPoint> telecom, ContactPoint.ContactPointSystem system) {
        return telecom.stream().filter(t -> t.getSystem() == system).findFirst().orElse(null);
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
