package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.AdditionalCodeColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** Small builders the table mappers share: coded values, references and clinical times from columns. */
final class FhirValues {

    private FhirValues() {
    }

    /**
     * The concept held in the columns {@code <prefix>_system}, {@code _code}, {@code _display} and, when the
     * table has it, {@code _text}; null when all are empty.
     */
    static CodeableConcept concept(TableRow row, String prefix) {
        String text = row.hasColumn(prefix + ColumnGroups.TEXT) ? row.string(prefix + ColumnGroups.TEXT) : null;
        CodeableConcept concept = concept(row.string(prefix + ColumnGroups.SYSTEM),
                row.string(prefix + ColumnGroups.CODE),
                row.string(prefix + ColumnGroups.DISPLAY), text);
        if (concept != null) {
            // The field's further codes, in the order recorded.
            for (TableRow code : row.additionalCodes(prefix)) {
                concept.addCoding(new Coding(code.string(AdditionalCodeColumns.CODE_SYSTEM),
                        code.string(AdditionalCodeColumns.CODE), code.string(AdditionalCodeColumns.DISPLAY)));
            }
        }
        return concept;
    }

    static CodeableConcept concept(String system, String code, String display, String text) {
        if (code == null && text == null) {
            return null;
        }
        CodeableConcept concept = new CodeableConcept();
        if (code != null) {
            concept.addCoding(new Coding(system, code, display));
        }
        concept.setText(text);
        return concept;
    }

    /** A concept from a code of a fixed system (HL7 status code systems and the like). */
    static CodeableConcept concept(String system, String code) {
        return code == null ? null : new CodeableConcept(new Coding(system, code, null));
    }

    /**
     * A concept from a code of a fixed system in the column {@code column}, with the display and text recorded with
     * it in {@code <column>_display} and {@code <column>_text} (empty for rows recorded without them).
     */
    static CodeableConcept statusConcept(TableRow row, String system, String column) {
        String code = row.string(column);
        return code == null ? null
                : new CodeableConcept(new Coding(system, code, row.string(column + ColumnGroups.DISPLAY)))
                .setText(row.string(column + ColumnGroups.TEXT));
    }

    /** A literal reference {@code Type/publicId}, or null when there is no target. */
    static Reference reference(String type, String publicId) {
        return publicId == null ? null : new Reference(type + "/" + publicId);
    }

    /** The clinical time {@code <prefix>_text} as recorded, or null. */
    static DateTimeType dateTime(TableRow row, String prefix) {
        String text = row.string(prefix + ColumnGroups.TEXT);
        return text == null ? null : new DateTimeType(text);
    }

    /** The identifier in the columns {@code <prefix>_system} and {@code <prefix>_value}, or null without a value. */
    static Identifier identifier(TableRow row, String prefix) {
        String value = row.string(prefix + ColumnGroups.VALUE);
        return value == null ? null
                : new Identifier().setSystem(row.string(prefix + ColumnGroups.SYSTEM)).setValue(value);
    }

    /** The period from the clinical times {@code <start>_text} and {@code <end>_text}; null when both are empty. */
    static Period period(TableRow row, String start, String end) {
        DateTimeType from = dateTime(row, start);
        DateTimeType to = dateTime(row, end);
        if (from == null && to == null) {
            return null;
        }
        Period period = new Period();
        period.setStartElement(from);
        period.setEndElement(to);
        return period;
    }

    /** A NUMERIC column's value as written: the zeros the column's scale pads with are dropped (480, not 480.0000). */
    static java.math.BigDecimal plainDecimal(java.math.BigDecimal value) {
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
