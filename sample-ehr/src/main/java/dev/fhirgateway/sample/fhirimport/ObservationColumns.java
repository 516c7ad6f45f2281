package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.ObservationTableColumns;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Fills the column groups every observation table shares ({@code V10__observations.sql}): effective, value,
 * data absent reason, performer, note.
 */
final class ObservationColumns {

    /** The open ends of a period, as the adapter's date search expects them. */
    static final LocalDateTime OPEN_START = LocalDateTime.of(1, 1, 1, 0, 0);
    static final LocalDateTime OPEN_END = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

    private ObservationColumns() {
    }

    /** The {@code effective_*} columns: a time, or a period whose range spans both ends (open ends included). */
    static void putEffective(Map<String, Object> row, Type effective, ImportContext context) {
        row.put(ObservationTableColumns.EFFECTIVE_IS_PERIOD, false);
        ClinicalTime.put(row, ObservationTableColumns.EFFECTIVE, null);
        row.put(ObservationTableColumns.EFFECTIVE_END_TEXT, null);
        if (effective instanceof BaseDateTimeType time && time.hasValue()) {
            ClinicalTime.put(row, ObservationTableColumns.EFFECTIVE, time.getValueAsString());
        } else if (effective instanceof Period period && (period.hasStart() || period.hasEnd())) {
            ClinicalTime start = period.hasStart() ? ClinicalTime.parse(period.getStartElement().getValueAsString())
                    : null;
            ClinicalTime end = period.hasEnd() ? ClinicalTime.parse(period.getEndElement().getValueAsString()) : null;
            row.put(ObservationTableColumns.EFFECTIVE_IS_PERIOD, true);
            row.put(ObservationTableColumns.EFFECTIVE + ColumnGroups.TEXT, start == null ? null : start.text());
            row.put(ObservationTableColumns.EFFECTIVE_END_TEXT, end == null ? null : end.text());
            row.put(ObservationTableColumns.EFFECTIVE + ColumnGroups.LOCAL_START, start == null ? OPEN_START
                    : start.localStart());
            row.put(ObservationTableColumns.EFFECTIVE + ColumnGroups.UTC_START, start == null ? OPEN_START
                    : start.utcStart());
            row.put(ObservationTableColumns.EFFECTIVE + ColumnGroups.LOCAL_END, end == null ? OPEN_END
                    : end.localEnd());
            row.put(ObservationTableColumns.EFFECTIVE + ColumnGroups.UTC_END, end == null ? OPEN_END : end.utcEnd());
        } else if (effective != null && !effective.isEmpty()) {
            context.notMapped("effective", "a " + effective.fhirType()
                    + " is not kept; the EHR records a time or period");
        }
    }

    /**
     * The {@code value_*} columns of a row or component: a quantity (with its decimals as written), a coded
     * answer, text or yes/no.
     */
    static void putValue(Map<String, Object> row, Type value, ImportContext context, String element) {
        Quantity q = value instanceof Quantity quantity && quantity.hasValue() ? quantity : null;
        row.put(ObservationTableColumns.VALUE_QUANTITY, q == null ? null : q.getValue());
        row.put(ObservationTableColumns.VALUE_DECIMALS, q == null ? null : decimals(q.getValue()));
        row.put(ObservationTableColumns.VALUE_UNIT, q == null ? null : q.getUnit());
        row.put(ObservationTableColumns.VALUE_UNIT_SYSTEM, q == null ? null : q.getSystem());
        row.put(ObservationTableColumns.VALUE_UNIT_CODE, q == null ? null : q.getCode());
        if (q != null && q.hasComparator()) {
            context.notMapped(element + ".comparator", "the EHR keeps measured values only");
        }
        Codes.put(row, ObservationTableColumns.VALUE_CONCEPT, value instanceof CodeableConcept c ? c : null, context,
                element);
        row.put(ObservationTableColumns.VALUE_STRING, value instanceof StringType s ? s.getValue() : null);
        row.put(ObservationTableColumns.VALUE_BOOLEAN, value instanceof BooleanType b ? b.getValue() : null);
        if (value != null && !value.isEmpty() && q == null && !(value instanceof CodeableConcept)
                && !(value instanceof StringType) && !(value instanceof BooleanType)) {
            context.notMapped(element, "a " + value.fhirType() + " value is not kept");
        }
    }

    /** The number of decimals written, so 36.50 comes back as 36.50. */
    static Integer decimals(BigDecimal value) {
        return value == null ? null : Math.max(value.scale(), 0);
    }

    /** The {@code data_absent_reason} column, with the display and text recorded with the code. */
    static void putDataAbsentReason(Map<String, Object> row, CodeableConcept reason) {
        Codes.putStatus(row, ObservationTableColumns.DATA_ABSENT_REASON, reason);
    }

    /** The shared columns of a whole observation: patient, encounter, status, effective, value, performer ... */
    static void putCommon(Map<String, Object> row, Observation o, ImportContext context) {
        Long patient = context.internalId(o.getSubject(), "subject", "Patient");
        if (patient == null) {
            throw new ImportException("Observation/" + o.getIdElement().getIdPart()
                    + " is not about a patient the EHR holds");
        }
        row.put(ObservationTableColumns.PATIENT_ID, patient);
        row.put(ObservationTableColumns.ENCOUNTER_ID, context.internalId(o.getEncounter(), "encounter", "Encounter"));
        row.put(ObservationTableColumns.STATUS, o.hasStatus() ? o.getStatus().toCode() : "unknown");
        putEffective(row, o.getEffective(), context);
        row.put(ObservationTableColumns.ISSUED_TEXT, o.hasIssued() ? o.getIssuedElement().getValueAsString() : null);
        putValue(row, o.getValue(), context, "value");
        putDataAbsentReason(row, o.getDataAbsentReason());
        putPerformer(row, o, context);
        row.put(ObservationTableColumns.NOTE, o.hasNote() ? o.getNoteFirstRep().getText() : null);
        if (o.getNote().size() > 1) {
            context.notMapped("note", "only the first note is kept");
        }
    }

    private static void putPerformer(Map<String, Object> row, Observation o, ImportContext context) {
        row.put(ObservationTableColumns.PERFORMER_PRACTITIONER_ID, null);
        row.put(ObservationTableColumns.PERFORMER_ORGANIZATION_ID, null);
        row.put(ObservationTableColumns.PERFORMER_PATIENT_ID, null);
        row.put(ObservationTableColumns.PERFORMER_REF_TYPE, null);
        row.put(ObservationTableColumns.PERFORMER_REF_ID, null);
        if (!o.hasPerformer()) {
            return;
        }
        if (o.getPerformer().size() > 1) {
            context.notMapped("performer", "only the first performer is kept");
        }
        Reference performer = o.getPerformerFirstRep();
        String target = context.target(performer);
        if (target == null || !target.contains("/")) {
            return;
        }
        String type = target.substring(0, target.indexOf('/'));
        switch (type) {
            case "Practitioner" -> row.put(ObservationTableColumns.PERFORMER_PRACTITIONER_ID,
                    context.internalId(performer, "performer", "Practitioner"));
            case "Organization" -> row.put(ObservationTableColumns.PERFORMER_ORGANIZATION_ID,
                    context.internalId(performer, "performer", "Organization"));
            case "Patient" -> row.put(ObservationTableColumns.PERFORMER_PATIENT_ID,
                    context.internalId(performer, "performer", "Patient"));
            default -> {
                row.put(ObservationTableColumns.PERFORMER_REF_TYPE, type);
                row.put(ObservationTableColumns.PERFORMER_REF_ID, target.substring(type.length() + 1));
            }
        }
    }
}
