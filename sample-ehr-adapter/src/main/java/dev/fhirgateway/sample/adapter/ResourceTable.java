package dev.fhirgateway.sample.adapter;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * How one table of the sample EHR is served as one FHIR resource type: where its rows come from, how FHIR search
 * parameters translate to its columns, and how a row becomes a US Core resource. One subclass per table; a
 * resource type may be served from several tables (Observation comes from vital signs, lab results, ...).
 *
 * <p>Conventions (see {@code V4__clinical_record_foundation.sql}): the main table is aliased {@code r} in
 * {@link #from()}, has {@code id}, {@code practice_id} and {@code public_id} columns; the generic query adds the
 * practice restriction, keyset paging on {@code r.id} and the search conditions.
 */
public abstract class ResourceTable {

    /** A child table loaded for each page of rows, e.g. the reactions of allergies. */
    public record ChildTable(String name, String table, String parentColumn) {
    }

    private final String resourceType;
    private final List<String> profiles;
    private final String from;
    private final String mainTable;
    private final String columns;
    private final SearchColumns search;

    /**
     * @param resourceType the FHIR resource type served, e.g. {@code AllergyIntolerance}
     * @param profiles the US Core profiles rows of this table conform to
     * @param from the FROM clause with joins, main table aliased {@code r}, e.g.
     *     {@code allergy r JOIN patient p ON p.id = r.patient_id}
     * @param columns the select list, e.g. {@code r.*, p.public_id AS patient_public_id}
     * @param search the search parameters and how each becomes SQL on this table
     */
    protected ResourceTable(String resourceType, List<String> profiles, String from, String columns,
            SearchColumns search) {
        this.resourceType = resourceType;
        this.profiles = List.copyOf(profiles);
        this.from = from;
        // Read on every query (conditions, child rows): split once here.
        this.mainTable = from.strip().split("\\s+", 2)[0];
        this.columns = columns;
        this.search = search;
    }

    public final String resourceType() {
        return resourceType;
    }

    public final List<String> profiles() {
        return profiles;
    }

    public final String from() {
        return from;
    }

    public final String columns() {
        return columns;
    }

    public final SearchColumns search() {
        return search;
    }

    /** The main table's name: the first word of {@link #from()} (its rows own their {@code additional_code}s). */
    public final String mainTable() {
        return mainTable;
    }

    /** Child tables whose rows the mapper needs; loaded in one query per page. */
    public List<ChildTable> children() {
        return List.of();
    }

    /** Maps one row (with its children) to the FHIR resource, {@code meta.profile} included. */
    public abstract Resource toFhir(TableRow row);
}
