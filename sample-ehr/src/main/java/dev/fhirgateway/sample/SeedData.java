package dev.fhirgateway.sample;

import dev.fhirgateway.spi.SearchValue;
import java.time.LocalDate;
import java.util.ArrayList;
import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.sample.fhirimport.BundleImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo data the sample EHR starts with: three practices and a few hundred fictional patients. The data is
 * the same on every run (a fixed random seed), so demos, documentation and tests can rely on it.
 *
 * <p>Besides random patients it holds hand-made ones that exercise search: accents (José, Zoë, Renée, Müller,
 * Nuñez), a hyphen (Smith-Jones), an apostrophe (O'Brien), two Smiths in one practice, a deceased patient, dates
 * on year boundaries, and one MRN ({@link #SHARED_MRN}) used by two practices for two different people.
 */
public final class SeedData {

    /** The practices' PINs, in seeding order. */
    public static final List<String> PRACTICE_PINS = List.of("1001", "2002", "3003");
    /** An MRN that practices 1001 and 2002 both use, for different patients. */
    public static final String SHARED_MRN = "424242";

    /**
     * How many patients the clinical seed Bundles add to each practice: one per Inferno Bundle; the hand-written
     * extras add records to those patients.
     */
    public static long importedPatientCount() {
        return CLINICAL_SEED.values().stream().flatMap(List::stream).filter(f -> f.startsWith("inferno/")).count();
    }

    /** The Bundles imported into each practice at first start, under {@code seed/} on the classpath. */
    static final Map<String, List<String>> CLINICAL_SEED = new LinkedHashMap<>();

    static {
        CLINICAL_SEED.put("1001", List.of("inferno/uscore_bundle_patient_85.json",
                "inferno/uscore_bundle_patient_client_test.json", "extras/group-c-1001.json",
                "extras/group-b-1001.json", "extras/group-d-1001.json", "extras/group-a-1001.json"));
        CLINICAL_SEED.put("2002", List.of("inferno/uscore_bundle_patient_355.json",
                "inferno/uscore_bundle_patient_907.json", "inferno/uscore_bundle_patient_908.json",
                "extras/group-c-2002.json", "extras/group-b-2002.json", "extras/group-d-2002.json"));
    }

    private static final Logger LOG = LoggerFactory.getLogger(SeedData.class);
    private static final long RANDOM_SEED = 20_240_611L;
    private static final int RANDOM_PATIENTS_PER_PRACTICE = 72;
    /** No seeded event (birth, death) is on or after this day. */
    private static final LocalDate END_OF_DATA = LocalDate.of(2024, 1, 1);
    private static final List<String> PRACTICE_NAMES =
            List.of("Riverside Family Medicine", "Lakeview Pediatrics", "Hillcrest Internal Medicine");

    private static final List<String> FAMILY_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "García",
            "Nuñez", "Müller", "O'Brien", "Smith-Jones", "Nguyen", "Kowalski", "Rossi", "Dubois", "Hernández",
            "Schäfer", "Lefèvre", "O'Connor", "Martínez", "Patel", "Kim", "Andersson", "Papadopoulos", "Ødegård",
            "Walker", "Thompson", "Lee", "Ramírez", "Björk", "Fernández-López", "MacDonald");
    private static final List<String> FEMALE_NAMES = List.of("Zoë", "Renée", "Chloé", "María", "Mary", "Anne-Marie",
            "Olivia", "Emma", "Aisha", "Sofía", "Léa", "Hannah", "Mei", "Ingrid", "Noémie", "Grace", "Amélie", "Lucía");
    private static final List<String> MALE_NAMES = List.of("José", "John", "François", "Jürgen", "Liam", "Noah",
            "Mateo", "Wei", "D'Angelo", "Ömer", "James", "Andrés", "René", "Lucas", "Malik", "Søren", "Ethan");
    private static final List<String> STREETS = List.of("Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St",
            "Lakeshore Blvd", "Hillcrest Rd", "River Rd");
    private static final List<String[]> CITIES = List.of(new String[] {"Springfield", "IL", "62701"},
            new String[] {"Madison", "WI", "53703"}, new String[] {"Austin", "TX", "78701"},
            new String[] {"Portland", "OR", "97201"}, new String[] {"Albany", "NY", "12207"});
    private static final List<String> LANGUAGES = List.of("en", "en", "en", "en", "en", "en", "es", "es", "vi", "zh",
            "de", "fr");
    private static final List<String> RACES = List.of("2106-3", "2106-3", "2106-3", "2054-5", "2054-5", "2028-9",
            "1002-5", "2076-8", "UNK");
    private static final List<String> ETHNICITIES = List.of("2186-5", "2186-5", "2186-5", "2135-2", "UNK");

    /** SNOMED CT codes of sex (us-core-sex) per administrative gender; "other" and "unknown": sex unknown. */
    private static final java.util.Map<String, String> SEX_CODES = java.util.Map.of("male", "248153007",
            "female", "248152002", "other", "184115007", "unknown", "184115007");
    /** Gender identities per administrative gender (SNOMED CT), and "asked but declined" where none was given. */
    private static final java.util.Map<String, String> GENDER_IDENTITY_CODES = java.util.Map.of(
            "male", "446151000124109", "female", "446141000124107", "other", "33791000087105", "unknown", "ASKU");
    private static final String AMERICAN_INDIAN_OR_ALASKA_NATIVE = "1002-5";
    /** Every American Indian or Alaska Native patient of the demo data is enrolled with one tribe. */
    private static final String NAVAJO_NATION = "187";

    private SeedData() {
    }

    /** The demo practices and their patients; the same on every call. */
    public static List<SeedPractice> practices() {
        Random random = new Random(RANDOM_SEED);
        List<SeedPractice> practices = new ArrayList<>();
        for (int i = 0; i < PRACTICE_PINS.size(); i++) {
            List<NewPatient> patients = new ArrayList<>(handMadePatients(i, random));
            int firstNumber = patients.size() + 1;
            for (int n = firstNumber; n < firstNumber + RANDOM_PATIENTS_PER_PRACTICE; n++) {
                patients.add(randomPatient(mrn(i, n), random));
            }
            practices.add(new SeedPractice(PRACTICE_PINS.get(i), PRACTICE_NAMES.get(i), patients));
        }
        return practices;
    }

    /**
     * Writes the demo data, unless the database already holds a practice.
     *
     * @return whether data was written
     */
    public static boolean seedIfEmpty(Jdbi jdbi) {
        boolean seeded = seedPatientsOnlyIfEmpty(jdbi);
        if (seeded) {
            importClinicalRecords(jdbi);
        }
        return seeded;
    }

    /**
     * The clinical records: the Inferno US Core test patients (bundled under {@code seed/inferno}), imported into the
     * EHR's tables like any vendor's Bundle. Practice 1001 and 2002 get different patients, so no id is in both.
     */
    private static void importClinicalRecords(Jdbi jdbi) {
        BundleImporter importer = new BundleImporter(jdbi);
        CLINICAL_SEED.forEach((pin, files) -> {
            for (String file : files) {
                try (InputStream in = SeedData.class.getResourceAsStream("/seed/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("seed file missing from the classpath: seed/" + file);
                    }
                    Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
                    importer.importBundle(pin, bundle, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    /**
     * Writes the generated demo patients only (no clinical records), unless the database already holds a practice:
     * for tests of patient search that compute their expectations from {@link #practices()}.
     *
     * @return whether data was written
     */
    public static boolean seedPatientsOnlyIfEmpty(Jdbi jdbi) {
        return jdbi.inTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM practice").mapTo(Long.class).one() > 0) {
                return false;
            }
            int count = 0;
            for (SeedPractice practice : practices()) {
                long practiceId = PatientRegistry.addPractice(handle, practice.pin(), practice.name());
                for (NewPatient patient : practice.patients()) {
                    PatientRegistry.addPatient(handle, practiceId, patient);
                    count++;
                }
            }
            LOG.info("Seeded the EHR database with {} practices and {} patients", PRACTICE_PINS.size(), count);
            return true;
        });
    }

    /** MRNs are numbered per practice: 100001.. in the first, 200001.. in the second, and so on. */
    private static String mrn(int practiceIndex, int number) {
        return Integer.toString((practiceIndex + 1) * 100_000 + number);
    }

    private static List<NewPatient> handMadePatients(int practiceIndex, Random random) {
        return switch (practiceIndex) {
            case 0 -> List.of(
                    patient(random, mrn(0, 1), "Nuñez", "José", "Luis", null, null, "male",
                            LocalDate.of(1980, 1, 1), null, "es", "2106-3", "2135-2"),
                    patient(random, SHARED_MRN, "Müller", "Zoë", null, null, null, "female",
                            LocalDate.of(1989, 12, 31), null, "de", "2106-3", "2186-5"),
                    patient(random, mrn(0, 3), "O'Brien", "Renée", null, "Dr.", null, "female",
                            LocalDate.of(1990, 1, 1), LocalDate.of(2021, 6, 15), "en", "2106-3", "2186-5"),
                    patient(random, mrn(0, 4), "Smith-Jones", "Mary", "Ann", null, null, "female",
                            LocalDate.of(1975, 5, 20), null, "en", "2054-5", "2186-5"),
                    patient(random, mrn(0, 5), "Smith", "John", null, null, "Jr.", "male",
                            LocalDate.of(1962, 7, 4), null, "en", "2106-3", "2186-5"),
                    patient(random, mrn(0, 6), "Smith", "Jane", null, null, null, "female",
                            LocalDate.of(1964, 2, 29), null, "en", "2028-9", "2186-5"));
            case 1 -> List.of(
                    patient(random, SHARED_MRN, "Okafor", "Liam", null, null, null, "male",
                            LocalDate.of(2010, 3, 3), null, "en", "2054-5", "2186-5"),
                    patient(random, mrn(1, 2), "Nuñez", "Chloé", null, null, null, "female",
                            LocalDate.of(2015, 8, 9), null, "es", "2106-3", "2135-2"));
            default -> List.of(
                    patient(random, mrn(practiceIndex, 1), "Müller", "François", null, null, null, "male",
                            LocalDate.of(1948, 11, 11), LocalDate.of(2019, 1, 15), "fr", "2106-3", "2186-5"));
        };
    }

    private static NewPatient randomPatient(String mrn, Random random) {
        int roll = random.nextInt(100);
        String gender = roll < 47 ? "male" : roll < 94 ? "female" : roll < 97 ? "other" : "unknown";
        List<String> givenPool = gender.equals("male") ? MALE_NAMES
                : gender.equals("female") ? FEMALE_NAMES : random.nextBoolean() ? MALE_NAMES : FEMALE_NAMES;
        String given = pick(random, givenPool);
        String middle = random.nextInt(5) == 0 ? pick(random, givenPool) : null;
        if (given.equals(middle)) {
            middle = null;
        }
        String suffix = random.nextInt(25) == 0 ? pick(random, List.of("Jr.", "Sr.", "III")) : null;
        String prefix = random.nextInt(20) == 0 ? "Dr." : null;
        // Birth dates from 1930 to 2023, spread evenly over the days.
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(94 * 365));
        LocalDate deceased = null;
        if (random.nextInt(25) == 0) {
            int daysLived = (int) (END_OF_DATA.toEpochDay() - birth.toEpochDay());
            deceased = birth.plusDays(1 + random.nextInt(daysLived - 1));
        }
        return patient(random, mrn, pick(random, FAMILY_NAMES), given, middle, prefix, suffix, gender, birth,
                deceased, pick(random, LANGUAGES), pick(random, RACES), pick(random, ETHNICITIES));
    }

    /** A patient with contact details and ids drawn from {@code random}. */
    private static NewPatient patient(Random random, String mrn, String family, String given, String middle,
            String prefix, String suffix, String gender, LocalDate birthDate, LocalDate deceasedDate,
            String language, String race, String ethnicity) {
        String[] city = pick(random, CITIES);
        String emailName = asciiLetters(given) + "." + asciiLetters(family);
        String birthSex = switch (gender) {
            case "male" -> "M";
            case "female" -> "F";
            default -> "UNK";
        };
        return new NewPatient(publicId(random), mrn, family, given, middle, prefix, suffix, gender, birthDate,
                deceasedDate,
                String.format(Locale.ROOT, "555-%03d-%04d", random.nextInt(1000), random.nextInt(10_000)),
                emailName + "@example.com",
                (1 + random.nextInt(9_999)) + " " + pick(random, STREETS), city[0], city[1], city[2],
                language, race, ethnicity, birthSex, SEX_CODES.get(gender), GENDER_IDENTITY_CODES.get(gender),
                race.equals(AMERICAN_INDIAN_OR_ALASKA_NATIVE) ? NAVAJO_NATION : null, birthDate,
                addressSince(birthDate));
    }

    /**
     * Since when the patient lives at their address: from their 18th birthday, or birth for younger ones. Derived,
     * not drawn, so that the random sequence (and with it every other seeded value) stays as it was.
     */
    private static LocalDate addressSince(LocalDate birthDate) {
        LocalDate adult = birthDate.plusYears(18);
        return adult.isBefore(END_OF_DATA) ? adult : birthDate;
    }

    /** A version 4 UUID made from {@code random}, so that ids are opaque yet the same on every run. */
    private static String publicId(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60);
        return new UUID(most, least).toString();
    }

    /** Lower-case ASCII letters only, for e-mail addresses: "Zoë" becomes "zoe", "O'Brien" "obrien". */
    private static String asciiLetters(String name) {
        return SearchValue.Text.normalize(name).replaceAll("[^a-z]", "");
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
