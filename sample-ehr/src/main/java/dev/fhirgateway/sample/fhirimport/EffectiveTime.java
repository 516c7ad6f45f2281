package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import java.util.Map;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;

/**
 * A time that is either a point in time or a period (FHIR's {@code dateTime | Period} choices) as the EHR keeps
 * it: the clinical times {@code <name>_start} and {@code <name>_end} plus {@code <name>_is_period}. A point in time
 * has the same start and end, so range searches treat both alike.
 */
final class EffectiveTime {

    private EffectiveTime() {
    }

    /** Puts the columns of {@code name}; all empty when {@code value} is neither a dateTime nor a Period. */
    static void put(Map<String, Object> row, String name, Type value) {
        String start = null;
        String end = null;
        boolean period = false;
        if (value instanceof DateTimeType dateTime && dateTime.hasValue()) {
            start = dateTime.getValueAsString();
            end = start;
        } else if (value instanceof Period p) {
            period = true;
            start = p.hasStart() ? p.getStartElement().getValueAsString() : null;
            end = p.hasEnd() ? p.getEndElement().getValueAsString() : null;
        }
        row.put(name + ColumnGroups.IS_PERIOD, period);
        ClinicalTime.put(row, name + ColumnGroups.START, start);
        ClinicalTime.put(row, name + ColumnGroups.END, end);
    }
}
