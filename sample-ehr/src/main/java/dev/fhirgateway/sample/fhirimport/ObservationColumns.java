package dev.fhirgateway.sample.fhirimport;

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
        row.put("effective_is_period", false);
        ClinicalTime.put(row, "effective", null);
        row.put("effective_end_text", null);
        if (effective instanceof BaseDateTimeType time && time.hasValue()) {
            ClinicalTime.put(row, "effective", time.getValueAsString());
        } else if (effective instanceof Period period && (period.hasStart() || period.hasEnd())) {
            ClinicalTime start = period.hasStart() ? ClinicalTime.parse(period.getStartElement().getValueAsString())
                    : null;
            ClinicalTime end = period.hasEnd() ? ClinicalTime.parse(period.getEndElement().getValueAsString()) : null;
            row.put("effective_is_period", true);
            row.put("effective_text", start == null ? null : start.text());
            row.put("effective_end_text", end == null ? null : end.text());
            row.put("effective_local_start", start == null ? OPEN_START : start.localStart());
            row.put("effective_utc_start", start == null ? OPEN_START : start.utcStart());
            row.put("effective_local_end", end == null ? OPEN_END : end.localEnd());
            row.put("effective_utc_end", end == null ? OPEN_END : end.utcEnd());
        } else if (effective != null && !effective.isEmpty()) {
            context.notMapped("effective", "a " + effective.fhirType() + " is not kept; the EHR records a time or period");
        }
    }

    /**
     * The {@code value_*} columns of a row or component: a quantity (with its decimals as written), a coded
     * answer, text or yes/no.
     */
    static void putValue(Map<String, Object> row, Type value, ImportContext context, String element) {
        Quantity q = value instanceof Quantity quantity && quantity.hasValue() ? quantity : null;
        row.put("value_quantity", q == null ? null : q.getValue());
        row.put("value_decimals", q == null ? null : decimals(q.getValue()));
        row.put("value_unit", q == null ? null : q.getUnit());
        row.put("value_unit_system", q == null ? null : q.getSystem());
        row.put("value_unit_code", q == null ? null : q.getCode());
        if (q != null && q.hasComparator()) {
            context.notMapped(element + ".comparator", "the EHR keeps measured values only");
        }
        Codes.put(row, "value_concept", value instanceof CodeableConcept c ? c : null, context, element);
        row.put("value_string", value instanceof StringType s ? s.getValue() : null);
        row.put("value_boolean", value instanceof BooleanType b ? b.getValue() : null);
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
        Codes.putStatus(row, "data_absent_reason", reason);
    }

    /** The shared columns of a whole observation: patient, encounter, status, effective, value, performer ... */
    static void putCommon(Map<String, Object> row, Observation o, ImportContext context) {
        Long patient = context.internalId(o.getSubject(), "subject", "Patient");
        if (patient == null) {
            throw new ImportException("Observation/" + o.getIdElement().getIdPart()
                    + " is not about a patient the EHR holds");
        }
        row.put("patient_id", patient);
        row.put("encounter_id", context.internalId(o.getEncounter(), "encounter", "Encounter"));
        row.put("status", o.hasStatus() ? o.getStatus().toCode() : "unknown");
        putEffective(row, o.getEffective(), context);
        row.put("issued_text", o.hasIssued() ? o.getIssuedElement().getValueAsString() : null);
        putValue(row, o.getValue(), context, "value");
        putDataAbsentReason(row, o.getDataAbsentReason());
        putPerformer(row, o, context);
        row.put("note", o.hasNote() ? o.getNoteFirstRep().getText() : null);
        if (o.getNote().size() > 1) {
            context.notMapped("note", "only the first note is kept");
        }
    }

    private static void putPerformer(Map<String, Object> row, Observation o, ImportContext context) {
        row.put("performer_practitioner_id", null);
        row.put("performer_organization_id", null);
        row.put("performer_patient_id", null);
        row.put("performer_ref_type", null);
        row.put("performer_ref_id", null);
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
            case "Practitioner" -> row.put("performer_practitioner_id",
                    context.internalId(performer, "performer", "Practitioner"));
            case "Organization" -> row.put("performer_organization_id",
                    context.internalId(performer, "performer", "Organization"));
            case "Patient" -> row.put("performer_patient_id", context.internalId(performer, "performer", "Patient"));
            default -> {
                row.put("performer_ref_type", type);
                row.put("performer_ref_id", target.substring(type.length() + 1));
            }
        }
    }
}
