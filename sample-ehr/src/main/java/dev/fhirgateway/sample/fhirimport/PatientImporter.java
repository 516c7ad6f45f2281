package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.NewPatient;
import dev.fhirgateway.sample.PatientRegistry;
import java.time.LocalDate;
import java.util.List;
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
        HumanName name = p.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(p.getNameFirstRep());
        if (!name.hasFamily() || !name.hasGiven()) {
            throw new ImportException("Patient/" + id + " has no family and given name; the EHR needs both");
        }
        if (!p.hasBirthDate()) {
            throw new ImportException("Patient/" + id + " has no birth date; the EHR needs one");
        }
        if (p.getName().size() > 1) {
            context.notMapped("name", "only the official name is kept");
        }
        List<Identifier> mrns = p.getIdentifier().stream()
                .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()))).toList();
        Identifier mrn = mrns.isEmpty() ? p.getIdentifierFirstRep() : mrns.get(0);
        if (p.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the MRN is kept, under the EHR's own MRN system");
        }
        ContactPoint phone = first(p.getTelecom(), ContactPoint.ContactPointSystem.PHONE);
        ContactPoint email = first(p.getTelecom(), ContactPoint.ContactPointSystem.EMAIL);
        Address address = p.getAddress().stream().filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst()
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
        Extension tribal = p.getExtensionByUrl(TRIBAL_AFFILIATION);
        String tribe = tribal == null || tribal.getExtensionByUrl("tribalAffiliation") == null ? null
                : code((CodeableConcept) tribal.getExtensionByUrl("tribalAffiliation").getValue());
        NewPatient patient = new NewPatient(id, mrn.hasValue() ? mrn.getValue() : id, name.getFamily(),
                name.getGiven().get(0).getValue(),
                name.getGiven().size() > 1 ? name.getGiven().get(1).getValue() : null,
                name.hasPrefix() ? name.getPrefix().get(0).getValue() : null,
                name.hasSuffix() ? name.getSuffix().get(0).getValue() : null,
                p.hasGender() ? p.getGender().toCode() : "unknown",
                LocalDate.parse(p.getBirthDateElement().getValueAsString().length() == 10
                        ? p.getBirthDateElement().getValueAsString() : p.getBirthDateElement().getValueAsString()
                        + (p.getBirthDateElement().getValueAsString().length() == 4 ? "-01-01" : "-01")),
                p.hasDeceasedDateTimeType() ? LocalDate.parse(p.getDeceasedDateTimeType().getValueAsString()
                        .substring(0, 10)) : null,
                phone == null ? null : phone.getValue(),
                email == null ? null : email.getValue(),
                address == null || !address.hasLine() ? null : address.getLine().get(0).getValue(),
                address == null ? null : address.getCity(),
                state,
                address == null ? null : address.getPostalCode(),
                language,
                ombCategory(p, RACE),
                ombCategory(p, ETHNICITY),
                primitive(p.getExtensionByUrl(BIRTH_SEX)),
                primitive(p.getExtensionByUrl(SEX)),
                p.getExtensionByUrl(GENDER_IDENTITY) == null ? null
                        : code((CodeableConcept) p.getExtensionByUrl(GENDER_IDENTITY).getValue()),
                tribe,
                name.getPeriod().hasStart() ? LocalDate.parse(name.getPeriod().getStartElement().getValueAsString()
                        .substring(0, 10)) : null,
                address != null && address.getPeriod().hasStart()
                        ? LocalDate.parse(address.getPeriod().getStartElement().getValueAsString().substring(0, 10))
                        : null);
        PatientRegistry.addPatient(context.rows(), context.practiceId(), patient);
    }

    private static ContactPoint first(List<ContactPoint> telecom, ContactPoint.ContactPointSystem system) {
        return telecom.stream().filter(t -> t.getSystem() == system).findFirst().orElse(null);
    }

    private static String ombCategory(Patient p, String url) {
        Extension ext = p.getExtensionByUrl(url);
        if (ext == null || ext.getExtensionByUrl("ombCategory") == null) {
            return null;
        }
        return ((Coding) ext.getExtensionByUrl("ombCategory").getValue()).getCode();
    }

    private static String primitive(Extension ext) {
        return ext == null || !(ext.getValue() instanceof PrimitiveType<?> p) ? null : p.getValueAsString();
    }

    private static String code(CodeableConcept concept) {
        return concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep().getCode();
    }
}
