package dev.fhirgateway.sample.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EHR's user accounts (table {@code ehr_user}) as the development authorization server's login page checks
 * them, and the patient list a clinician picks from. Passwords are stored only as PBKDF2 hashes.
 *
 * <p>Demo accounts ({@link #seedDemoUsersIfMissing}): per practice PIN, {@code patient-PIN}, {@code clinician-PIN}
 * and {@code admin-PIN}, each with the published password {@code USERNAME-password}. DEVELOPMENT ONLY.
 */
public final class EhrUsers {

    /** A patient a clinician may pick: the public id and a display name (shown on the page, never logged). */
    public record PatientChoice(String id, String displayName, LocalDate birthDate) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(EhrUsers.class);

    /** Checked against when the user is unknown. */
    private static final String TIMING_EQUALIZER = ClientSecretHasher.hash("no-such-user");

    private final Jdbi jdbi;

    public EhrUsers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The published password of a demo account. */
    public static String demoPassword(String username) {
        return username + "-password";
    }

    /** The user whose password this is; empty for an unknown user or a wrong password (not told apart). */
    public Optional<EhrUser> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<String> hash = jdbi.withHandle(h -> h.createQuery(
                        "SELECT password_hash FROM ehr_user WHERE username = :username")
                .bind("username", username).mapTo(String.class).findOne());
        if (hash.isEmpty()) {
            // Same work as a wrong password, so response time does not tell which usernames exist.
            ClientSecretHasher.matches(password, TIMING_EQUALIZER);
            return Optional.empty();
        }
        return ClientSecretHasher.matches(password, hash.get()) ? find(username) : Optional.empty();
    }

    /** The user with this name, if any. */
    public Optional<EhrUser> find(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT u.username, u.user_role, pr.pin, pa.public_id AS patient,"
                        + " pt.public_id AS practitioner FROM ehr_user u JOIN practice pr ON pr.id = u.practice_id"
                        + " LEFT JOIN patient pa ON pa.id = u.patient_id"
                        + " LEFT JOIN practitioner pt ON pt.id = u.practitioner_id WHERE u.username = :username")
                .bind("username", username)
                .map((rs, ctx) -> new EhrUser(rs.getString("username"),
                        EhrUser.Role.valueOf(rs.getString("user_role").toUpperCase(Locale.ROOT)), rs.getString("pin"),
                        rs.getString("patient"), rs.getString("practitioner")))
                .findOne());
    }

    /** Whether the patient (public id) is one of the practice's. */
    public boolean isPatientOf(String practicePin, String patientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient pa JOIN practice pr"
                        + " ON pr.id = pa.practice_id WHERE pr.pin = :pin AND pa.public_id = :patient")
                .bind("pin", practicePin).bind("patient", patientId).mapTo(Long.class).one()) > 0;
    }

    /** The practice's patients for the picker, by name, at most {@code limit}; {@code filter} matches the family name. */
    public List<PatientChoice> patientsOf(String practicePin, String filter, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pa.public_id, pa.family_name, pa.given_name, pa.birth_date"
                        + " FROM patient pa JOIN practice pr ON pr.id = pa.practice_id WHERE pr.pin = :pin"
                        + " AND LOWER(pa.family_name) LIKE :filter ORDER BY pa.family_name, pa.given_name, pa.id"
                        + " LIMIT :limit")
                .bind("pin", practicePin)
                .bind("filter", (filter == null ? "" : filter.toLowerCase(Locale.ROOT).replace("%", "")
                        .replace("_", "")) + "%")
                .bind("limit", limit)
                .map((rs, ctx) -> new PatientChoice(rs.getString("public_id"),
                        rs.getString("family_name") + ", " + rs.getString("given_name"),
                        rs.getObject("birth_date", LocalDate.class)))
                .list());
    }

    /** Adds an account; the password is stored hashed. */
    public void add(String username, String password, EhrUser.Role role, String practicePin, String patientId,
            String practitionerId) {
        jdbi.useTransaction(h -> insert(h, username, password, role, practicePin, patientId, practitionerId));
    }

    /**
     * Adds the demo accounts of each practice that has none: {@code patient-PIN} (the practice's patient with the
     * most encounters, so there is data to see), {@code clinician-PIN} (its first Practitioner, when it has one)
     * and {@code admin-PIN}.
     */
    public void seedDemoUsersIfMissing(List<String> practicePins) {
        int added = jdbi.inTransaction(h -> {
            int n = 0;
            for (String pin : practicePins) {
                if (exists(h, "admin-" + pin)) {
                    continue;
                }
                Optional<String> patient = h.createQuery("SELECT pa.public_id FROM patient pa JOIN practice pr"
                                + " ON pr.id = pa.practice_id WHERE pr.pin = :pin ORDER BY (SELECT COUNT(*) FROM"
                                + " encounter e WHERE e.patient_id = pa.id) DESC, pa.id LIMIT 1")
                        .bind("pin", pin).mapTo(String.class).findOne();
                Optional<String> practitioner = h.createQuery("SELECT pt.public_id FROM practitioner pt JOIN practice"
                                + " pr ON pr.id = pt.practice_id WHERE pr.pin = :pin ORDER BY pt.id LIMIT 1")
                        .bind("pin", pin).mapTo(String.class).findOne();
                insert(h, "admin-" + pin, demoPassword("admin-" + pin), EhrUser.Role.ADMINISTRATOR, pin, null, null);
                insert(h, "clinician-" + pin, demoPassword("clinician-" + pin), EhrUser.Role.CLINICIAN, pin, null,
                        practitioner.orElse(null));
                n += 2;
                if (patient.isPresent()) {
                    insert(h, "patient-" + pin, demoPassword("patient-" + pin), EhrUser.Role.PATIENT, pin,
                            patient.get(), null);
                    n++;
                }
            }
            return n;
        });
        if (added > 0) {
            LOG.info("Added {} demo user accounts (development only, published passwords)", added);
        }
    }

    private static boolean exists(Handle h, String username) {
        return h.createQuery("SELECT COUNT(*) FROM ehr_user WHERE username = :u").bind("u", username)
                .mapTo(Long.class).one() > 0;
    }

    private static void insert(Handle h, String username, String password, EhrUser.Role role, String practicePin,
            String patientId, String practitionerId) {
        long practice = h.createQuery("SELECT id FROM practice WHERE pin = :pin").bind("pin", practicePin)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> new IllegalArgumentException("no practice with PIN " + practicePin));
        Long patient = patientId == null ? null : h.createQuery("SELECT id FROM patient WHERE practice_id = :pr"
                        + " AND public_id = :id").bind("pr", practice).bind("id", patientId).mapTo(Long.class)
                .findOne().orElseThrow(() -> new IllegalArgumentException("no such patient in practice " + practicePin));
        Long practitioner = practitionerId == null ? null : h.createQuery("SELECT id FROM practitioner WHERE"
                        + " practice_id = :pr AND public_id = :id").bind("pr", practice).bind("id", practitionerId)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> new IllegalArgumentException("no such practitioner in practice " + practicePin));
        h.createUpdate("INSERT INTO ehr_user (username, password_hash, user_role, practice_id, patient_id,"
                        + " practitioner_id, created_at) VALUES (:username, :hash, :role, :practice, :patient,"
                        + " :practitioner, :createdAt)")
                .bind("username", username).bind("hash", ClientSecretHasher.hash(password))
                .bind("role", role.name().toLowerCase(Locale.ROOT)).bind("practice", practice)
                .bind("patient", patient).bind("practitioner", practitioner)
                .bind("createdAt", Timestamp.from(Instant.now())).execute();
    }
}
