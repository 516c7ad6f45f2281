package dev.fhirgateway.sample;

import dev.fhirgateway.spi.SearchValue;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes practices and patients into the EHR's tables, keeping the {@code patient_name_part} search rows in step
 * with the patient's name.
 */
public final class PatientRegistry {

    private PatientRegistry() {
    }

    /** Adds a practice and returns its internal id. */
    static long addPractice(Handle handle, String pin, String name) {
        return handle.createUpdate("INSERT INTO practice (pin, name) VALUES (:pin, :name)")
                .bind("pin", pin)
                .bind("name", name)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /** Registers a patient with a practice. */
    public static void addPatient(Handle handle, long practiceId, NewPatient patient) {
        long patientId = handle.createUpdate("INSERT INTO patient (practice_id, public_id, mrn, family_name,"
                        + " given_name, middle_name, name_prefix, name_suffix, gender, birth_date, deceased_date, phone,"
                        + " email, address_line, city, state, postal_code, language_code, race_code, ethnicity_code,"
                        + " birth_sex, sex_code, gender_identity_code, tribal_affiliation_code, name_since, address_since)"
                        + " VALUES (:practiceId, :publicId, :mrn, :familyName, :givenName, :middleName,"
                        + " :namePrefix, :nameSuffix, :gender, :birthDate, :deceasedDate, :phone, :email, :addressLine,"
                        + " :city, :state, :postalCode, :languageCode, :raceCode, :ethnicityCode, :birthSex, :sexCode,"
                        + " :genderIdentityCode, :tribalAffiliationCode, :nameSince, :addressSince)")
                .bind("practiceId", practiceId)
                .bindMethods(patient)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();

        PreparedBatch parts = handle.prepareBatch("INSERT INTO patient_name_part"
                + " (patient_id, part_kind, part_text, normalized_text) VALUES (:patientId, :kind, :text, :normalized)");
        for (NamePart part : namePartsOf(patient)) {
            parts.bind("patientId", patientId)
                    .bind("kind", part.kind())
                    .bind("text", part.text())
                    .bind("normalized", SearchValue.Text.normalize(part.text()))
                    .add();
        }
        parts.execute();
    }

    /**
     * The searchable parts of the name: family, each given name, prefix, suffix, and the full
     * "given [middle] family" that a search such as {@code name=Mary Ann} starts with. A set, because the table
     * holds each part once per kind.
     */
    private static Set<NamePart> namePartsOf(NewPatient p) {
        Set<NamePart> parts = new LinkedHashSet<>();
        parts.add(new NamePart("family", p.familyName()));
        parts.add(new NamePart("given", p.givenName()));
        if (p.middleName() != null) {
            parts.add(new NamePart("given", p.middleName()));
        }
        if (p.namePrefix() != null) {
            parts.add(new NamePart("prefix", p.namePrefix()));
        }
        if (p.nameSuffix() != null) {
            parts.add(new NamePart("suffix", p.nameSuffix()));
        }
        String full = Stream.of(p.givenName(), p.middleName(), p.familyName())
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        parts.add(new NamePart("full", full));
        return parts;
    }

    /** One row of {@code patient_name_part}; {@code kind} is its {@code part_kind}. */
    private record NamePart(String kind, String text) {
    }
}
