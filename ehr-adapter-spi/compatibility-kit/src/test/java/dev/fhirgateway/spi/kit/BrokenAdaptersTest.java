package dev.fhirgateway.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Proves the kit can fail: each deliberately broken adapter of {@link BrokenAdapters} fails the tests that
 * concern its bug, with a message an author can act on, while unrelated tests still pass.
 */
class BrokenAdaptersTest {

    /** The failed tests of a kit run: display name to failure message. */
    private static Map<String, String> failures(Class<?> run) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(run)).execute()
                .testEvents().failed().list();
        return failed.stream().collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName(),
                e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage).orElse(""), (a, b) -> a + "\n" + b));
    }

    private static long passed(Class<?> run) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(run)).execute()
                .testEvents().succeeded().count();
    }

    @Test
    @DisplayName("an adapter that treats ge as gt fails the ge date searches, naming the boundary resources it missed")
    void wrongDateComparator() {
        Map<String, String> failures = failures(BrokenAdapters.WrongDateComparatorKitRun.class);

        assertThat(failures).isNotEmpty();
        assertThat(failures.keySet()).allMatch(name -> name.contains("=ge"), "only ge searches fail");
        assertThat(failures.keySet()).anyMatch(name -> name.startsWith("Patient?birthdate=ge1980-01-01 "));
        String message = failures.entrySet().stream().filter(e -> e.getKey().startsWith("Patient?birthdate=ge1980-01-01 "))
                .findFirst().orElseThrow().getValue();
        assertThat(message)
                .contains("search Patient?birthdate=ge1980-01-01")
                .contains("missing (they match, but were not returned)")
                .contains("kit-p1-jose {birthdate = [1980-01-01]}");
    }

    @Test
    @DisplayName("an adapter whose count ignores the criteria fails the counting tests of searches with criteria only")
    void countIgnoringCriteria() {
        Map<String, String> failures = failures(BrokenAdapters.CountIgnoringCriteriaKitRun.class);

        assertThat(failures).isNotEmpty();
        assertThat(failures.keySet()).allMatch(name -> name.startsWith("count Patient?")
                || name.startsWith("count of an undeclared parameter"));
        assertThat(failures.keySet()).noneMatch(name -> name.startsWith("count without criteria"));
        assertThat(failures.values()).anyMatch(m -> m.contains("resources match"));
    }

    @Test
    @DisplayName("an adapter that ignores all but the first value of an OR list fails the OR tests")
    void ignoredOr() {
        Map<String, String> failures = failures(BrokenAdapters.IgnoredOrKitRun.class);

        assertThat(failures).isNotEmpty();
        assertThat(failures.keySet()).allMatch(name -> name.contains("(OR: either value matches)"));
        assertThat(failures.values()).allMatch(m -> m.contains("missing (they match, but were not returned)"));
        assertThat(failures.keySet()).anyMatch(name -> name.startsWith(
                "Patient?gender=http://hl7.org/fhir/administrative-gender|male,http://hl7.org/fhir/administrative-gender|female"));
        assertThat(failures).hasSize(FixturePatientAdapter.PARAMETERS.size());
    }

    @Test
    @DisplayName("an adapter that compares quantities exactly fails the eq and ne quantity searches whose range holds"
            + " other numbers, naming the resource on the range's edge it missed")
    void exactQuantity() {
        Map<String, String> failures = failures(BrokenAdapters.ExactQuantityKitRun.class);

        assertThat(failures).isNotEmpty();
        assertThat(failures.keySet()).allMatch(name -> name.contains("value-quantity=eq") || name.contains("value-quantity=ne"),
                "only eq and ne quantity searches fail");
        String eq = "Observation?value-quantity=eq5.4|http://unitsofmeasure.org|mmol/L  (quantity: prefix eq";
        assertThat(failures.keySet()).anyMatch(name -> name.startsWith(eq));
        assertThat(failures.keySet()).anyMatch(name -> name.startsWith("Observation?value-quantity=ne5.4|"));
        assertThat(failures.keySet()).anyMatch(name -> name.startsWith("Observation?value-quantity=eq5|"));
        assertThat(failures.entrySet().stream().filter(e -> e.getKey().startsWith(eq)).findFirst().orElseThrow()
                .getValue())
                .contains("search Observation?value-quantity=eq5.4|http://unitsofmeasure.org|mmol/L")
                .contains("missing (they match, but were not returned)")
                .contains("kit-o1-glucose-zoe {value-quantity = [5.35|http://unitsofmeasure.org|mmol/L]}")
                .doesNotContain("kit-o1-glucose-renee");
    }

    @Test
    @DisplayName("an adapter that ignores quantity units fails the searches with a unit, naming the resources in other units")
    void ignoredQuantityUnit() {
        Map<String, String> failures = failures(BrokenAdapters.IgnoredQuantityUnitKitRun.class);

        assertThat(failures).isNotEmpty();
        assertThat(failures.keySet()).allMatch(name -> name.contains("value-quantity=") && name.contains("|"),
                "only quantity searches with a unit fail");
        assertThat(failures.keySet()).noneMatch(name -> name.contains("(quantity: number alone, any unit)"));
        String unknownUnit = "Observation?value-quantity=eq5.4|http://unitsofmeasure.org|kit-no-such-value-0 ";
        assertThat(failures).hasEntrySatisfying(failures.keySet().stream().filter(n -> n.startsWith(unknownUnit))
                .findFirst().orElseThrow(), message -> assertThat(message)
                .contains("unexpected (returned, but they do not match)")
                .contains("kit-o1-glucose-jose {value-quantity = [5.4|http://unitsofmeasure.org|mmol/L]}"));
        String ucum = "Observation?value-quantity=eq5.4|http://unitsofmeasure.org|mmol/L  (quantity: prefix eq";
        assertThat(failures.entrySet().stream().filter(e -> e.getKey().startsWith(ucum)).findFirst().orElseThrow()
                .getValue())
                .contains("kit-o1-creatinine-mary {value-quantity = [5.4|http://unitsofmeasure.org|mg/dL]}")
                .contains("kit-o1-glucose-omer {value-quantity = [5.4|urn:oid:2.16.840.1.113883.3.7418.9|mmol/L]}");
    }

    @Test
    @DisplayName("an adapter that says it keeps its deadlines but takes 1.5 s to give up fails the deadline tests;"
            + " the same adapter without the promise passes them")
    void slowToGiveUpWhileKeepingDeadlines() {
        Map<String, String> failures = failures(BrokenAdapters.SlowToGiveUpKeepingDeadlinesKitRun.class);

        assertThat(failures).containsOnlyKeys(
                "a search whose deadline has passed ends within 1 s (the adapter keeps its deadlines), with TIMEOUT or an answer",
                "a read whose deadline has passed ends within 1 s (the adapter keeps its deadlines), with TIMEOUT or an answer");
        assertThat(failures.values()).allMatch(m -> m.contains("was still running after 1 s")
                && m.contains("this adapter says keepsDeadlines()"));

        assertThat(failures(BrokenAdapters.SlowToGiveUpKitRun.class)).as("5 s for an adapter on worker threads")
                .isEmpty();
    }

    @Test
    @DisplayName("an adapter that repeats a resource on the next page fails paging, naming the repeated ids")
    void duplicateAcrossPages() {
        Map<String, String> failures = failures(BrokenAdapters.DuplicateAcrossPagesKitRun.class);

        assertThat(failures).containsKey("walking all pages at page size 1, 2 and 4 returns every resource exactly once");
        assertThat(failures.get("walking all pages at page size 1, 2 and 4 returns every resource exactly once"))
                .contains("page size 2: returned more than once: [kit-p1-zoe")
                .contains("never returned (lost between pages)");
        assertThat(failures.values()).anyMatch(m -> m.contains("returned more than once across the pages"));
    }

    @Test
    @DisplayName("an adapter whose reads cross practices fails isolation, naming the leaked ids and practice")
    void crossPracticeLeak() {
        Map<String, String> failures = failures(BrokenAdapters.CrossPracticeLeakKitRun.class);

        assertThat(failures).containsOnlyKeys("reads of the other practice's ids find nothing");
        assertThat(failures.get("reads of the other practice's ids find nothing"))
                .contains("reading as practice kit-practice-1 returned Patient resources of practice kit-practice-2")
                .contains("kit-p2-liam");
    }

    @Test
    @DisplayName("an adapter returning invalid US Core Patients fails validation, naming resource, element and rule")
    void invalidResource() {
        Map<String, String> failures = failures(BrokenAdapters.InvalidResourceKitRun.class);

        assertThat(failures.keySet()).contains("every resource is valid US Core 6.1.0 (0 validation errors)");
        assertThat(failures.get("every resource is valid US Core 6.1.0 (0 validation errors)"))
                .contains("Patient/kit-p1-jose at Patient.telecom")
                .contains("system");
        assertThat(passed(BrokenAdapters.InvalidResourceKitRun.class)).isGreaterThan(100);
    }

    @Test
    @DisplayName("an adapter leaving a reference target in Reference.resource without an id is told to contain it")
    void unnamedReferenceTarget() {
        Map<String, String> failures = failures(BrokenAdapters.UnnamedReferenceTargetKitRun.class);

        String check = "every reference names its target (text, an id, or #id of a contained resource)";
        assertThat(failures).containsKey(check);
        assertThat(failures.get(check)).contains("Patient/kit-p1-jose at Patient.managingOrganization")
                .contains("put it in contained");
        assertThat(passed(BrokenAdapters.UnnamedReferenceTargetKitRun.class)).isGreaterThan(100);
    }
}
