package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.sample.adapter.resources.ProvenanceTable;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Searches of the audit trail by {@code target} and {@code patient}, the searches behind
 * {@code _revinclude=Provenance:target}, on the seeded EHR (H2). The expectations come from the seed Bundle
 * itself: every target of its Provenance, whatever its type, must find that Provenance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvenanceTableTest {

    private static final String PRACTICE = "1001";
    private static final String OTHER_PRACTICE = "2002";
    private static final String SEED_BUNDLE = "inferno/uscore_bundle_patient_85.json";

    private EhrDatabase database;
    private final TableQueries queries = new TableQueries(List.of(new ProvenanceTable()));
    /**
     * The seed Bundle's Provenance, with its targets resolved to {@code Type/id}: those the EHR holds (a target the
     * EHR does not keep, an observation filed under a category US Core 6.1.0 does not define, is left out on import
     * so that no served reference dangles).
     */
    private String provenanceId;
    private final List<String> targets = new ArrayList<>();

    @BeforeAll
    void seed() {
        database = EhrDatabase.open("jdbc:h2:mem:provenance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        SeedData.seedIfEmpty(database.jdbi());
        Bundle bundle = SeedBundles.bundle(SEED_BUNDLE);
        Map<String, String> byFullUrl = new HashMap<>();
        bundle.getEntry().forEach(e -> byFullUrl.put(e.getFullUrl(),
                e.getResource().fhirType() + "/" + SeedBundles.idOf(e.getResource())));
        Provenance provenance = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst().orElseThrow();
        provenanceId = SeedBundles.idOf(provenance);
        Set<String> notKept = new java.util.HashSet<>();
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(org.hl7.fhir.r4.model.Observation.class::isInstance)
                .map(org.hl7.fhir.r4.model.Observation.class::cast)
                .filter(o -> o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                        .anyMatch(c -> "http://hl7.org/fhir/us/core/CodeSystem/us-core-category".equals(c.getSystem())
                                && !Set.of("sdoh", "functional-status", "disability-status", "cognitive-status")
                                        .contains(c.getCode())))
                .forEach(o -> notKept.add("Observation/" + SeedBundles.idOf(o)));
        assertThat(notKept).as("observations of US Core 7 categories in the seed").hasSize(5);
        for (Reference target : provenance.getTarget()) {
            String resolved = byFullUrl.getOrDefault(target.getReference(), target.getReference());
            if (!notKept.contains(resolved)) {
                targets.add(resolved);
            }
        }
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void everyTargetOfEveryTypeFindsItsProvenance() {
        Set<String> types = new LinkedHashSet<>();
        List<String> missed = new ArrayList<>();
        for (String target : targets) {
            String type = target.substring(0, target.indexOf('/'));
            types.add(type);
            List<String> found = ids(PRACTICE, "target", new SearchValue.Reference(type,
                    target.substring(target.indexOf('/') + 1)));
            if (!found.contains(provenanceId)) {
                missed.add(target);
            }
        }
        assertThat(missed).as("targets whose search did not find Provenance/" + provenanceId).isEmpty();
        assertThat(types).as("the seed Provenance targets records of many types")
                .contains("Patient", "Encounter", "Observation", "Condition", "DiagnosticReport", "DocumentReference",
                        "Procedure", "Immunization", "MedicationRequest", "Specimen", "Media");
    }

    @Test
    void targetMatchesTypeAndIdOrIdAlone() {
        String encounter = targets.stream().filter(t -> t.startsWith("Encounter/")).findFirst().orElseThrow();
        String id = encounter.substring("Encounter/".length());
        assertThat(ids(PRACTICE, "target", new SearchValue.Reference(null, id))).containsExactly(provenanceId);
        assertThat(ids(PRACTICE, "target", new SearchValue.Reference("Condition", id))).isEmpty();
        assertThat(ids(PRACTICE, "target", new SearchValue.Reference("Encounter", "no-such-id"))).isEmpty();
    }

    @Test
    void targetValuesAreAlternatives() {
        String encounter = targets.stream().filter(t -> t.startsWith("Encounter/")).findFirst().orElseThrow();
        List<String> found = ids(PRACTICE, new SearchCriterion("target", List.of(
                new SearchValue.Reference("Encounter", encounter.substring("Encounter/".length())),
                new SearchValue.Reference("Patient", "us-core-client-tests-patient"))));
        assertThat(found).hasSize(2).contains(provenanceId);
    }

    @Test
    void patientMatchesProvenanceAboutThePatientRecord() {
        assertThat(ids(PRACTICE, "patient", new SearchValue.Reference(null, "85"))).containsExactly(provenanceId);
        assertThat(ids(PRACTICE, "patient", new SearchValue.Reference("Patient", "85")))
                .containsExactly(provenanceId);
        assertThat(ids(PRACTICE, "patient", new SearchValue.Reference("Encounter", "85"))).isEmpty();
    }

    @Test
    void anotherPracticesTargetsFindNothing() {
        assertThat(ids(OTHER_PRACTICE, "patient", new SearchValue.Reference("Patient", "355"))).hasSize(1);
        assertThat(ids(PRACTICE, "patient", new SearchValue.Reference("Patient", "355"))).isEmpty();
        assertThat(ids(OTHER_PRACTICE, "target", new SearchValue.Reference("Patient", "85"))).isEmpty();
    }

    @Test
    void readReturnsEveryTarget() {
        Provenance provenance = read(PRACTICE, provenanceId);
        assertThat(provenance.getTarget()).extracting(Reference::getReference).containsExactlyElementsOf(targets);
        assertThat(provenance.getRecordedElement().getValueAsString()).isEqualTo("1977-07-15T01:11:45.131-04:00");
        assertThat(provenance.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly("http://hl7.org/fhir/us/core/StructureDefinition/us-core-provenance");
    }

    @Test
    void readReturnsTheAgentsWithTheirRole() {
        // Patient 907's own account of an encounter (practice 2002): the patient is the informant.
        Provenance provenance = read(OTHER_PRACTICE, "530fc3a1-4f43-4144-9cd6-6593a7b374bb");
        assertThat(provenance.getAgent()).singleElement().satisfies(agent -> {
            assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("informant");
            assertThat(agent.getType().getText()).isEqualTo("Informant");
            assertThat(agent.getWho().getReference()).isEqualTo("Patient/907");
        });
        assertThat(provenance.getTarget()).extracting(Reference::getReference)
                .containsExactly("Patient/907", "Encounter/4fedd1a7-a5fa-444a-8b1b-05f19db339d0");
    }

    private Provenance read(String practice, String id) {
        return (Provenance) database.jdbi().withHandle(h -> queries.read(h, practice, "Provenance", id))
                .orElseThrow();
    }

    private List<String> ids(String practice, String parameter, SearchValue value) {
        return ids(practice, new SearchCriterion(parameter, List.of(value)));
    }

    private List<String> ids(String practice, SearchCriterion criterion) {
        return database.jdbi().withHandle(h -> queries.search(h, practice,
                        new SearchRequest("Provenance", List.of(criterion), 50, null)))
                .resources().stream().map(r -> r.getIdElement().getIdPart()).toList();
    }
}
