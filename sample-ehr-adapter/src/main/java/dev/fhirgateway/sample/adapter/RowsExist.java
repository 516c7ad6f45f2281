package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.adapter.schema.AdditionalCodeColumns;
import dev.fhirgateway.sample.adapter.schema.CommonColumns;

/**
 * Select-list items that say whether a row owns rows in another table, so that the query of that table runs only
 * for rows that have some. Why: most rows own none (a vital sign rarely has components or further codes, a patient
 * rarely other names), and a CPU profile of reads and searches under load showed each extra query costing far more
 * than an indexed EXISTS in the main one. Table and column names are the adapter's constants, never request input.
 */
final class RowsExist {

    private RowsExist() {
    }

    /**
     * {@code EXISTS (...) AS flag}: whether {@code table} has rows whose {@code keyColumn} is the {@code id} of the
     * row aliased {@code owner}.
     */
    static String in(String table, String keyColumn, String owner, String flag) {
        return "EXISTS (SELECT 1 FROM " + table + " x WHERE x." + keyColumn + " = " + owner + "." + CommonColumns.ID
                + ") AS " + flag;
    }

    /**
     * {@code EXISTS (...) AS flag}: whether the row aliased {@code owner}, of {@code ownerTable}, has
     * {@code additional_code} rows (for {@code field} only, when not null).
     */
    static String additionalCodes(String ownerTable, String field, String owner, String flag) {
        return "EXISTS (SELECT 1 FROM " + AdditionalCodeColumns.TABLE + " x WHERE x."
                + AdditionalCodeColumns.OWNER_TABLE
                + " = '" + ownerTable + "'"
                + (field == null ? "" : " AND x." + AdditionalCodeColumns.FIELD + " = '" + field + "'") + " AND x."
                + AdditionalCodeColumns.OWNER_ID + " = " + owner + "." + CommonColumns.ID + ") AS " + flag;
    }
}
