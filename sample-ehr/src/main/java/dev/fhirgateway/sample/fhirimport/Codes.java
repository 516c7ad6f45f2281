package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Coded values into the EHR's {@code <name>_system/_code/_display/_text} columns: one coding per concept. */
public final class Codes {

    private Codes() {
    }

    /** The first code of a concept, or null (for status columns whose code system is implied). */
    public static String code(CodeableConcept concept) {
        return concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep().getCode();
    }

    /**
     * Puts the code of a status-like concept (its system implied by the column) into {@code column}, and the display
     * and text recorded with it into {@code <column>_display} and {@code <column>_text}.
     */
    public static void putStatus(Map<String, Object> row, String column, CodeableConcept concept) {
        Coding coding = concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep();
        row.put(column, coding == null ? null : coding.getCode());
        row.put(column + ColumnGroups.DISPLAY, coding == null ? null : coding.getDisplay());
        row.put(column + ColumnGroups.TEXT, concept == null ? null : concept.getText());
    }

    /**
     * Puts the concept's first coding and its text into the four columns of {@code name}; further codings go to
     * {@code additional_code} once the row is inserted (see {@link ImportContext#insert}).
     */
    public static void put(Map<String, Object> row, String name, CodeableConcept concept, ImportContext context,
            String element) {
        Coding coding = concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep();
        row.put(name + ColumnGroups.SYSTEM, coding == null ? null : coding.getSystem());
        row.put(name + ColumnGroups.CODE, coding == null ? null : coding.getCode());
        row.put(name + ColumnGroups.DISPLAY, coding == null ? null : coding.getDisplay());
        row.put(name + ColumnGroups.TEXT, concept == null ? null : concept.getText());
        if (concept != null && concept.getCoding().size() > 1) {
            context.additionalCodes(row, name, concept.getCoding().subList(1, concept.getCoding().size()),
                    element);
        }
    }
}
