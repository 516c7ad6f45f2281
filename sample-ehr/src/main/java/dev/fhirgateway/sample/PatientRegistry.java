package dev.fhirgateway.sample;

import dev.fhirgateway.spi.SearchValue;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

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
        addPatient(RowWriter.immediate(handle), practiceId, patient);
    }

    /** Registers a patient with a practice through a row writer (one insert at a time, or batched). */
    public static long addPatient(RowWriter rows, long practiceId, NewPatient p) {
        return addPatient(rows, practiceId, p, Map.of());
    }

    /**
     * Registers a patient with further {@code patient} columns (those {@link NewPatient} does not name, e.g.
     * {@code race_text}) and returns the patient's internal id, for the rows of its child tables.
     */
    public static long addPatient(RowWriter rows, long practiceId, NewPatient p, Map<String, Object> moreColumns) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("practice_id", practiceId);
        row.put("public_id", p.publicId());
        row.put("mrn", p.mrn());
        row.put("family_name", p.familyName());
        row.put("given_name", p.givenName());
        row.put("middle_name", p.middleName());
        row.put("name_prefix", p.namePrefix());
        row.put("name_suffix", p.nameSuffix());
        row.put("gender", p.gender());
        row.put("birth_date", p.birthDate());
        row.put("deceased_date", p.deceasedDate());
        row.put("phone", p.phone());
        row.put("email", p.email());
        row.put("address_line", p.addressLine());
        row.put("city", p.city());
        row.put("state", p.state());
        row.put("postal_code", p.postalCode());
        row.put("language_code", p.languageCode());
        row.put("race_code", p.raceCode());
        row.put("ethnicity_code", p.ethnicityCode());
        row.put("birth_sex", p.birthSex());
        row.put("sex_code", p.sexCode());
        row.put("gender_identity_code", p.genderIdentityCode());
        row.put("tribal_affiliation_code", p.tribalAffiliationCode());
        row.put("name_since", p.nameSince());
        row.put("address_since", p.addressSince());
        row.putAll(moreColumns);
        long patientId = rows.insert("patient", row);
        for (NamePart part : namePartsOf(p)) {
            Map<String, Object> partRow = new LinkedHashMap<>();
            partRow.put("patient_id", patientId);
            partRow.put("part_kind", part.kind());
            partRow.put("part_text", part.text());
            partRow.put("normalized_text", SearchValue.Text.normalize(part.text()));
            rows.insertWithoutId("patient_name_part", partRow);
        }
        return patientId;
    }

    /**
     * Adds the searchable parts of a patient's other names (a maiden or former name): a name search finds the
     * patient by any of them. Parts already there (those of the current name, or of an earlier other name) are
     * not repeated.
     *
     * @param otherNames each as {family, given, middle, prefix, suffix}, any of them null
     */
    public static void addOtherNameParts(RowWriter rows, long patientId, NewPatient current,
            java.util.List<String[]> otherNames) {
        Set<NamePart> parts = namePartsOf(current);
        for (String[] n : otherNames) {
            Set<NamePart> more = new LinkedHashSet<>();
            if (n[0] != null) {
                more.add(new NamePart("family", n[0]));
            }
            if (n[1] != null) {
                more.add(new NamePart("given", n[1]));
            }
            if (n[2] != null) {
                more.add(new NamePart("given", n[2]));
            }
            if (n[3] != null) {
                more.add(new NamePart("prefix", n[3]));
            }
            if (n[4] != null) {
                more.add(new NamePart("suffix", n[4]));
            }
            String full = Stream.of(n[1], n[2], n[0]).filter(Objects::nonNull).collect(Collectors.joining(" "));
            if (!full.isEmpty()) {
                more.add(new NamePart("full", full));
            }
            for (NamePart part : more) {
                if (parts.add(part)) {
                    Map<String, Object> partRow = new LinkedHashMap<>();
                    partRow.put("patient_id", patientId);
                    partRow.put("part_kind", part.kind());
                    partRow.put("part_text", part.text());
                    partRow.put("normalized_text", SearchValue.Text.normalize(part.text()));
                    rows.insertWithoutId("patient_name_part", partRow);
                }
            }
        }
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
