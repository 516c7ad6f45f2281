package dev.fhirgateway.sample.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The rows of a patient's child tables ({@code patient_race_ethnicity}, {@code patient_identifier},
 * {@code patient_other_name}, {@code patient_other_address}, {@code patient_telecom}), loaded for a page of patients at once (a query per
 * table and page, not per patient).
 *
 * @param raceEthnicity rows in the order recorded, columns by lower-case name
 * @param identifiers rows in the order recorded, columns by lower-case name
 * @param otherNames names besides the current one, in the order recorded
 * @param otherAddresses addresses besides the current one, in the order recorded
 * @param otherTelecom phone numbers, e-mail addresses and others besides the row's phone and e-mail, in order
 */
record PatientDetails(List<Map<String, Object>> raceEthnicity, List<Map<String, Object>> identifiers,
        List<Map<String, Object>> otherNames, List<Map<String, Object>> otherAddresses,
        List<Map<String, Object>> otherTelecom) {

    /** The key, in an identifier's row, of its type's further codes (rows of {@code additional_code}). */
    static final String FURTHER_TYPE_CODES = "further_type_codes";

    static final PatientDetails NONE = new PatientDetails(List.of(), List.of(), List.of(), List.of(), List.of());

    /** The details of each patient by internal id; patients without any are absent from the map. */
    static Map<Long, PatientDetails> load(Handle handle, List<Long> patientIds) {
        if (patientIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Map<String, Object>>> races = byPatient(handle, "patient_race_ethnicity",
                patientIds);
        Map<Long, List<Map<String, Object>>> identifiers = byPatient(handle, "patient_identifier",
                patientIds);
        addFurtherTypeCodes(handle, identifiers);
        Map<Long, List<Map<String, Object>>> names = byPatient(handle, "patient_other_name",
                patientIds);
        Map<Long, List<Map<String, Object>>> addresses = byPatient(handle, "patient_other_address",
                patientIds);
        Map<Long, List<Map<String, Object>>> telecom = byPatient(handle, "patient_telecom",
                patientIds);
        Map<Long, PatientDetails> details = new HashMap<>();
        for (Long id : patientIds) {
            details.put(id, new PatientDetails(races.getOrDefault(id, List.of()),
                    identifiers.getOrDefault(id, List.of()), names.getOrDefault(id, List.of()),
                    addresses.getOrDefault(id, List.of()), telecom.getOrDefault(id, List.of())));
        }
        return details;
    }

    /**
     * Puts the further codes of each identifier's type ({@code additional_code} rows of {@code patient_identifier},
     * field {@code type}, in order) into the identifier's row under {@link #FURTHER_TYPE_CODES}; one query, and none
     * when the page has no identifier rows.
     */
    private static void addFurtherTypeCodes(Handle handle,
            Map<Long, List<Map<String, Object>>> identifiers) {
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        identifiers.values().forEach(rows -> rows.forEach(r -> byId.put(((Number) r.get("id")).longValue(), r)));
        if (byId.isEmpty()) {
            return;
        }
        handle.createQuery("SELECT * FROM additional_code WHERE owner_table = 'patient_identifier' AND field = 'type'"
                        + " AND owner_id = ANY(:ids) ORDER BY id")
                .bindArray("ids", Long.class, List.copyOf(byId.keySet()))
                .mapToMap()
                .forEach(code -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> codes = (List<Map<String, Object>>) byId
                            .get(((Number) code.get("owner_id")).longValue())
                            .computeIfAbsent(FURTHER_TYPE_CODES, k -> new ArrayList<Map<String, Object>>());
                    codes.add(code);
                });
    }

    private static Map<Long, List<Map<String, Object>>> byPatient(Handle handle, String table,
            List<Long> patientIds) {
        // The table name is one of this class's constants; the ids go in one array parameter, so the SQL text is
        // the same for any page size and the database reuses its plan (as TableQueries does).
        return handle.createQuery("SELECT * FROM " + table + " WHERE patient_id = ANY(:ids) ORDER BY id")
                .bindArray("ids", Long.class, patientIds)
                .mapToMap()
                .list()
                .stream()
                .collect(Collectors.groupingBy(row -> ((Number) row.get("patient_id")).longValue(),
                        Collectors.mapping(row -> row, Collectors.toCollection(ArrayList::new))));
    }
}
