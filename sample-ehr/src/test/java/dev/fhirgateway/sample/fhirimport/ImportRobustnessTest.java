package dev.fhirgateway.sample.fhirimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.adapter.SampleEhrAdapterProvider;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.kit.UsCoreValidation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: valid US Core data imports without a crash (several race and ethnicity codes, every identifier),
 * anything refused is reported per resource and the file is rolled back whole, malformed files are named with the
 * position, re-imports change nothing, and references to observations of any category resolve.
 */
class ImportRobustnessTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PRACTICE = "7013";
    private static final String RACE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    private static final String ETHNICITY = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
    private static final String OMB = "urn:oid:2.16.840.1.113883.6.238";

    @TempDir
    Path dir;
    private String url;
    private EhrDatabase database;
    private EhrAdapter adapter;
    private BundleImporter importer;

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:robust-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = EhrDatabase.open(url, "sa", "");
        importer = new BundleImporter(database.jdbi());
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of("jdbc.url", url, "jdbc.user", "sa")));
    }

    @AfterEach
    void close() {
        adapter.close();
        database.close();
    }

    @Test
    void aMultiracialPatientImportsWithEveryCategoryDetailedCodeAndIdentifierAndIsServedBackConformant() {
        ImportReport report = importer.importBundle(PRACTICE, bundle(multiracial("multi-1", "MRN-1")), "multi.json");

        assertThat(report.imported()).containsEntry("Patient", 1);
        assertThat(report.notMapped()).noneMatch(m -> m.contains("identifier") || m.contains("us-core-race"));
        Patient back = (Patient) adapter.read(call(), "Patient", "multi-1").orElseThrow();
        Extension race = back.getExtensionByUrl(RACE);
        assertThat(race.getExtensionsByUrl("ombCategory")).extracting(e -> ((Coding) e.getValue()).getCode())
                .containsExactly("2106-3", "1002-5", "2028-9");
        assertThat(race.getExtensionsByUrl("detailed")).extracting(e -> ((Coding) e.getValue()).getCode())
                .containsExactly("1586-7", "2036-2");
        assertThat(((StringType) race.getExtensionsByUrl("text").get(0).getValue()).getValue()).isEqualTo("Mixed");
        Extension ethnicity = back.getExtensionByUrl(ETHNICITY);
        assertThat(ethnicity.getExtensionsByUrl("ombCategory")).extracting(e -> ((Coding) e.getValue()).getCode())
                .containsExactly("2135-2");
        assertThat(ethnicity.getExtensionsByUrl("detailed")).extracting(e -> ((Coding) e.getValue()).getCode())
                .containsExactly("2184-0", "2148-5");
        assertThat(back.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("http://hospital.example.org", "MRN-1"),
                        org.assertj.core.groups.Tuple.tuple("http://hl7.org/fhir/sid/us-ssn", "999-12-3456"));
        assertThat(UsCoreValidation.errors(back)).isEmpty();

        // Every identifier is searchable; the MRN stays searchable under the EHR's own system too.
        assertThat(searchIdentifier("http://hl7.org/fhir/sid/us-ssn|999-12-3456")).containsExactly("multi-1");
        assertThat(searchIdentifier("999-12-3456")).containsExactly("multi-1");
        assertThat(searchIdentifier("http://other.example.org|999-12-3456")).isEmpty();
        assertThat(searchIdentifier("https://sample-ehr.fhirgateway.dev/mrn|MRN-1")).containsExactly("multi-1");
    }

    @Test
    void everyRefusedResourceIsNamedWithItsReasonAndNothingOfTheFileIsKept() {
        AllergyIntolerance orphan1 = allergy("orphan-1", "Patient/nobody-1");
        AllergyIntolerance orphan2 = allergy("orphan-2", "Patient/nobody-2");

        assertThatThrownBy(() -> importer.importBundle(PRACTICE,
                bundle(multiracial("kept-then-rolled-back", "MRN-2"), orphan1, orphan2), "two-bad.json"))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.getMessage()).contains("two-bad.json").contains("nothing of it was kept");
                    assertThat(e.refused()).hasSize(2);
                    assertThat(e.refused().get(0)).startsWith("AllergyIntolerance/orphan-1: ")
                            .contains("patient the EHR does not hold");
                    assertThat(e.refused().get(1)).startsWith("AllergyIntolerance/orphan-2: ");
                });
        assertThat(adapter.read(call(), "Patient", "kept-then-rolled-back")).as("rolled back with its file").isEmpty();
        long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient_race_ethnicity")
                .mapTo(Long.class).one());
        assertThat(rows).isZero();
    }

    @Test
    void aMalformedFileIsRefusedInOneLineNamingTheFileAndThePosition() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [ { \"resource\": }\n]}\n");

        assertThatThrownBy(() -> importer.importFiles(PRACTICE, List.of(broken)))
                .isInstanceOf(ImportException.class)
                .hasMessage("broken.json: not valid JSON at line 3, column 28; nothing imported");
    }

    @Test
    void theCommandGoesOnAfterARefusedFileReportsEachResourceAndExitsNonZero() throws Exception {
        Path good = dir.resolve("good.json");
        Files.writeString(good, FHIR.newJsonParser().encodeResourceToString(bundle(multiracial("good-1", "MRN-3"))));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, FHIR.newJsonParser().encodeResourceToString(
                bundle(allergy("orphan-3", "Patient/nobody-3"))));
        Path malformed = dir.resolve("malformed.json");
        Files.writeString(malformed, "{ \"resourceType\": ");
        String fileUrl = "jdbc:h2:file:" + dir.resolve("ehr") + ";DB_CLOSE_ON_EXIT=FALSE";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ImportCommand.run(ImportCommand.parse(List.of("--practice", PRACTICE, "--db", fileUrl,
                "--db-user", "sa", bad.toString(), malformed.toString(), good.toString())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("bad.json: nothing of it was kept")
                .contains("    AllergyIntolerance/orphan-3: ")
                .contains("malformed.json: not valid JSON at line 1")
                .contains("2 of 3 files refused")
                .doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("good.json: imported 1 resources");
    }

    @Test
    void aFileHoldingOneResourceIsImportedAsACollectionOfOne() throws Exception {
        Path single = dir.resolve("Patient-single.json");
        Files.writeString(single, FHIR.newJsonParser().encodeResourceToString(multiracial("single-1", "MRN-4")));

        ImportReport report = importer.importFiles(PRACTICE, List.of(single)).get(0);

        assertThat(report.imported()).containsEntry("Patient", 1);
        assertThat(adapter.read(call(), "Patient", "single-1")).isPresent();
    }

    @Test
    void importingTheSameFileTwiceAddsNoRowsEvenForResourcesWithoutId() {
        Observation noId = new Observation();
        noId.setStatus(Observation.ObservationStatus.FINAL);
        noId.addCategory(new CodeableConcept(new Coding(ObservationRouting.CATEGORY, "laboratory", null)));
        noId.setCode(new CodeableConcept(new Coding(ObservationRouting.LOINC, "2339-0", null)));
        noId.setSubject(new Reference("Patient/twice-1"));
        Bundle bundle = bundle(multiracial("twice-1", "MRN-5"), noId);
        String json = FHIR.newJsonParser().encodeResourceToString(bundle);

        ImportReport first = importer.importBundle(PRACTICE, FHIR.newJsonParser().parseResource(Bundle.class, json),
                "twice.json");
        Map<String, Long> before = counts();
        ImportReport second = importer.importBundle(PRACTICE, FHIR.newJsonParser().parseResource(Bundle.class, json),
                "twice.json");

        assertThat(first.importedCount()).isEqualTo(2);
        assertThat(second.importedCount()).isZero();
        assertThat(second.skipped()).hasSize(2).allMatch(s -> s.endsWith("already in the EHR; left unchanged"));
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void noServedReferenceDanglesAndEachLeftOutReferenceIsReported() throws Exception {
        // Patient 85's Provenance names observations filed under US Core 7 categories, which a US Core 6.1.0
        // record cannot carry conformantly (their category codes are unknown to 6.1.0's complete code system):
        // they are reported as not kept, and so is each reference to them, which is left out.
        ImportReport report = importer.importFiles(PRACTICE,
                List.of(InfernoFixtures.file("uscore_bundle_patient_85.json"))).get(0);
        List<String> notKept = List.of("47576d19-ec6c-4ab9-b8e0-3e8ed99a35be", "db06bd66-469d-4556-9883-cd6a8be1f7e9",
                "23c5bf6a-b411-424a-b466-9dee7f4838df");

        for (String id : notKept) {
            assertThat(report.skipped()).anyMatch(s -> s.startsWith("Observation/" + id + ": "));
            assertThat(report.notMapped()).anyMatch(m -> m.startsWith("Provenance/6368d1b9-f765-9495-acfc-4b0c8d11db3e"
                    + " target (refers to Observation/" + id + ", which the EHR does not hold"));
        }
        org.hl7.fhir.r4.model.Provenance provenance = (org.hl7.fhir.r4.model.Provenance) adapter.read(call(),
                "Provenance", "6368d1b9-f765-9495-acfc-4b0c8d11db3e").orElseThrow();
        assertThat(provenance.getTarget()).isNotEmpty();
        for (Reference target : provenance.getTarget()) {
            String[] parts = target.getReference().split("/");
            assertThat(adapter.read(call(), parts[0], parts[1])).as("target %s", target.getReference()).isPresent();
        }
    }

    @Test
    void everyCodingOfACodeIsKeptServedInOrderAndSearchable() {
        org.hl7.fhir.r4.model.Condition problem = new org.hl7.fhir.r4.model.Condition();
        problem.setId("two-codes");
        problem.setSubject(new Reference("Patient/coded-1"));
        problem.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")));
        problem.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        problem.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        problem.setCode(new CodeableConcept()
                .addCoding(new Coding("http://snomed.info/sct", "44054006", "Diabetes mellitus type 2"))
                .addCoding(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "E11.9", "Type 2 diabetes mellitus"))
                .setText("Type 2 diabetes"));

        ImportReport report = importer.importBundle(PRACTICE, bundle(multiracial("coded-1", "MRN-6"), problem),
                "coded.json");

        assertThat(report.notMapped()).noneMatch(m -> m.contains("code.coding"));
        org.hl7.fhir.r4.model.Condition back = (org.hl7.fhir.r4.model.Condition) adapter.read(call(), "Condition",
                "two-codes").orElseThrow();
        assertThat(back.getCode().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http://snomed.info/sct", "44054006"),
                        org.assertj.core.groups.Tuple.tuple("http://hl7.org/fhir/sid/icd-10-cm", "E11.9"));
        assertThat(back.getCode().getText()).isEqualTo("Type 2 diabetes");
        assertThat(UsCoreValidation.errors(back)).isEmpty();
        for (SearchValue.Token code : List.of(new SearchValue.Token("http://hl7.org/fhir/sid/icd-10-cm", "E11.9"),
                new SearchValue.Token(null, "E11.9"), new SearchValue.Token(null, "44054006"))) {
            SearchRequest request = new SearchRequest("Condition",
                    List.of(new SearchCriterion("code", List.of(code))), 50, null);
            assertThat(adapter.search(call(), request).resources()).as("Condition?code=%s", code)
                    .extracting(r -> r.getIdElement().getIdPart()).containsExactly("two-codes");
        }
        SearchRequest wrongSystem = new SearchRequest("Condition", List.of(new SearchCriterion("code",
                List.of(new SearchValue.Token("http://snomed.info/sct", "E11.9")))), 50, null);
        assertThat(adapter.search(call(), wrongSystem).resources()).isEmpty();
    }

    @Test
    void formerNamesAndAddressesAreKeptWithTheirPeriodsAndFormerNamesAreSearchable() {
        Patient p = multiracial("moved-1", "MRN-7");
        p.getName().clear();
        p.addName().setUse(org.hl7.fhir.r4.model.HumanName.NameUse.OLD).setFamily("Shaw").addGiven("Amy")
                .setPeriod(new org.hl7.fhir.r4.model.Period()
                        .setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2016-12-06"))
                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2020-07-22")));
        p.addName().setFamily("Baxter").addGiven("Amy").addSuffix("PharmD");
        p.addAddress().setUse(org.hl7.fhir.r4.model.Address.AddressUse.OLD).addLine("49 Meadow St").setCity("Mounds")
                .setState("OK").setPostalCode("74047").setPeriod(new org.hl7.fhir.r4.model.Period()
                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2020-07-22")));
        p.addAddress().addLine("183 Mountain View St").setCity("Mounds").setState("OK").setPostalCode("74048");

        importer.importBundle(PRACTICE, bundle(p), "moved.json");

        Patient back = (Patient) adapter.read(call(), "Patient", "moved-1").orElseThrow();
        assertThat(back.getNameFirstRep().getFamily()).as("the current name comes first").isEqualTo("Baxter");
        assertThat(back.getName()).anySatisfy(n -> {
            assertThat(n.getUse()).isEqualTo(org.hl7.fhir.r4.model.HumanName.NameUse.OLD);
            assertThat(n.getFamily()).isEqualTo("Shaw");
            assertThat(n.getPeriod().getEndElement().getValueAsString()).isEqualTo("2020-07-22");
        });
        assertThat(back.getAddressFirstRep().getLine().get(0).getValue()).isEqualTo("183 Mountain View St");
        assertThat(back.getAddress()).anySatisfy(a -> {
            assertThat(a.getUse()).isEqualTo(org.hl7.fhir.r4.model.Address.AddressUse.OLD);
            assertThat(a.getLine().get(0).getValue()).isEqualTo("49 Meadow St");
        });
        assertThat(UsCoreValidation.errors(back)).isEmpty();
        SearchRequest byFormerName = new SearchRequest("Patient", List.of(new SearchCriterion("name",
                List.of(new SearchValue.Text("shaw", SearchValue.Text.Mode.STARTS_WITH)))), 50, null);
        assertThat(adapter.search(call(), byFormerName).resources()).extracting(r -> r.getIdElement().getIdPart())
                .containsExactly("moved-1");
    }

    @Test
    void everyLanguageAndEveryContactPointOfAPatientSiteAndRoleIsKeptServedAndLeftAloneOnReimport()
            throws Exception {
        Path fixture = Path.of("src", "test", "resources", "roundtrip", "languages-and-contact-points.json");
        Map<String, Long> empty = childCounts();

        ImportReport report = importer.importFiles(PRACTICE, List.of(fixture)).get(0);

        assertThat(report.notMapped()).noneMatch(m -> m.contains("communication") || m.contains("telecom"));
        Patient patient = (Patient) adapter.read(call(), "Patient", "polyglot-1").orElseThrow();
        // The preferred language is the front desk's (served first), the others follow in order.
        assertThat(patient.getCommunication()).extracting(c -> c.getLanguage().getCodingFirstRep().getCode(),
                c -> c.getLanguage().getText(), c -> c.hasPreferred() ? c.getPreferred() : null)
                .containsExactly(tuple("es", "Español", true), tuple("vi", "Tiếng Việt", null),
                        tuple("en-US", null, false));
        assertThat(patient.getTelecom()).extracting(t -> t.getSystem().toCode(), ContactPoint::getValue,
                t -> t.hasUse() ? t.getUse().toCode() : null)
                .containsExactlyInAnyOrder(tuple("phone", "555-0101", "mobile"), tuple("phone", "555-0100", "home"),
                        tuple("email", "lan.work@example.org", "work"), tuple("email", "lan@example.org", null));
        Location site = (Location) adapter.read(call(), "Location", "harbor-clinic-main").orElseThrow();
        assertThat(site.getTelecom()).extracting(t -> t.getSystem().toCode(), ContactPoint::getValue,
                t -> t.hasUse() ? t.getUse().toCode() : null)
                .containsExactly(tuple("phone", "555-0210", "work"), tuple("fax", "555-0211", "work"),
                        tuple("phone", "555-0212", "mobile"), tuple("email", "frontdesk@harbor.example.org", null),
                        tuple("url", "https://harbor.example.org/main", null));
        PractitionerRole role = (PractitionerRole) adapter.read(call(), "PractitionerRole",
                "dr-harbor-family-medicine").orElseThrow();
        assertThat(role.getTelecom()).extracting(t -> t.getSystem().toCode(), ContactPoint::getValue)
                .containsExactlyInAnyOrder(tuple("phone", "555-0220"), tuple("phone", "555-0221"),
                        tuple("fax", "555-0222"), tuple("email", "a.okafor@harbor.example.org"),
                        tuple("email", "referrals@harbor.example.org"), tuple("pager", "555-0223"));
        for (Resource served : List.of(patient, site, role)) {
            assertThat(UsCoreValidation.errors(served)).as("%s", served.getIdElement().getValue()).isEmpty();
        }
        // US Core's searches of the site and the role still find them.
        assertThat(search("Location", "address-city", new SearchValue.Text("Boston", SearchValue.Text.Mode.STARTS_WITH)))
                .containsExactly("harbor-clinic-main");
        assertThat(search("Location", "name", new SearchValue.Text("harbor family", SearchValue.Text.Mode.STARTS_WITH)))
                .containsExactly("harbor-clinic-main");
        assertThat(search("PractitionerRole", "specialty",
                new SearchValue.Token("http://nucc.org/provider-taxonomy", "207Q00000X")))
                .containsExactly("dr-harbor-family-medicine");
        assertThat(search("PractitionerRole", "practitioner", new SearchValue.Reference("Practitioner", "dr-harbor")))
                .containsExactly("dr-harbor-family-medicine");

        Map<String, Long> imported = childCounts();
        assertThat(imported).containsEntry("patient_language", empty.get("patient_language") + 2)
                .containsEntry("location_telecom", empty.get("location_telecom") + 4)
                .containsEntry("practitioner_role_telecom", empty.get("practitioner_role_telecom") + 4);
        ImportReport again = importer.importFiles(PRACTICE, List.of(fixture)).get(0);
        assertThat(again.importedCount()).isZero();
        assertThat(childCounts()).as("a second import adds no rows").isEqualTo(imported);
    }

    @Test
    void aLanguageTagWithScriptAndRegionIsKept() {
        Patient p = multiracial("cantonese-1", "MRN-8");
        p.addCommunication().setPreferred(true).setLanguage(new CodeableConcept(
                new Coding("urn:ietf:bcp:47", "yue-Hant-HK", "Cantonese (Traditional, Hong Kong)")));

        importer.importBundle(PRACTICE, bundle(p), "cantonese.json");

        Patient back = (Patient) adapter.read(call(), "Patient", "cantonese-1").orElseThrow();
        assertThat(back.getCommunicationFirstRep().getLanguage().getCodingFirstRep().getCode())
                .isEqualTo("yue-Hant-HK");
    }

    private Map<String, Long> childCounts() {
        return database.jdbi().withHandle(h -> Map.of("patient_language", count(h, "patient_language"),
                "patient_telecom", count(h, "patient_telecom"), "location_telecom", count(h, "location_telecom"),
                "practitioner_role_telecom", count(h, "practitioner_role_telecom")));
    }

    private List<String> search(String type, String parameter, SearchValue value) {
        SearchRequest request = new SearchRequest(type, List.of(new SearchCriterion(parameter, List.of(value))), 50,
                null);
        return adapter.search(call(), request).resources().stream().map(r -> r.getIdElement().getIdPart()).toList();
    }

    private Map<String, Long> counts() {
        return database.jdbi().withHandle(h -> Map.of(
                "patient", count(h, "patient"), "patient_identifier", count(h, "patient_identifier"),
                "patient_race_ethnicity", count(h, "patient_race_ethnicity"), "test_result", count(h, "test_result")));
    }

    private static long count(org.jdbi.v3.core.Handle h, String table) {
        return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
    }

    private List<String> searchIdentifier(String token) {
        String[] parts = token.split("\\|", -1);
        SearchValue.Token value = parts.length == 2 ? new SearchValue.Token(parts[0], parts[1])
                : new SearchValue.Token(null, parts[0]);
        SearchRequest request = new SearchRequest("Patient",
                List.of(new SearchCriterion("identifier", List.of(value))), 50, null);
        return adapter.search(call(), request).resources().stream().map(r -> r.getIdElement().getIdPart()).toList();
    }

    private static Patient multiracial(String id, String mrn) {
        Patient p = new Patient();
        p.setId(id);
        p.addIdentifier().setSystem("http://hospital.example.org").setValue(mrn).getType()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical Record Number"));
        p.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue("999-12-3456");
        p.addName().setFamily("Many").addGiven("Maya");
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        p.setBirthDateElement(new DateType("1985-05-05"));
        Extension race = p.addExtension().setUrl(RACE);
        race.addExtension("ombCategory", new Coding(OMB, "2106-3", "White"));
        race.addExtension("ombCategory", new Coding(OMB, "1002-5", "American Indian or Alaska Native"));
        race.addExtension("ombCategory", new Coding(OMB, "2028-9", "Asian"));
        race.addExtension("detailed", new Coding(OMB, "1586-7", "Shoshone"));
        race.addExtension("detailed", new Coding(OMB, "2036-2", "Filipino"));
        race.addExtension("text", new StringType("Mixed"));
        Extension ethnicity = p.addExtension().setUrl(ETHNICITY);
        ethnicity.addExtension("ombCategory", new Coding(OMB, "2135-2", "Hispanic or Latino"));
        ethnicity.addExtension("detailed", new Coding(OMB, "2184-0", "Dominican"));
        ethnicity.addExtension("detailed", new Coding(OMB, "2148-5", "Mexican"));
        ethnicity.addExtension("text", new StringType("Hispanic or Latino"));
        return p;
    }

    private static AllergyIntolerance allergy(String id, String patient) {
        AllergyIntolerance a = new AllergyIntolerance();
        a.setId(id);
        a.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "300916003", "Latex allergy")));
        a.setPatient(new Reference(patient));
        return a;
    }

    private static Bundle bundle(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Resource r : resources) {
            bundle.addEntry().setResource(r);
        }
        return bundle;
    }

    private static CallContext call() {
        return new CallContext(PRACTICE, "test", Instant.now().plusSeconds(30));
    }
}
