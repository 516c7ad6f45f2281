package dev.fhirgateway.sample;

import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PatientNamePartColumns;
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
        row.put(PatientColumns.PRACTICE_ID, practiceId);
        row.put(PatientColumns.PUBLIC_ID, p.publicId());
        row.put(PatientColumns.MRN, p.mrn());
        row.put(PatientColumns.FAMILY_NAME, p.familyName());
        row.put(PatientColumns.GIVEN_NAME, p.givenName());
        row.put(PatientColumns.MIDDLE_NAME, p.middleName());
        row.put(PatientColumns.NAME_PREFIX, p.namePrefix());
        row.put(PatientColumns.NAME_SUFFIX, p.nameSuffix());
        row.put(PatientColumns.GENDER, p.gender());
        row.put(PatientColumns.BIRTH_DATE, p.birthDate());
        row.put(PatientColumns.DECEASED_DATE, p.deceasedDate());
        row.put(PatientColumns.PHONE, p.phone());
        row.put(PatientColumns.EMAIL, p.email());
        row.put(PatientColumns.ADDRESS_LINE, p.addressLine());
        row.put(PatientColumns.CITY, p.city());
        row.put(PatientColumns.STATE, p.state());
        row.put(PatientColumns.POSTAL_CODE, p.postalCode());
        row.put(PatientColumns.LANGUAGE_CODE, p.languageCode());
        // The front desk records the language the patient prefers (an import says whether it is; moreColumns).
        row.put(PatientColumns.LANGUAGE_PREFERRED, p.languageCode() == null ? null : Boolean.TRUE);
        row.put(PatientColumns.RACE_CODE, p.raceCode());
        row.put(PatientColumns.ETHNICITY_CODE, p.ethnicityCode());
        row.put(PatientColumns.BIRTH_SEX, p.birthSex());
        row.put(PatientColumns.SEX_CODE, p.sexCode());
        row.put(PatientColumns.GENDER_IDENTITY_CODE, p.genderIdentityCode());
        row.put(PatientColumns.TRIBAL_AFFILIATION_CODE, p.tribalAffiliationCode());
        row.put(PatientColumns.NAME_SINCE, p.nameSince());
        row.put(PatientColumns.ADDRESS_SINCE, p.addressSince());
        row.putAll(moreColumns);
        long patientId = rows.insert(PatientColumns.TABLE, row);
        for (NamePart part : namePartsOf(p)) {
            Map<String, Object> partRow = new LinkedHashMap<>();
            partRow.put(PatientNamePartColumns.PATIENT_ID, patientId);
            partRow.put(PatientNamePartColumns.PART_KIND, part.kind());
            partRow.put(PatientNamePartColumns.PART_TEXT, part.text());
            partRow.put(PatientNamePartColumns.NORMALIZED_TEXT, SearchValue.Text.normalize(part.text()));
            rows.insertWithoutId(PatientNamePartColumns.TABLE, partRow);
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
                more.add(new NamePart(PatientNamePartColumns.KIND_FAMILY, n[0]));
            }
            if (n[1] != null) {
                more.add(new NamePart(PatientNamePartColumns.KIND_GIVEN, n[1]));
            }
            if (n[2] != null) {
                more.add(new NamePart(PatientNamePartColumns.KIND_GIVEN, n[2]));
            }
            if (n[3] != null) {
                more.add(new NamePart(PatientNamePartColumns.KIND_PREFIX, n[3]));
            }
            if (n[4] != null) {
                more.add(new NamePart(PatientNamePartColumns.KIND_SUFFIX, n[4]));
            }
            String full = Stream.of(n[1], n[2], n[0]).filter(Objects::nonNull).collect(Collectors.joining(" "));
            if (!full.isEmpty()) {
                more.add(new NamePart(PatientNamePartColumns.KIND_FULL, full));
            }
            for (NamePart part : more) {
                if (parts.add(part)) {
                    Map<String, Object> partRow = new LinkedHashMap<>();
                    partRow.put(PatientNamePartColumns.PATIENT_ID, patientId);
                    partRow.put(PatientNamePartColumns.PART_KIND, part.kind());
                    partRow.put(PatientNamePartColumns.PART_TEXT, part.text());
                    partRow.put(PatientNamePartColumns.NORMALIZED_TEXT, SearchValue.Text.normalize(part.text()));
                    rows.insertWithoutId(PatientNamePartColumns.TABLE, partRow);
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
        parts.add(new NamePart(PatientNamePartColumns.KIND_FAMILY, p.familyName()));
        parts.add(new NamePart(PatientNamePartColumns.KIND_GIVEN, p.givenName()));
        if (p.middleName() != null) {
            parts.add(new NamePart(PatientNamePartColumns.KIND_GIVEN, p.middleName()));
        }
        if (p.namePrefix() != null) {
            parts.add(new NamePart(PatientNamePartColumns.KIND_PREFIX, p.namePrefix()));
        }
        if (p.nameSuffix() != null) {
            parts.add(new NamePart(PatientNamePartColumns.KIND_SUFFIX, p.nameSuffix()));
        }
        String full = Stream.of(p.givenName(), p.middleName(), p.familyName())
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        parts.add(new NamePart(PatientNamePartColumns.KIND_FULL, full));
        return parts;
    }

    /** One row of {@code patient_name_part}; {@code kind} is its {@code part_kind}. */
    private record NamePart(String kind, String text) {
    }
}
