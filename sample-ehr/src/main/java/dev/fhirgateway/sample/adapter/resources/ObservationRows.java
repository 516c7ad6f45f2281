package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * What the observation tables have in common (the column groups of {@code V10__observations.sql}): the joins that
 * give the public ids of the patient, encounter and performer, the search parameters every observation table
 * answers, and the mapping of the shared columns to an Observation.
 */
final class ObservationRows {

    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    private static final String STATUS_SYSTEM = "http://hl7.org/fhir/observation-status";

    private ObservationRows() {
    }

    /** The FROM clause for an observation table with its shared joins, the table aliased {@code r}. */
    static String from(String table) {
        return table + " r JOIN patient p ON p.id = r.patient_id"
                + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                + " LEFT JOIN practitioner pp ON pp.id = r.performer_practitioner_id"
                + " LEFT JOIN organization po ON po.id = r.performer_organization_id"
                + " LEFT JOIN patient pt ON pt.id = r.performer_patient_id";
    }

    /** The select list matching {@link #from}. */
    static String columns() {
        return "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                + " pp.public_id AS performer_practitioner_public_id, po.public_id AS performer_organization_public_id,"
                + " pt.public_id AS performer_patient_public_id";
    }

    /**
     * The parameters every observation table answers the same way: {@code _id}, patient, code, date and status;
     * the table adds category.
     */
    static SearchColumns search(String... extraCodeColumns) {
        SearchColumns search = SearchColumns.withId()
                .reference("patient", "Patient", "p.public_id")
                .tokenOfSystem("status", STATUS_SYSTEM, "r.status")
                .date("date", "r.effective");
        if (extraCodeColumns.length == 0) {
            return search.token("code", "r.code_system", "r.code_code");
        }
        String[] columns = new String[2 + extraCodeColumns.length];
        columns[0] = "r.code_system";
        columns[1] = "r.code_code";
        System.arraycopy(extraCodeColumns, 0, columns, 2, extraCodeColumns.length);
        return search.tokenInColumns("code", columns);
    }

    /** An Observation with the shared columns mapped, claiming {@code profile}; the caller adds category. */
    static Observation observation(TableRow row, String profile) {
        Observation o = new Observation();
        o.setId(row.string("public_id"));
        o.getMeta().addProfile(profile);
        o.setStatus(Observation.ObservationStatus.fromCode(row.string("status")));
        o.setCode(FhirValues.concept(row, "code"));
        o.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        o.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        o.setEffective(effective(row));
        if (row.has("issued_text")) {
            o.setIssuedElement(new InstantType(row.string("issued_text")));
        }
        addPerformer(o, row);
        o.setValue(value(row));
        o.setDataAbsentReason(FhirValues.statusConcept(row, DATA_ABSENT_REASON, "data_absent_reason"));
        if (row.has("note")) {
            o.addNote().setText(row.string("note"));
        }
        return o;
    }

    /** The category {@code code} of HL7's observation-category code system. */
    static CodeableConcept category(String code) {
        return FhirValues.concept(CATEGORY_SYSTEM, code);
    }

    /**
     * The categories recorded with a row (its child rows {@code categories}: every coding and the text), in order;
     * the category {@code implied} by the row's chart section is added when none of them has it (US Core requires
     * it; rows recorded without categories get it alone).
     */
    static void addCategories(Observation o, TableRow row, String implied) {
        boolean hasImplied = false;
        for (TableRow category : row.children("categories")) {
            CodeableConcept concept = FhirValues.concept(category, "category");
            if (concept != null) {
                hasImplied |= concept.getCoding().stream()
                        .anyMatch(c -> CATEGORY_SYSTEM.equals(c.getSystem()) && implied.equals(c.getCode()));
                o.addCategory(concept);
            }
        }
        if (!hasImplied) {
            o.addCategory(category(implied));
        }
    }

    /** The value held in the {@code value_*} columns of a row or component, or null. */
    static Type value(TableRow row) {
        if (row.has("value_quantity")) {
            return valueQuantity(row);
        }
        CodeableConcept concept = FhirValues.concept(row, "value_concept");
        if (concept != null) {
            return concept;
        }
        if (row.has("value_string")) {
            return new StringType(row.string("value_string"));
        }
        if (row.has("value_boolean")) {
            return new BooleanType(row.bool("value_boolean"));
        }
        return null;
    }

    /** The measurement in the {@code value_quantity}, {@code value_decimals} and {@code value_unit*} columns. */
    static Quantity valueQuantity(TableRow row) {
        return quantity(row.decimal("value_quantity"), row.intValue("value_decimals"), row.string("value_unit"),
                row.string("value_unit_system"), row.string("value_unit_code"));
    }

    /** A quantity written with {@code decimals} decimals (as recorded), or null without a value. */
    static Quantity quantity(BigDecimal value, Integer decimals, String unit, String system, String code) {
        if (value == null) {
            return null;
        }
        Quantity q = new Quantity();
        q.setValue(decimals == null ? value.stripTrailingZeros() : value.setScale(decimals, RoundingMode.HALF_UP));
        q.setUnit(unit);
        q.setSystem(system);
        q.setCode(code);
        return q;
    }

    private static Type effective(TableRow row) {
        if (Boolean.TRUE.equals(row.bool("effective_is_period"))) {
            Period period = new Period();
            if (row.has("effective_text")) {
                period.setStartElement(new DateTimeType(row.string("effective_text")));
            }
            if (row.has("effective_end_text")) {
                period.setEndElement(new DateTimeType(row.string("effective_end_text")));
            }
            return period;
        }
        return FhirValues.dateTime(row, "effective");
    }

    private static void addPerformer(Observation o, TableRow row) {
        if (row.has("performer_practitioner_public_id")) {
            o.addPerformer(FhirValues.reference("Practitioner", row.string("performer_practitioner_public_id")));
        } else if (row.has("performer_organization_public_id")) {
            o.addPerformer(FhirValues.reference("Organization", row.string("performer_organization_public_id")));
        } else if (row.has("performer_patient_public_id")) {
            o.addPerformer(FhirValues.reference("Patient", row.string("performer_patient_public_id")));
        } else if (row.has("performer_ref_type")) {
            o.addPerformer(FhirValues.reference(row.string("performer_ref_type"), row.string("performer_ref_id")));
        }
    }
}
