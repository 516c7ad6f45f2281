package dev.fhirgateway.spi.kit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the values a parameter indexes in a resource for failure messages, e.g. {@code [1980-01-01]} or
 * {@code [5.4|http://unitsofmeasure.org|mmol/L]}.
 */
final class IndexedValuesFormat {

    private IndexedValuesFormat() {
    }

    static String format(IndexedValues values) {
        List<String> out = new ArrayList<>();
        values.tokens().forEach(t -> out.add(t.system() == null ? t.code() : t.system() + "|" + t.code()));
        if (out.isEmpty()) {
            values.dates().forEach(d -> out.add(d.date() != null ? d.date().toString()
                    : "[" + edge(d.start()) + ", " + edge(d.end()) + ")"));
        }
        if (out.isEmpty()) {
            values.references().forEach(r -> out.add(r.resourceType() + "/" + r.id()));
        }
        if (out.isEmpty()) {
            values.quantities().forEach(q -> out.add(SearchQueryFormat.quantity(q.value(), q.system(), q.code())));
        }
        if (out.isEmpty()) {
            out.addAll(values.strings());
        }
        return out.isEmpty() ? "(none)" : out.toString();
    }

    private static String edge(Instant instant) {
        return instant.equals(Instant.MIN) || instant.equals(Instant.MAX) ? "open" : instant.toString();
    }
}
