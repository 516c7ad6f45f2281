package dev.fhirgateway.sample.generate;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Makes a practice's worth of realistic patient records by multiplying a base cohort: the Inferno US Core test
 * patients {@code 85} and {@code 355} (seed/inferno), which are Synthea output checked against US Core 6.1.0.
 * Each generated patient is a copy of one of them with a fresh id, MRN, name, phone, e-mail and address, every
 * date shifted by the same number of days (so ages at encounters stay true), measured values varied by up to
 * 10%, and a random subset of the clinical record kept (at least 50 resources across every type: vitals, labs,
 * problems, encounters, medications, immunizations, documents, ...). The first copy of each template keeps the
 * whole record, so a benchmark finds the same heavy patients at every practice size. The practice's directory
 * (organizations, locations, practitioners, their roles and endpoints, medications) is shared by all patients.
 * Deterministic: the same seed, practice and index give the same patient.
 */
public final class PracticeGenerator {

    /** Fewest resources a generated patient has (its Patient included). */
    public static final int MIN_RESOURCES_PER_PATIENT = 50;

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final List<String> TEMPLATE_FILES =
            List.of("seed/inferno/uscore_bundle_patient_85.json", "seed/inferno/uscore_bundle_patient_355.json");
    private static final Set<String> DIRECTORY_TYPES =
            Set.of("Organization", "Location", "Practitioner", "PractitionerRole", "Endpoint", "Medication");

    private final String practicePin;
    private final long seed;
    private final List<Template> templates = new ArrayList<>();
    private final List<Resource> directory = new ArrayList<>();
    private final FhirTerser terser = FHIR.newTerser();

    /** The base cohort's record of one patient: the Patient, its clinical resources, and how to find them. */
    private record Template(Patient patient, List<Resource> clinical, Map<String, String> targetByReference,
            Map<Resource, Edits> edits) {
    }

    /**
     * Where a template resource changes per copy: its references (with their targets in the template) and its
     * dates (with their values in the template). Found once per template resource; each copy sets them on the
     * template (only the generating thread touches templates) and then copies it, so no copy is walked again.
     */
    private record Edits(List<Reference> references, List<String> targets, List<BaseDateTimeType> dates,
            List<Date> values, List<TemporalPrecisionEnum> precisions) {
    }

