package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.NewPatient;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchParameterType;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SearchValue.Prefix;
import dev.fhirgateway.spi.SearchValue.Text.Mode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapter's read and search behaviour through the SPI, against the seeded EHR database. Expected results
 * come from {@link SeedOracle} (the SPI's in-memory matching over the seed data) and from hand-made patients
 * whose answers are known. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SampleEhrAdapterContractTest {

    private static final String PRACTICE = "1001";
    private static final String OTHER_PRACTICE = "2002";

    private EhrDatabase database;
    private EhrAdapter adapter;

    /** A database with an empty schema: its JDBC URL, user and password (null when none). */
    protected record TestDatabase(String jdbcUrl, String user, String password) {
    }

    protected abstract TestDatabase emptyDatabase();

    /** The adapter under test, open on {@link #emptyDatabase()} seeded with the sample patients. */
    protected EhrAdapter adapter() {
        return adapter;
    }

    private Map<String, String> adapterConfig;

    @BeforeAll
    void seedAndOpen() {
        TestDatabase db = emptyDatabase();
        database = EhrDatabase.open(db.jdbcUrl(), db.user(), db.password());
        assertThat(SeedData.seedPatientsOnlyIfEmpty(database.jdbi())).isTrue();
        Map<String, String> config = new HashMap<>();
        config.put("jdbc.url", db.jdbcUrl());
        if (db.user() != null) {
            config.put("jdbc.user", db.user());
        }
        if (db.password() != null) {
            config.put("jdbc.password", db.password());
        }
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(config));
        adapterConfig = Map.copyOf(config);
    }

    @AfterAll
    void close() {
        if (adapter != null) {
            adapter.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void declaresPatientWithUsCoreProfileAndItsSearchParameters() {
        assertThat(adapter.supportedResources()).filteredOn(r -> r.resourceType().equals("Patient")).singleElement()
                .satisfies(r -> {
            assertThat(r.profiles()).containsExactly(PatientMapper.PROFILE);
            assertThat(r.searchParameters()).extracting(p -> p.name() + ":" + p.type()).containsExactlyInAnyOrder(
                    "_id:TOKEN", "identifier:TOKEN", "name:STRING", "family:STRING", "given:STRING", "gender:TOKEN",
                    "birthdate:DATE", "death-date:DATE", "_lastUpdated:DATE");
            assertThat(r.searchParameter("birthdate")).get().extracting(p -> p.type())
                    .isEqualTo(SearchParameterType.DATE);
        });
    }

    @Test
    void takesItsPoolSizeFromASettingAndRefusesAMalformedOne() {
        Map<String, String> sized = new HashMap<>(adapterConfig);
        sized.put("jdbc.max-pool-size", "2");
        try (EhrAdapter small = new SampleEhrAdapterProvider().open(new AdapterConfig(sized))) {
            assertThat(small.read(new CallContext("1001", "pool-size", Instant.now().plusSeconds(10)), "Patient",
                    "does-not-exist")).isEmpty();
        }
        for (String bad : List.of("0", "many")) {
            Map<String, String> malformed = new HashMap<>(adapterConfig);
            malformed.put("jdbc.max-pool-size", bad);
            assertThatThrownBy(() -> new SampleEhrAdapterProvider().open(new AdapterConfig(malformed)))
                    .isInstanceOf(AdapterException.class).hasMessageContaining("jdbc.max-pool-size");
        }
    }

    @Test
    void seedingRunsOnlyOnAnEmptyDatabase() {
        assertThat(SeedData.seedPatientsOnlyIfEmpty(database.jdbi())).isFalse();
        assertThat(searchAll(PRACTICE, 100)).hasSize(SeedOracle.patients(PRACTICE).size());
    }

    @Test
    void readsAPatientOfThePracticeByPublicId() {
        NewPatient jose = SeedOracle.patient(PRACTICE, "José", "Nuñez");
        Optional<Resource> read = adapter.read(context(PRACTICE), "Patient", jose.publicId());
        assertThat(read).get().isInstanceOfSatisfying(Patient.class, p -> {
            assertThat(p.getIdPart()).isEqualTo(jose.publicId());
            assertThat(p.getMeta().hasProfile(PatientMapper.PROFILE)).isTrue();
            assertThat(p.getIdentifierFirstRep().getValue()).isEqualTo(jose.mrn());
            assertThat(p.getNameFirstRep().getGivenAsSingleString()).isEqualTo("José Luis");
        });
        assertThat(adapter.read(context(PRACTICE), "Patient", "no-such-id")).isEmpty();
        assertThat(adapter.read(context(PRACTICE), "Observation", jose.publicId())).isEmpty();
    }

    // ---- practice isolation

    @Test
    void neverReadsAnotherPracticesPatient() {
        NewPatient liam = SeedOracle.patient(OTHER_PRACTICE, "Liam", "Okafor");
        assertThat(adapter.read(context(OTHER_PRACTICE), "Patient", liam.publicId())).isPresent();
        assertThat(adapter.read(context(PRACTICE), "Patient", liam.publicId())).isEmpty();
        assertThat(adapter.read(context("9999"), "Patient", liam.publicId())).isEmpty();
    }

    @Test
    void anMrnUsedByTwoPracticesFindsOnlyTheCallingPracticesPatient() {
        SearchCriterion byMrn = criterion("identifier", token(null, SeedData.SHARED_MRN));
        assertThat(searchAll(PRACTICE, 10, byMrn))
                .containsExactly(SeedOracle.patient(PRACTICE, "Zoë", "Müller").publicId());
        assertThat(searchAll(OTHER_PRACTICE, 10, byMrn))
                .containsExactly(SeedOracle.patient(OTHER_PRACTICE, "Liam", "Okafor").publicId());
    }

    @Test
    void searchesNeverCrossPractices() {
        NewPatient chloe = SeedOracle.patient(OTHER_PRACTICE, "Chloé", "Nuñez");
        assertThat(searchAll(PRACTICE, 50, criterion("_id", token(null, chloe.publicId())))).isEmpty();
        assertThat(searchAll(PRACTICE, 50, criterion("family", text("Nuñez", Mode.EXACT))))
                .doesNotContain(chloe.publicId())
                .contains(SeedOracle.patient(PRACTICE, "José", "Nuñez").publicId());
        assertThat(searchAll("9999", 50)).isEmpty();
        assertThat(searchAll(OTHER_PRACTICE, 500)).hasSize(SeedOracle.patients(OTHER_PRACTICE).size())
                .doesNotContainAnyElementsOf(SeedOracle.expectedIds(PRACTICE, List.of()));
    }

    // ---- tokens

    @Test
    void identifierTokenForms() {
        NewPatient jose = SeedOracle.patient(PRACTICE, "José", "Nuñez");
        assertThat(searchAll(PRACTICE, 10, criterion("identifier", token(null, jose.mrn()))))
                .containsExactly(jose.publicId());
        assertThat(searchAll(PRACTICE, 10, criterion("identifier", token(PatientMapper.MRN_SYSTEM, jose.mrn()))))
                .containsExactly(jose.publicId());
        // The MRN has a system, so "no system" and another system match nothing.
        assertThat(searchAll(PRACTICE, 10, criterion("identifier", token("", jose.mrn())))).isEmpty();
        assertThat(searchAll(PRACTICE, 10, criterion("identifier", token("urn:other", jose.mrn())))).isEmpty();
        // "system|" matches every identifier of the system: every patient of the practice.
        assertThat(searchAll(PRACTICE, 100, criterion("identifier", token(PatientMapper.MRN_SYSTEM, null))))
                .hasSize(SeedOracle.patients(PRACTICE).size());
        assertThat(searchAll(PRACTICE, 10, criterion("identifier", token(null, "no-such-mrn")))).isEmpty();
    }

    @Test
    void idTokenForms() {
        NewPatient zoe = SeedOracle.patient(PRACTICE, "Zoë", "Müller");
        assertThat(searchAll(PRACTICE, 10, criterion("_id", token(null, zoe.publicId()))))
                .containsExactly(zoe.publicId());
        assertThat(searchAll(PRACTICE, 10, criterion("_id", token("", zoe.publicId()))))
                .containsExactly(zoe.publicId());
        assertThat(searchAll(PRACTICE, 10, criterion("_id", token("urn:any", zoe.publicId())))).isEmpty();
    }

    @Test
    void genderTokenForms() {
        Set<String> male = expectOracle(PRACTICE, criterion("gender", token(null, "male")));
        assertThat(male).contains(SeedOracle.patient(PRACTICE, "José", "Nuñez").publicId())
                .doesNotContain(SeedOracle.patient(PRACTICE, "Zoë", "Müller").publicId());
        assertThat(searchAll(PRACTICE, 100, criterion("gender", token(PatientMapper.GENDER_SYSTEM, "male"))))
                .isEqualTo(male);
        assertThat(searchAll(PRACTICE, 100, criterion("gender", token("urn:other", "male")))).isEmpty();
        assertThat(searchAll(PRACTICE, 100, criterion("gender", token("", "male")))).isEmpty();
        assertThat(searchAll(PRACTICE, 100, criterion("gender", token(PatientMapper.GENDER_SYSTEM, null))))
                .hasSize(SeedOracle.patients(PRACTICE).size());
        // Codes compare exactly.
        assertThat(searchAll(PRACTICE, 100, criterion("gender", token(null, "MALE")))).isEmpty();
    }

    // ---- strings

    @Test
    void nameStartsWithIgnoresCaseAndAccentsOnEveryPart() {
        assertThat(expectOracle(PRACTICE, criterion("name", text("jose", Mode.STARTS_WITH))))
                .contains(SeedOracle.patient(PRACTICE, "José", "Nuñez").publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("ZOE", Mode.STARTS_WITH))))
                .contains(SeedOracle.patient(PRACTICE, "Zoë", "Müller").publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("mul", Mode.STARTS_WITH))))
                .contains(SeedOracle.patient(PRACTICE, "Zoë", "Müller").publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("NUNEZ", Mode.STARTS_WITH))))
                .contains(SeedOracle.patient(PRACTICE, "José", "Nuñez").publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("o'bri", Mode.STARTS_WITH))))
                .contains(SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId());
        // Middle name, the full "given middle family" text, prefix and suffix are parts of the name too.
        NewPatient maryAnn = SeedOracle.patient(PRACTICE, "Mary", "Smith-Jones");
        assertThat(expectOracle(PRACTICE, criterion("name", text("ann", Mode.STARTS_WITH))))
                .contains(maryAnn.publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("mary ann smith-j", Mode.STARTS_WITH))))
                .containsExactly(maryAnn.publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("dr", Mode.STARTS_WITH))))
                .contains(SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("jr", Mode.STARTS_WITH))))
                .contains(SeedOracle.patient(PRACTICE, "John", "Smith").publicId());
        // A prefix of the name, not a substring.
        assertThat(expectOracle(PRACTICE, criterion("name", text("rien", Mode.STARTS_WITH))))
                .doesNotContain(SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId());
    }

    @Test
    void familyAndGivenSearchOnlyTheirOwnParts() {
        NewPatient john = SeedOracle.patient(PRACTICE, "John", "Smith");
        NewPatient jane = SeedOracle.patient(PRACTICE, "Jane", "Smith");
        NewPatient maryAnn = SeedOracle.patient(PRACTICE, "Mary", "Smith-Jones");
        assertThat(expectOracle(PRACTICE, criterion("family", text("smith", Mode.STARTS_WITH))))
                .contains(john.publicId(), jane.publicId(), maryAnn.publicId());
        assertThat(expectOracle(PRACTICE, criterion("given", text("smith", Mode.STARTS_WITH)))).isEmpty();
        assertThat(expectOracle(PRACTICE, criterion("given", text("ann", Mode.STARTS_WITH))))
                .contains(maryAnn.publicId());
        assertThat(expectOracle(PRACTICE, criterion("family", text("ann", Mode.STARTS_WITH))))
                .doesNotContain(maryAnn.publicId());
        // The full name is no family part.
        assertThat(expectOracle(PRACTICE, criterion("family", text("mary", Mode.STARTS_WITH))))
                .doesNotContain(maryAnn.publicId());
    }

    @Test
    void exactIsCaseAndAccentSensitiveEquality() {
        NewPatient john = SeedOracle.patient(PRACTICE, "John", "Smith");
        NewPatient maryAnn = SeedOracle.patient(PRACTICE, "Mary", "Smith-Jones");
        assertThat(expectOracle(PRACTICE, criterion("family", text("Smith", Mode.EXACT))))
                .contains(john.publicId())
                .doesNotContain(maryAnn.publicId());
        assertThat(expectOracle(PRACTICE, criterion("family", text("smith", Mode.EXACT)))).isEmpty();
        NewPatient zoe = SeedOracle.patient(PRACTICE, "Zoë", "Müller");
        assertThat(expectOracle(PRACTICE, criterion("given", text("Zoë", Mode.EXACT)))).contains(zoe.publicId());
        assertThat(expectOracle(PRACTICE, criterion("given", text("Zoe", Mode.EXACT)))).doesNotContain(zoe.publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("Mary Ann Smith-Jones", Mode.EXACT))))
                .containsExactly(maryAnn.publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("Mary Ann", Mode.EXACT)))).isEmpty();
    }

    @Test
    void containsMatchesAnywhereIgnoringCaseAndAccents() {
        assertThat(expectOracle(PRACTICE, criterion("family", text("ULL", Mode.CONTAINS))))
                .contains(SeedOracle.patient(PRACTICE, "Zoë", "Müller").publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("bri", Mode.CONTAINS))))
                .contains(SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId());
        assertThat(expectOracle(PRACTICE, criterion("given", text("NÉ", Mode.CONTAINS))))
                .contains(SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId());
    }

    @Test
    void likeWildcardsInValuesAreTakenLiterally() {
        // Unescaped, "_" would match the hyphen of Smith-Jones and "%" anything at all.
        assertThat(searchAll(PRACTICE, 100, criterion("family", text("Smith_", Mode.STARTS_WITH)))).isEmpty();
        assertThat(searchAll(PRACTICE, 100, criterion("family", text("%", Mode.CONTAINS)))).isEmpty();
        assertThat(searchAll(PRACTICE, 100, criterion("name", text("!", Mode.STARTS_WITH)))).isEmpty();
        assertThat(searchAll(PRACTICE, 100, criterion("family", text("Smith-", Mode.STARTS_WITH)))).isNotEmpty();
    }

    // ---- dates

    @ParameterizedTest
    @EnumSource(Prefix.class)
    void birthdateWithEveryPrefixAndPrecision(Prefix prefix) {
        // Each value is the birth date, month or year of a hand-made patient, so no answer is trivially empty.
        for (String value : List.of("1980", "1989-12", "1990-01-01", "1964-02-29", "1975", "1962-07")) {
            Set<String> found = expectOracle(PRACTICE, criterion("birthdate", date(prefix, value)));
            assertThat(found).as("%s%s", prefix.code(), value)
                    .isNotEmpty()
                    .hasSizeLessThan(SeedOracle.patients(PRACTICE).size());
        }
    }

    @Test
    void birthdateRangesAtTheirBoundaries() {
        String jose = SeedOracle.patient(PRACTICE, "José", "Nuñez").publicId(); // 1980-01-01
        String zoe = SeedOracle.patient(PRACTICE, "Zoë", "Müller").publicId(); // 1989-12-31
        String renee = SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId(); // 1990-01-01
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.EQ, "1980")))).contains(jose)
                .doesNotContain(zoe, renee);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.EQ, "1989-12")))).contains(zoe)
                .doesNotContain(jose, renee);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.EQ, "1990-01-01"))))
                .containsExactly(renee);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.LT, "1990")))).contains(jose, zoe)
                .doesNotContain(renee);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.GE, "1990")))).contains(renee)
                .doesNotContain(jose, zoe);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.GT, "1989")))).contains(renee)
                .doesNotContain(zoe);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.LE, "1989-12")))).contains(zoe)
                .doesNotContain(renee);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.SA, "1989-12-31")))).contains(renee)
                .doesNotContain(zoe);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.EB, "1980-01-02")))).contains(jose);
        assertThat(expectOracle(PRACTICE, criterion("birthdate", date(Prefix.NE, "1980-01-01"))))
                .doesNotContain(jose).contains(zoe, renee);
    }

    @Test
    void deathDateMatchesOnlyDeceasedPatients() {
        String renee = SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId(); // died 2021-06-15
        String jose = SeedOracle.patient(PRACTICE, "José", "Nuñez").publicId(); // alive
        assertThat(expectOracle(PRACTICE, criterion("death-date", date(Prefix.EQ, "2021-06")))).contains(renee);
        assertThat(expectOracle(PRACTICE, criterion("death-date", date(Prefix.NE, "2021-06"))))
                .doesNotContain(renee, jose);
        assertThat(expectOracle(PRACTICE, criterion("death-date", date(Prefix.GE, "1900"))))
                .contains(renee).doesNotContain(jose)
                .hasSizeLessThan(SeedOracle.patients(PRACTICE).size());
    }

    @Test
    void aDateWithATimeOfDayIsUnsupported() {
        assertThatThrownBy(() -> searchAll(PRACTICE, 10, criterion("birthdate", date(Prefix.EQ, "1980-01-01T10:00"))))
                .isInstanceOfSatisfying(AdapterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AdapterException.Reason.UNSUPPORTED_SEARCH);
                    assertThat(e.getMessage()).startsWith("birthdate takes a date");
                });
    }

    // ---- combining criteria

    @Test
    void valuesOfOneCriterionAreAlternatives() {
        NewPatient jose = SeedOracle.patient(PRACTICE, "José", "Nuñez");
        NewPatient zoe = SeedOracle.patient(PRACTICE, "Zoë", "Müller");
        assertThat(expectOracle(PRACTICE, criterion("identifier", token(null, jose.mrn()), token(null, zoe.mrn()))))
                .containsExactlyInAnyOrder(jose.publicId(), zoe.publicId());
        Set<String> maleOrFemale = expectOracle(PRACTICE,
                criterion("gender", token(null, "male"), token(null, "female")));
        assertThat(maleOrFemale).contains(jose.publicId(), zoe.publicId());
        assertThat(expectOracle(PRACTICE, criterion("name", text("jose", Mode.STARTS_WITH),
                text("zoe", Mode.STARTS_WITH)))).contains(jose.publicId(), zoe.publicId());
    }

    @Test
    void criteriaAllApplyIncludingTheSameParameterTwice() {
        Set<String> eighties = expectOracle(PRACTICE,
                criterion("birthdate", date(Prefix.GE, "1980")), criterion("birthdate", date(Prefix.LT, "1990")));
        assertThat(eighties).contains(SeedOracle.patient(PRACTICE, "José", "Nuñez").publicId(),
                SeedOracle.patient(PRACTICE, "Zoë", "Müller").publicId())
                .doesNotContain(SeedOracle.patient(PRACTICE, "Renée", "O'Brien").publicId());
        assertThat(expectOracle(PRACTICE, criterion("family", text("smith", Mode.STARTS_WITH)),
                criterion("gender", token(null, "female")), criterion("birthdate", date(Prefix.LT, "1970"))))
                .contains(SeedOracle.patient(PRACTICE, "Jane", "Smith").publicId())
                .doesNotContain(SeedOracle.patient(PRACTICE, "John", "Smith").publicId());
    }

    // ---- paging

    @Test
    void pagingYieldsEveryMatchExactlyOnce() {
        SearchCriterion women = criterion("gender", token(null, "female"));
        Set<String> expected = SeedOracle.expectedIds(PRACTICE, List.of(women));
        assertThat(expected).hasSizeGreaterThan(20);
        List<String> walked = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            SearchPage page = adapter.search(context(PRACTICE), new SearchRequest("Patient", List.of(women), 7, cursor));
            assertThat(page.resources()).hasSizeLessThanOrEqualTo(7);
            page.resources().forEach(r -> walked.add(r.getIdPart()));
            cursor = page.nextCursor();
            pages++;
            if (cursor != null) {
                assertThat(page.resources()).hasSize(7);
                assertThat(cursor).doesNotContain(page.resources().get(6).getIdPart());
            }
        } while (cursor != null);
        assertThat(walked).doesNotHaveDuplicates().hasSize(expected.size());
        assertThat(new HashSet<>(walked)).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + 6) / 7);
    }

    @Test
    void anExactlyFullLastPageHasNoCursor() {
        int all = SeedOracle.patients(PRACTICE).size();
        SearchPage page = adapter.search(context(PRACTICE), new SearchRequest("Patient", List.of(), all, null));
        assertThat(page.resources()).hasSize(all);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aMalformedCursorIsRejected() {
        for (String cursor : List.of("garbage", "k", "k-1", "kZZ", "k 1", "")) {
            assertThatThrownBy(() -> adapter.search(context(PRACTICE), new SearchRequest("Patient", List.of(), 5, cursor)))
                    .as(cursor)
                    .isInstanceOfSatisfying(AdapterException.class,
                            e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.INVALID_CURSOR));
        }
    }

    // ---- errors

    @Test
    void unknownParametersAndResourceTypesAreUnsupported() {
        assertThatThrownBy(() -> searchAll(PRACTICE, 10, criterion("address-city", text("Austin", Mode.EXACT))))
                .isInstanceOfSatisfying(AdapterException.class,
                        e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.UNSUPPORTED_SEARCH));
        assertThatThrownBy(() -> adapter.search(context(PRACTICE), new SearchRequest("Claim", List.of(), 5, null)))
                .isInstanceOfSatisfying(AdapterException.class,
                        e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.UNSUPPORTED_SEARCH));
        assertThatThrownBy(() -> searchAll(PRACTICE, 10, criterion("gender", text("male", Mode.EXACT))))
                .isInstanceOfSatisfying(AdapterException.class,
                        e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.UNSUPPORTED_SEARCH));
    }

    @Test
    void aPassedDeadlineIsATimeout() {
        CallContext late = new CallContext(PRACTICE, "test", Instant.now().minusSeconds(1));
        assertThatThrownBy(() -> adapter.search(late, new SearchRequest("Patient", List.of(), 5, null)))
                .isInstanceOfSatisfying(AdapterException.class,
                        e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.TIMEOUT));
    }

    @Test
    void isHealthy() {
        assertThat(adapter.health().healthy()).isTrue();
    }

    // ---- helpers

    /** Searches through the adapter, asserts the result equals the oracle's, and returns it. */
    private Set<String> expectOracle(String pin, SearchCriterion... criteria) {
        Set<String> found = searchAll(pin, 25, criteria);
        assertThat(found).as("search %s", List.of(criteria))
                .isEqualTo(SeedOracle.expectedIds(pin, List.of(criteria)));
        return found;
    }

    /** The public ids of every match, following cursors; fails on a resource returned twice. */
    private Set<String> searchAll(String pin, int pageSize, SearchCriterion... criteria) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = adapter.search(context(pin),
                    new SearchRequest("Patient", List.of(criteria), pageSize, cursor));
            page.resources().forEach(r -> ids.add(r.getIdPart()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(ids).doesNotHaveDuplicates();
        return new HashSet<>(ids);
    }

    private static CallContext context(String pin) {
        return new CallContext(pin, "test-request", Instant.now().plusSeconds(30));
    }

    private static SearchCriterion criterion(String parameter, SearchValue... values) {
        return new SearchCriterion(parameter, List.of(values));
    }

    private static SearchValue.Token token(String system, String code) {
        return new SearchValue.Token(system, code);
    }

    private static SearchValue.Text text(String value, Mode mode) {
        return new SearchValue.Text(value, mode);
    }

    /** A date value as a client writes it: 1980, 1980-01, 1980-01-01 or 1980-01-01T10:00. */
    private static SearchValue.Date date(Prefix prefix, String value) {
        return switch (value.length()) {
            case 4 -> new SearchValue.Date(prefix, LocalDate.of(Integer.parseInt(value), 1, 1).atStartOfDay(),
                    SearchValue.Date.Precision.YEAR, null);
            case 7 -> new SearchValue.Date(prefix, LocalDate.parse(value + "-01").atStartOfDay(),
                    SearchValue.Date.Precision.MONTH, null);
            case 10 -> new SearchValue.Date(prefix, LocalDate.parse(value).atStartOfDay(),
                    SearchValue.Date.Precision.DAY, null);
            default -> new SearchValue.Date(prefix, LocalDateTime.parse(value).truncatedTo(ChronoUnit.MINUTES),
                    SearchValue.Date.Precision.MINUTE, null);
        };
    }
}
