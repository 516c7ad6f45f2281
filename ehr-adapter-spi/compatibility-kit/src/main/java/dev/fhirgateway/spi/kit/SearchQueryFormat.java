package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchValue;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes criteria the way a client would have sent them ({@code birthdate=ge1980-01&name:exact=Zoë},
 * {@code value-quantity=gt5.4|http://unitsofmeasure.org|mmol/L}), so a
 * failure message names the search in the terms an adapter author knows. Values are not URL-encoded.
 */
final class SearchQueryFormat {

    private SearchQueryFormat() {
    }

    static String query(String resourceType, List<SearchCriterion> criteria) {
        if (criteria.isEmpty()) {
            return resourceType + "? (no criteria)";
        }
        return resourceType + "?" + criteria.stream().map(SearchQueryFormat::criterion).collect(Collectors.joining("&"));
    }

    static String criterion(SearchCriterion c) {
        String modifier = c.anyOf().get(0) instanceof SearchValue.Text t ? modifier(t.mode()) : "";
        return c.parameter() + modifier + "="
                + c.anyOf().stream().map(SearchQueryFormat::value).collect(Collectors.joining(","));
    }

    static String value(SearchValue value) {
        if (value instanceof SearchValue.Token t) {
            if (t.system() == null) {
                return t.code();
            }
            return t.system() + "|" + (t.code() == null ? "" : t.code());
        }
        if (value instanceof SearchValue.Text t) {
            return t.value();
        }
        if (value instanceof SearchValue.Date d) {
            String pattern = switch (d.precision()) {
                case YEAR -> "yyyy";
                case MONTH -> "yyyy-MM";
                case DAY -> "yyyy-MM-dd";
                case MINUTE -> "yyyy-MM-dd'T'HH:mm";
                case SECOND -> "yyyy-MM-dd'T'HH:mm:ss";
                case MILLISECOND -> "yyyy-MM-dd'T'HH:mm:ss.SSS";
            };
            return d.prefix().code() + d.start().format(DateTimeFormatter.ofPattern(pattern))
                    + (d.offset() == null ? "" : d.offset().getId());
        }
        if (value instanceof SearchValue.Reference r) {
            return r.resourceType() == null ? r.id() : r.resourceType() + "/" + r.id();
        }
        if (value instanceof SearchValue.Quantity q) {
            return q.prefix().code() + quantity(q.value(), q.system(), q.code());
        }
        return String.valueOf(value);
    }

    /**
     * A quantity in FHIR's search form: {@code 5.4} (any unit), {@code 5.4||mg} (any system) or
     * {@code 5.4|http://unitsofmeasure.org|mg}. The number keeps its precision: trailing zeros stay
     * ({@code 5.40}), and a number whose precision ends left of the decimal point is written with an exponent
     * ({@code 1e2}, not {@code 100}, which would be more precise).
     */
    static String quantity(BigDecimal number, String system, String code) {
        String n = number.scale() >= 0 ? number.toPlainString()
                : number.toString().replace("E+", "e");
        if (system == null && code == null) {
            return n;
        }
        return n + "|" + (system == null ? "" : system) + "|" + (code == null ? "" : code);
    }

    private static String modifier(SearchValue.Text.Mode mode) {
        return switch (mode) {
            case STARTS_WITH -> "";
            case EXACT -> ":exact";
            case CONTAINS -> ":contains";
        };
    }
}
