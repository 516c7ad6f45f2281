package dev.fhirgateway.gateway.http;

import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SpiVersion;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A test adapter holding Patients of two practices in memory, filtering with the SPI's own matching
 * helpers. It lets the gateway's HTTP behaviour be tested without a database.
 */
public final class InMemoryPatientAdapterProvider implements EhrAdapterProvider {

    public static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
    public static final String MRN_SYSTEM = "urn:test:mrn";
    /** Practice "A" has 45 patients: enough for three pages of 20. */
    public static final String PRACTICE_A = "A";
    /** Practice "B" has 5 patients, one sharing an MRN with practice A. */
    public static final String PRACTICE_B = "B";

    /** Calls to sleep in this adapter before answering searches for this family, to exercise timeouts. */
    public static final String SLOW_FAMILY = "Slowpoke";
    /** Searches of {@link #SLOW_FAMILY} inside the adapter now: tests wait on it instead of sleeping. */
    static final AtomicInteger SLOW_SEARCHES_RUNNING = new AtomicInteger();

    @Override
    public String requestedSpiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String name() {
        return "in-memory-test";
    }

    @Override
    public EhrAdapter open(AdapterConfig config) {
        InMemoryEhrAdapter.Builder adapter = InMemoryEhrAdapter.builder()
                .type(Patient.class, List.of(PROFILE), t -> t
                        .token("identifier", (p, v) -> p.getIdentifier().stream()
                                .anyMatch(i -> ((SearchValue.Token) v).matches(i.getSystem(), i.getValue())))
                        .string("name", (p, v) -> ((SearchValue.Text) v).matches(p.getNameFirstRep().getFamily())
                                || p.getNameFirstRep().getGiven().stream()
                                        .anyMatch(g -> ((SearchValue.Text) v).matches(g.getValue())))
                        .string("family", (p, v) -> ((SearchValue.Text) v).matches(p.getNameFirstRep().getFamily()))
                        .token("gender", (p, v) -> ((SearchValue.Token) v).matches(AdministrativeGender.MALE.getSystem(),
                                p.getGender().toCode()))
                        .date("birthdate", (p, v) -> ((SearchValue.Date) v).matches(
                                p.getBirthDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate(), ZoneId.of("UTC")))
                        .lastUpdated((p, v) -> {
                            java.time.Instant at = p.getMeta().getLastUpdated().toInstant();
                            return ((SearchValue.Date) v).matches(at, at.plusMillis(1), ZoneOffset.UTC);
                        }))
                .countable("Patient")
                .beforeSearchAnswers(InMemoryPatientAdapterProvider::slowWhenSlowpokeMatches);
        seed().forEach(s -> adapter.resource(s.practice(), s.patient()));
        return adapter.build();
    }

    private static void slowWhenSlowpokeMatches(List<Resource> matches) {
        if (matches.stream().anyMatch(p -> ((Patient) p).getNameFirstRep().getFamily().equals(SLOW_FAMILY))) {
            SLOW_SEARCHES_RUNNING.incrementAndGet();
            try {
                InMemoryEhrAdapter.sleep(Duration.ofSeconds(5));
            } finally {
                SLOW_SEARCHES_RUNNING.decrementAndGet();
            }
        }
    }

    record Stored(String practice, Patient patient) {
    }

    static List<Stored> seed() {
        List<Stored> all = new ArrayList<>();
        String[] families = {"Smith", "Müller", "O'Brien", "Nuñez", "Smith-Jones"};
        for (int i = 1; i <= 45; i++) {
            all.add(new Stored(PRACTICE_A, patient("a" + i, "MRN" + (1000 + i), families[i % families.length],
                    i % 2 == 0 ? "Zoë" : "John", i % 2 == 0 ? AdministrativeGender.FEMALE : AdministrativeGender.MALE,
                    LocalDate.of(1950 + i, 1 + i % 12, 1 + i % 28))));
        }
        for (int i = 1; i <= 5; i++) {
            // b1 shares MRN1001 with a1: an MRN search must never cross practices.
            all.add(new Stored(PRACTICE_B, patient("b" + i, "MRN" + (1000 + i), "Bravo", "Beth",
                    AdministrativeGender.FEMALE, LocalDate.of(1980, 1, i))));
        }
        all.add(new Stored(PRACTICE_B, patient("slow", "MRN9999", SLOW_FAMILY, "Sam", AdministrativeGender.MALE,
                LocalDate.of(1970, 1, 1))));
        return all;
    }

    private static Patient patient(String id, String mrn, String family, String given, AdministrativeGender gender,
            LocalDate birthDate) {
        Patient p = new Patient();
        p.setId(id);
        p.getMeta().addProfile(PROFILE);
        p.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        p.addName().setFamily(family).addGiven(given);
        p.setGender(gender);
        p.setBirthDate(java.util.Date.from(birthDate.atStartOfDay(ZoneOffset.UTC).toInstant()));
        p.getMeta().setLastUpdated(java.util.Date.from(lastUpdated(id)));
        return p;
    }

    /** Patient a{n} was last updated n hours after 2026-01-01T00:00Z; every other patient at that instant. */
    public static java.time.Instant lastUpdated(String id) {
        java.time.Instant base = java.time.Instant.parse("2026-01-01T00:00:00Z");
        return id.matches("a\\d+") ? base.plusSeconds(3600L * Integer.parseInt(id.substring(1))) : base;
    }
}
