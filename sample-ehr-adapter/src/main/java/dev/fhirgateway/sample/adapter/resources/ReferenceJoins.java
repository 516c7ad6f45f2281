package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.schema.PatientColumns;

/**
 * The joins a clinical table's query makes so that each row carries the public ids its references name: the
 * row is {@code r}, its patient {@code p}, and each other referenced row an alias of its own. Written once because
 * nearly every table makes them (every EHR table keys rows by an internal {@code id}).
 */
final class ReferenceJoins {

    /** The patient's public id in the select list, as the mappers read it. */
    static final String PATIENT_PUBLIC_ID = "p." + PatientColumns.PUBLIC_ID + " AS patient_public_id";

    private ReferenceJoins() {
    }

    /** {@code table r JOIN patient p ON p.id = r.patientIdColumn}: the rows with their patient. */
    static String rowsWithPatient(String table, String patientIdColumn) {
        return table + " r JOIN " + PatientColumns.TABLE + " p ON p." + PatientColumns.ID + " = r." + patientIdColumn;
    }

    /** {@code LEFT JOIN table alias ON alias.id = r.foreignKey}: an optional referenced row. */
    static String leftJoin(String table, String alias, String foreignKey) {
        return " LEFT JOIN " + table + " " + alias + " ON " + alias + ".id = r." + foreignKey;
    }
}
