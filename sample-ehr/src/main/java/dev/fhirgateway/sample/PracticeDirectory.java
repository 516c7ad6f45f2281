package dev.fhirgateway.sample;

import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Read-only overview of the EHR's practices and patients, for the EHR's own page and the startup banner. */
public final class PracticeDirectory {

    /**
     * A practice at a glance.
     *
     * @param firstPatients the first few patients in alphabetical order
     */
    public record PracticeOverview(String pin, String name, long patientCount, List<PatientListing> firstPatients) {

        public PracticeOverview {
            firstPatients = List.copyOf(firstPatients);
        }
    }

    /** One line of a patient list. */
    public record PatientListing(String familyName, String givenName, String mrn, LocalDate birthDate) {
    }

    private final Jdbi jdbi;

    public PracticeDirectory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every practice by PIN, each with its first {@code patientsPerPractice} patients. */
    public List<PracticeOverview> overview(int patientsPerPractice) {
        return jdbi.withHandle(handle -> {
            List<PracticeRow> practices = handle.createQuery("SELECT pr.id, pr.pin, pr.name,"
                            + " (SELECT COUNT(*) FROM patient p WHERE p.practice_id = pr.id) AS patient_count"
                            + " FROM practice pr ORDER BY pr.pin")
                    .map((rs, ctx) -> new PracticeRow(rs.getLong("id"), rs.getString("pin"), rs.getString("name"),
                            rs.getLong("patient_count")))
                    .list();
            return practices.stream().map(pr -> new PracticeOverview(pr.pin(), pr.name(), pr.patientCount(),
                    handle.createQuery("SELECT family_name, given_name, mrn, birth_date FROM patient"
                                    + " WHERE practice_id = :practiceId ORDER BY family_name, given_name, id LIMIT :limit")
                            .bind("practiceId", pr.id())
                            .bind("limit", patientsPerPractice)
                            .map((rs, ctx) -> new PatientListing(rs.getString("family_name"),
                                    rs.getString("given_name"), rs.getString("mrn"),
                                    rs.getObject("birth_date", LocalDate.class)))
                            .list()))
                    .toList();
        });
    }

    private record PracticeRow(long id, String pin, String name, long patientCount) {
    }
}
