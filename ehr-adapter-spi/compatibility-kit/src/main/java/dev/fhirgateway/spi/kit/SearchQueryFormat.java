package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchValue;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes criteria the way a client would have sent them ({@code birthdate=ge1980-01&name:exact=Zoë}), so a
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
            return q.prefix().code() + q.value().toPlainString() + "|" + (q.system() == null ? "" : q.system())
                    + "|" + (q.code() == null ? "" : q.code());
        }
        return String.valueOf(value);
    }

    private static String modifier(SearchValue.Text.Mode mode) {
        return switch (mode) {
            case STARTS_WITH -> "";
            case EXACT -> ":exact";
            case CONTAINS -> ":contains";
        };
    }
}
