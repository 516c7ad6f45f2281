package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeedDataTest {

    private final List<SeedPractice> practices = SeedData.practices();

    @Test
    void isTheSameOnEveryCall() {
        assertThat(SeedData.practices()).isEqualTo(practices);
    }

    @Test
    void hasThreePracticesAndOverTwoHundredPatients() {
        assertThat(practices).extracting(SeedPractice::pin).containsExactly("1001", "2002", "3003");
        assertThat(practices.stream().mapToInt(p -> p.patients().size()).sum()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void idsAreUniqueAndMrnsUniqueWithinEachPractice() {
        List<NewPatient> all = practices.stream().flatMap(p -> p.patients().stream()).toList();
        assertThat(all).extracting(NewPatient::publicId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        for (SeedPractice practice : practices) {
            assertThat(practice.patients()).extracting(NewPatient::mrn).doesNotHaveDuplicates();
        }
    }

    @Test
    void containsTheDataSearchAndIsolationTestsNeed() {
        Map<String, List<String>> practicesByMrn = practices.stream()
                .flatMap(p -> p.patients().stream().map(patient -> Map.entry(patient.mrn(), p.pin())))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        assertThat(practicesByMrn.get(SeedData.SHARED_MRN)).containsExactlyInAnyOrder("1001", "2002");

        List<NewPatient> first = practices.get(0).patients();
        assertThat(first).extracting(NewPatient::familyName).filteredOn("Smith"::equals).hasSizeGreaterThan(1);
        List<String> names = practices.stream().flatMap(p -> p.patients().stream())
                .map(p -> p.givenName() + " " + p.familyName()).toList();
        assertThat(names).contains("José Nuñez", "Zoë Müller", "Renée O'Brien", "Mary Smith-Jones");
        assertThat(first).anyMatch(p -> p.deceasedDate() != null);
        assertThat(practices.stream().flatMap(p -> p.patients().stream()).map(NewPatient::gender).distinct())
                .containsExactlyInAnyOrder("male", "female", "other", "unknown");
        assertThat(practices.stream().flatMap(p -> p.patients().stream())
                .map(p -> p.birthDate().getYear() / 10).distinct().count()).isGreaterThanOrEqualTo(8);
    }
}