    public PracticeGenerator(String practicePin, long seed) {
        this.practicePin = practicePin;
        this.seed = seed;
        Set<String> directoryIds = new TreeSet<>();
        for (String file : TEMPLATE_FILES) {
            Bundle bundle = read(file);
            Map<String, String> targetByReference = new HashMap<>();
            Patient patient = null;
            List<Resource> clinical = new ArrayList<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource r = entry.getResource();
                // HAPI gives a Bundle entry's resource its urn:uuid: full URL as id; the EHR keeps the UUID.
                String id = r.getIdElement().getIdPart();
                if (id == null || id.startsWith("urn:")) {
                    id = entry.getFullUrl().substring(entry.getFullUrl().lastIndexOf(':') + 1);
                }
                r.setId(id);
                String target = r.fhirType() + "/" + id;
                targetByReference.put(entry.getFullUrl(), target);
                targetByReference.put(target, target);
                if (DIRECTORY_TYPES.contains(r.fhirType())) {
                    if (directoryIds.add(target)) {
                        directory.add(r);
                    }
                } else if (r instanceof Patient p) {
                    patient = p;
                } else {
                    clinical.add(r);
                }
            }
            Map<Resource, Edits> edits = new IdentityHashMap<>();
            edits.put(patient, edits(patient, targetByReference));
            clinical.forEach(r -> edits.put(r, edits(r, targetByReference)));
            templates.add(new Template(patient, clinical, targetByReference, edits));
        }
    }

    /** The public id of the generated patient at {@code index} (unique across practices, as patient ids are). */
    public static String patientId(String practicePin, int index) {
        return "gen-" + practicePin + "-" + index;
    }

    /** The MRN of the generated patient at {@code index}. */
    public static String mrn(int index) {
        return String.valueOf(70_000_000 + index);
    }

    /** How many templates the patients are copies of: patient {@code i} copies template {@code i % count}. */
    public int templateCount() {
        return templates.size();
    }

    /** The practice's directory, shared by all generated patients; import it once, before the patients. */
    public Bundle directory() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        directory.forEach(r -> bundle.addEntry().setResource(r.copy()));
        return bundle;
    }

    /** Adds the records of the patient at {@code index} to {@code bundle}; returns how many resources. */
    public int addPatient(Bundle bundle, int index) {
        return addPatient(bundle, index, true);
    }

    /**
     * The Patient at {@code index} alone, as {@link #addPatient} makes it: for tests that need many patients
     * and not their records.
     */
    public Patient patient(int index) {
        Bundle bundle = new Bundle();
        addPatient(bundle, index, false);
        return (Patient) bundle.getEntryFirstRep().getResource();
    }

    private int addPatient(Bundle bundle, int index, boolean withRecord) {
        Template template = templates.get(index % templates.size());
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        List<Resource> kept = index < templates.size() ? template.clinical() : sample(template.clinical(), random);
        Map<String, String> newTarget = new HashMap<>();
        String patientTarget = "Patient/" + patientId(practicePin, index);
        newTarget.put(template.patient().fhirType() + "/" + template.patient().getIdElement().getIdPart(),
                patientTarget);
        for (Resource r : kept) {
            newTarget.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r.fhirType() + "/" + UUID
                    .nameUUIDFromBytes((practicePin + "/" + index + "/" + r.getIdElement().getIdPart())
                            .getBytes(StandardCharsets.UTF_8)));
        }
        int shiftDays = -random.nextInt(0, 3 * 365);
        double valueFactor = 0.9 + random.nextDouble() * 0.2;
        Patient patient = (Patient) copy(template.patient(), template, newTarget, shiftDays);
        newIdentity(patient, index, random);
        bundle.addEntry().setResource(patient);
        if (!withRecord) {
            return 1;
        }
        for (Resource original : kept) {
            Resource copy = copy(original, template, newTarget, shiftDays);
            if (copy instanceof Observation o) {
                vary(o.getValue(), valueFactor);
                o.getComponent().forEach(c -> vary(c.getValue(), valueFactor));
            }
            bundle.addEntry().setResource(copy);
        }
        return 1 + kept.size();
    }

    /** Every type of the record, each in proportion, about 55 to 110 resources in all. */
    private static List<Resource> sample(List<Resource> clinical, SplittableRandom random) {
        int wanted = 55 + random.nextInt(56);
        Map<String, List<Integer>> byType = new LinkedHashMap<>();
        for (int i = 0; i < clinical.size(); i++) {
            byType.computeIfAbsent(clinical.get(i).fhirType(), t -> new ArrayList<>()).add(i);
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        for (List<Integer> indexes : byType.values()) {
            int take = Math.min(indexes.size(),
                    Math.max(1, Math.round((float) indexes.size() * wanted / clinical.size())));
            List<Integer> pool = new ArrayList<>(indexes);
            for (int k = 0; k < take; k++) {
                chosen.add(pool.remove(random.nextInt(pool.size())));
            }
        }
        while (chosen.size() + 1 < MIN_RESOURCES_PER_PATIENT && chosen.size() < clinical.size()) {
            chosen.add(random.nextInt(clinical.size()));
        }
        List<Resource> kept = new ArrayList<>(chosen.size());
        chosen.forEach(i -> kept.add(clinical.get(i)));
        return kept;
    }

    /** Finds the references to other template resources and the dates of a template resource. */
    private Edits edits(Resource resource, Map<String, String> targetByReference) {
        // The narrative names the template patient and meta is the server's: neither is part of the record.
        resource.setMeta(null);
        if (resource instanceof DomainResource d) {
            d.setText(null);
        }
        Edits edits = new Edits(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        terser.visit(resource, new IModelVisitor() {
            @Override
            public void acceptElement(IBaseResource theResource, IBase element, List<String> path,
                    BaseRuntimeChildDefinition child, BaseRuntimeElementDefinition<?> definition) {
                if (element instanceof Reference reference && reference.hasReference()) {
                    String target = targetByReference.get(reference.getReference());
                    if (target != null) {  // others (contained #id, outside the template) stay as written
                        edits.references().add(reference);
                        edits.targets().add(target);
                    }
                } else if (element instanceof BaseDateTimeType time && time.getValue() != null) {
                    edits.dates().add(time);
                    edits.values().add(time.getValue());
                    edits.precisions().add(time.getPrecision());
                }
            }
        });
        return edits;
    }

    /**
     * A copy of a template resource with a new id, references to this patient's copies (directory references as
     * they are, references to what this copy left out dropped) and dates shifted.
     */
    private static Resource copy(Resource original, Template template, Map<String, String> newTarget,
            int shiftDays) {
        Edits edits = template.edits().get(original);
        for (int i = 0; i < edits.references().size(); i++) {
            String target = edits.targets().get(i);
            String type = target.substring(0, target.indexOf('/'));
            edits.references().get(i).setReference(DIRECTORY_TYPES.contains(type) ? target : newTarget.get(target));
        }
        for (int i = 0; i < edits.dates().size(); i++) {
            BaseDateTimeType time = edits.dates().get(i);
            time.setValue(new Date(edits.values().get(i).getTime()), edits.precisions().get(i));
            time.add(Calendar.DAY_OF_MONTH, shiftDays);
        }
        Resource copy = original.copy();
        String own = newTarget.get(original.fhirType() + "/" + original.getIdElement().getIdPart());
        copy.setId(own.substring(own.indexOf('/') + 1));
        return copy;
    }

    private void newIdentity(Patient patient, int index, SplittableRandom random) {
        boolean female = patient.getGender() == org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE;
        String given = pick(female ? Names.FEMALE_GIVEN : Names.MALE_GIVEN, random);
        String middle = random.nextInt(3) == 0 ? pick(female ? Names.FEMALE_GIVEN : Names.MALE_GIVEN, random) : null;
        String family = pick(Names.FAMILY, random);
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given);
        if (middle != null && !middle.equals(given)) {
            name.addGiven(middle);
        }
        patient.getName().clear();
        patient.addName(name);
        Identifier templateMrn = patient.getIdentifier().stream()
                .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode())))
                .findFirst().orElseThrow();
        patient.getIdentifier().clear();
        patient.addIdentifier(templateMrn.setValue(mrn(index)));
        patient.getTelecom().clear();
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.HOME)
                .setValue(String.format("555-%03d-%04d", random.nextInt(200, 1000), index % 10_000));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                .setValue((given + "." + family + index).toLowerCase().replaceAll("[^a-z0-9.]", "") + "@example.com");
        String[] place = Names.PLACES.get(random.nextInt(Names.PLACES.size()));
        patient.getAddress().clear();
        patient.addAddress().setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME)
                .addLine(random.nextInt(1, 9999) + " " + pick(Names.STREETS, random))
                .setCity(place[0]).setState(place[1]).setPostalCode(place[2]).setCountry("US");
    }

    private static void vary(org.hl7.fhir.r4.model.Type value, double factor) {
        if (value instanceof Quantity q && q.hasValue()) {
            BigDecimal v = q.getValue();
            q.setValue(v.multiply(BigDecimal.valueOf(factor)).setScale(Math.max(v.scale(), 0), RoundingMode.HALF_UP));
        }
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static Bundle read(String resource) {
        try (InputStream in = PracticeGenerator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return FHIR.newJsonParser().parseResource(Bundle.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
