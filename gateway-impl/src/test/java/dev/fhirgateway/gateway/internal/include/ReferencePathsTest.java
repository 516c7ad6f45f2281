package dev.fhirgateway.gateway.internal.include;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferencePaths} evaluates include paths without FHIR's definitions; this checks it finds exactly what
 * HAPI's fully loaded engine finds, for every reference search parameter of FHIR R4 over every resource of the
 * Inferno US Core patients.
 */
class ReferencePathsTest {

    private static final Path FIXTURES = Path.of("../../shared/fixtures/inferno");
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** Enough of each type to meet every shape of reference the fixtures have, without comparing thousands. */
    private static final int RESOURCES_PER_TYPE = 40;
    private static List<Resource> resources;

    @BeforeAll
    static void readFixtures() throws IOException {
        if (!Files.isDirectory(FIXTURES)) {
            fail("The Inferno fixtures " + FIXTURES.toAbsolutePath().normalize() + " are missing (shared/fixtures"
                    + " beside the checkout). Run the tests from the gateway-impl module directory.");
        }
        resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("uscore_bundle_")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(file)) {
                    Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, in);
                    bundle.getEntry().forEach(e -> resources.add(e.getResource()));
                }
            }
        }
        assertThat(resources).as("resources in the Inferno fixtures").hasSizeGreaterThan(500);
    }

    @Test
    @DisplayName("every R4 reference parameter gives the same references as HAPI's fully loaded FHIRPath engine")
    void sameReferencesAsTheFullEngine() {
        ReferencePaths paths = new ReferencePaths(FHIR);
        IFhirPath full = fullEngine();
        int compared = 0;
        int nonEmpty = 0;
        Map<String, Integer> perType = new HashMap<>();
        for (Resource resource : resources) {
            if (perType.merge(resource.fhirType(), 1, Integer::sum) > RESOURCES_PER_TYPE) {
                continue;
            }
            RuntimeResourceDefinition definition = FHIR.getResourceDefinition(resource);
            for (RuntimeSearchParam param : definition.getSearchParams()) {
                if (param.getParamType() != RestSearchParameterTypeEnum.REFERENCE || param.getPath() == null
                        || param.getPath().isBlank()) {
                    continue;
                }
                List<String> expected = full.evaluate(resource, param.getPath(), IBase.class).stream()
                        .filter(Reference.class::isInstance).map(r -> ((Reference) r).getReference()).toList();
                List<String> actual = paths.references(resource, param.getPath()).stream()
                        .map(Reference::getReference).toList();
                assertThat(actual).as("%s %s at %s", resource.fhirType(), param.getName(), param.getPath())
                        .isEqualTo(expected);
                compared++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(compared).as("parameter evaluations compared").isGreaterThan(1_000);
        assertThat(nonEmpty).as("evaluations that found references").isGreaterThan(500);
    }

    @Test
    @DisplayName("US Core's includes find the referenced resources, e.g. MedicationRequest:medication and CareTeam:participant")
    void usCoreIncludesFindTheirTargets() {
        ReferencePaths paths = new ReferencePaths(FHIR);
        Resource request = resources.stream().filter(MedicationRequest.class::isInstance)
                .filter(r -> ((MedicationRequest) r).hasMedicationReference()).findFirst()
                .orElseThrow(() -> new AssertionError("no MedicationRequest with a medication reference in the fixtures"));
        String medicationPath = FHIR.getResourceDefinition("MedicationRequest").getSearchParam("medication").getPath();
        assertThat(paths.references(request, medicationPath)).extracting(Reference::getReference)
                .containsExactly(((MedicationRequest) request).getMedicationReference().getReference());
        Resource careTeam = first("CareTeam", "participant");
        String participantPath = FHIR.getResourceDefinition("CareTeam").getSearchParam("participant").getPath();
        assertThat(paths.references(careTeam, participantPath)).isNotEmpty();
    }

    @Test
    @DisplayName("one instance answers 64 concurrent first evaluations the same as one thread")
    void concurrentFirstUseIsSafe() throws Exception {
        ReferencePaths paths = new ReferencePaths(FHIR);
        List<Resource> observations = resources.stream().filter(r -> r.fhirType().equals("Observation")).toList();
        String patientPath = FHIR.getResourceDefinition("Observation").getSearchParam("patient").getPath();
        ReferencePaths alone = new ReferencePaths(FHIR);
        List<List<String>> expected = observations.stream().map(o -> refs(alone, o, patientPath)).toList();
        assertThat(expected).as("Observations with a subject").anyMatch(refs -> !refs.isEmpty());
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Callable<List<List<String>>>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tasks.add(() -> observations.stream().map(o -> refs(paths, o, patientPath)).toList());
            }
            for (Future<List<List<String>>> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(paths.preparedCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("an expression that cannot be parsed is a clear error naming it")
    void unparsableExpression() {
        ReferencePaths paths = new ReferencePaths(FHIR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> paths.prepare(List.of("Observation.subject.(")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Observation.subject.(");
    }

    private static List<String> refs(ReferencePaths paths, Resource r, String path) {
        return paths.references(r, path).stream().map(Reference::getReference).toList();
    }

    private static Resource first(String type, String element) {
        return resources.stream().filter(r -> r.fhirType().equals(type))
                .filter(r -> r.getNamedProperty(element) != null && r.getNamedProperty(element).hasValues())
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " with " + element + " in the fixtures"));
    }

    /** HAPI's engine as the gateway used it before: R4's definitions loaded, the same resolve() answer. */
    private static IFhirPath fullEngine() {
        IFhirPath engine = FHIR.newFhirPath();
        engine.setEvaluationContext(new IFhirPathEvaluationContext() {
            @Override
            public IBase resolveReference(IIdType reference, IBase context) {
                if (!reference.hasResourceType()) {
                    return null;
                }
                IBaseResource placeholder;
                try {
                    placeholder = FHIR.getResourceDefinition(reference.getResourceType()).newInstance();
                } catch (RuntimeException e) {
                    return null;
                }
                placeholder.setId(reference);
                return placeholder;
            }
        });
        return engine;
    }
}
