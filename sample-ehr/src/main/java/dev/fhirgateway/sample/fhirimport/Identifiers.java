package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;

/** An identifier into the EHR's {@code <name>_system/_value} columns: the EHR keeps one number per record. */
final class Identifiers {

    private Identifiers() {
    }

    /** Puts the first identifier into the columns of {@code name}; further ones are reported as not mapped. */
    static void put(Map<String, Object> row, String name, List<Identifier> identifiers, ImportContext context,
            String element) {
        Identifier first = identifiers.isEmpty() ? null : identifiers.get(0);
        row.put(name + ColumnGroups.SYSTEM, first == null ? null : first.getSystem());
        row.put(name + ColumnGroups.VALUE, first == null ? null : first.getValue());
        if (identifiers.size() > 1) {
            context.notMapped(element, "only the first identifier is kept");
        }
    }
}
