package dev.fhirgateway.sample.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The rows of a patient's child tables ({@code patient_race_ethnicity}, {@code patient_identifier},
 * {@code patient_other_name}, {@code patient_other_address}), loaded for a page of patients at once (a query per
 * table and page, not per patient).
 *
 * @param raceEthnicity rows in the order recorded, columns by lower-case name
 * @param identifiers rows in the order recorded, columns by lower-case name
 * @param otherNames names besides the current one, in the order recorded
 * @param otherAddresses addresses besides the current one, in the order recorded
 */
record PatientDetails(List<Map<String, Object>> raceEthnicity, List<Map<String, Object>> identifiers,
        List<Map<String, Object>> otherNames, List<Map<String, Object>> otherAddresses) {

    static final PatientDetails NONE = new PatientDetails(List.of(), List.of(), List.of(), List.of());

    /** The details of each patient by internal id; patients without any are absent from the map. */
    static Map<Long, PatientDetails> load(Handle handle, List<Long> patientIds) {
        if (patientIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Map<String, Object>>> races = byPatient(handle, "patient_race_ethnicity",
                patientIds);
        Map<Long, List<Map<String, Object>>> identifiers = byPatient(handle, "patient_identifier",
                patientIds);
        Map<Long, List<Map<String, Object>>> names = byPatient(handle, "patient_other_name",
                patientIds);
        Map<Long, List<Map<String, Object>>> addresses = byPatient(handle, "patient_other_address",
                patientIds);
        Map<Long, PatientDetails> details = new HashMap<>();
        for (Long id : patientIds) {
            details.put(id, new PatientDetails(races.getOrDefault(id, List.of()),
                    identifiers.getOrDefault(id, List.of()), names.getOrDefault(id, List.of()),
                    addresses.getOrDefault(id, List.of())));
        }
        return details;
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
