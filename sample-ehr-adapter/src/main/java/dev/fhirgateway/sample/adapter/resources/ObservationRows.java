package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.ObservationTableColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
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

    private static final String CODE_SYSTEM = "r." + ObservationTableColumns.CODE + ColumnGroups.SYSTEM;
    private static final String CODE_CODE = "r." + ObservationTableColumns.CODE + ColumnGroups.CODE;

    private ObservationRows() {
    }

    /** The FROM clause for an observation table with its shared joins, the table aliased {@code r}. */
    static String from(String table) {
        return ReferenceJoins.rowsWithPatient(table, ObservationTableColumns.PATIENT_ID)
                + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", ObservationTableColumns.ENCOUNTER_ID)
                + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "pp",
                        ObservationTableColumns.PERFORMER_PRACTITIONER_ID)
                + ReferenceJoins.leftJoin(OrganizationColumns.TABLE, "po",
                        ObservationTableColumns.PERFORMER_ORGANIZATION_ID)
                + ReferenceJoins.leftJoin(PatientColumns.TABLE, "pt", ObservationTableColumns.PERFORMER_PATIENT_ID);
    }

    /** The select list matching {@link #from}. */
    static String columns() {
        return "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                + " AS encounter_public_id, pp." + PractitionerColumns.PUBLIC_ID
                + " AS performer_practitioner_public_id,"
                + " po." + OrganizationColumns.PUBLIC_ID + " AS performer_organization_public_id, pt."
                + PatientColumns.PUBLIC_ID + " AS performer_patient_public_id";
    }

    /**
     * The parameters every observation table answers the same way: {@code _id}, patient, code, date and status;
     * the table adds category.
     */
    static SearchColumns search(String... extraCodeColumns) {
        SearchColumns search = SearchColumns.withId()
                .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
                .tokenOfSystem("status", STATUS_SYSTEM, "r." + ObservationTableColumns.STATUS)
                .date("date", "r." + ObservationTableColumns.EFFECTIVE);
        if (extraCodeColumns.length == 0) {
            return search.token("code", CODE_SYSTEM, CODE_CODE);
        }
        String[] columns = new String[2 + extraCodeColumns.length];
        columns[0] = CODE_SYSTEM;
        columns[1] = CODE_CODE;
        System.arraycopy(extraCodeColumns, 0, columns, 2, extraCodeColumns.length);
        return search.tokenInColumns("code", columns);
    }

    /** An Observation with the shared columns mapped, claiming {@code profile}; the caller adds category. */
    static Observation observation(TableRow row, String profile) {
        Observation o = new Observation();
        o.setId(row.string("public_id"));
        o.getMeta().addProfile(profile);
        o.setStatus(Observation.ObservationStatus.fromCode(row.string(ObservationTableColumns.STATUS)));
        o.setCode(FhirValues.concept(row, ObservationTableColumns.CODE));
        o.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        o.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        o.setEffective(effective(row));
        if (row.has(ObservationTableColumns.ISSUED_TEXT)) {
            o.setIssuedElement(new InstantType(row.string(ObservationTableColumns.ISSUED_TEXT)));
        }
        addPerformer(o, row);
        o.setValue(value(row));
        o.setDataAbsentReason(FhirValues.statusConcept(row, DATA_ABSENT_REASON,
                ObservationTableColumns.DATA_ABSENT_REASON));
        if (row.has(ObservationTableColumns.NOTE)) {
            o.addNote().setText(row.string(ObservationTableColumns.NOTE));
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
            CodeableConcept concept = FhirValues.concept(category, ObservationTableColumns.CATEGORY);
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
        if (row.has(ObservationTableColumns.VALUE_QUANTITY)) {
            return valueQuantity(row);
        }
        CodeableConcept concept = FhirValues.concept(row, ObservationTableColumns.VALUE_CONCEPT);
        if (concept != null) {
            return concept;
        }
        if (row.has(ObservationTableColumns.VALUE_STRING)) {
            return new StringType(row.string(ObservationTableColumns.VALUE_STRING));
        }
        if (row.has(ObservationTableColumns.VALUE_BOOLEAN)) {
            return new BooleanType(row.bool(ObservationTableColumns.VALUE_BOOLEAN));
        }
        return null;
    }

    /** The measurement in the {@code value_quantity}, {@code value_decimals} and {@code value_unit*} columns. */
    static Quantity valueQuantity(TableRow row) {
        return quantity(row.decimal(ObservationTableColumns.VALUE_QUANTITY),
                row.intValue(ObservationTableColumns.VALUE_DECIMALS), row.string(ObservationTableColumns.VALUE_UNIT),
                row.string(ObservationTableColumns.VALUE_UNIT_SYSTEM),
                row.string(ObservationTableColumns.VALUE_UNIT_CODE));
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
        if (Boolean.TRUE.equals(row.bool(ObservationTableColumns.EFFECTIVE_IS_PERIOD))) {
            Period period = new Period();
            if (row.has(ObservationTableColumns.EFFECTIVE + ColumnGroups.TEXT)) {
                period.setStartElement(new DateTimeType(row.string(ObservationTableColumns.EFFECTIVE
                        + ColumnGroups.TEXT)));
            }
            if (row.has(ObservationTableColumns.EFFECTIVE_END_TEXT)) {
                period.setEndElement(new DateTimeType(row.string(ObservationTableColumns.EFFECTIVE_END_TEXT)));
            }
            return period;
        }
        return FhirValues.dateTime(row, ObservationTableColumns.EFFECTIVE);
    }

    private static void addPerformer(Observation o, TableRow row) {
        if (row.has("performer_practitioner_public_id")) {
            o.addPerformer(FhirValues.reference("Practitioner", row.string("performer_practitioner_public_id")));
        } else if (row.has("performer_organization_public_id")) {
            o.addPerformer(FhirValues.reference("Organization", row.string("performer_organization_public_id")));
        } else if (row.has("performer_patient_public_id")) {
            o.addPerformer(FhirValues.reference("Patient", row.string("performer_patient_public_id")));
        } else if (row.has(ObservationTableColumns.PERFORMER_REF_TYPE)) {
            o.addPerformer(FhirValues.reference(row.string(ObservationTableColumns.PERFORMER_REF_TYPE),
                    row.string(ObservationTableColumns.PERFORMER_REF_ID)));
        }
    }
}
