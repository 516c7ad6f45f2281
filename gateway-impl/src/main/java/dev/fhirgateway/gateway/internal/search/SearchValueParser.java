package dev.fhirgateway.gateway.internal.search;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ParameterUtil;
import dev.fhirgateway.spi.SearchParameterType;
import dev.fhirgateway.spi.SearchValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one search value (one alternative of an OR list) into its typed SPI form.
 *
 * <p>Error messages name the parameter and what was expected, never the value: a value can be PHI
 * (a name, a birth date) and error messages reach logs.
 */
final class SearchValueParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final Pattern PREFIXED_NUMBER = Pattern.compile("(eq|ne|gt|lt|ge|le|sa|eb|ap)?([-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?)");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*T.*(Z|[+-]\\d\\d:\\d\\d)$");

    private SearchValueParser() {
    }

    /**
     * @param name the parameter name without modifier
     * @param modifier the modifier after ':' or null
     * @param raw one value, still escaped (commas were split already)
     * @throws InvalidSearchException when the value or modifier cannot be used
     */
    static SearchValue parse(String name, SearchParameterType type, String modifier, String raw) {
        return switch (type) {
            case TOKEN -> token(name, modifier, raw);
            case STRING -> text(name, modifier, raw);
            case DATE -> date(name, modifier, raw);
            case REFERENCE -> reference(name, modifier, raw);
            case QUANTITY -> quantity(name, modifier, raw);
        };
    }

    private static SearchValue.Token token(String name, String modifier, String raw) {
        noModifier(name, modifier, "token");
        int bar = ParameterUtil.nonEscapedIndexOf(raw, '|');
        if (bar < 0) {
            return new SearchValue.Token(null, ParameterUtil.unescape(raw));
        }
        String system = ParameterUtil.unescape(raw.substring(0, bar));
        String code = ParameterUtil.unescape(raw.substring(bar + 1));
        if (system.isEmpty() && code.isEmpty()) {
            throw new InvalidSearchException(name, "a token needs a code, system|code, |code or system|");
        }
        return new SearchValue.Token(system, code.isEmpty() ? null : code);
    }

    private static SearchValue.Text text(String name, String modifier, String raw) {
        SearchValue.Text.Mode mode;
        if (modifier == null) {
            mode = SearchValue.Text.Mode.STARTS_WITH;
        } else if (modifier.equals("exact")) {
            mode = SearchValue.Text.Mode.EXACT;
        } else if (modifier.equals("contains")) {
            mode = SearchValue.Text.Mode.CONTAINS;
        } else {
            throw new InvalidSearchException(name + ":" + modifier,
                    "modifier " + ClientNames.quote(":" + modifier) + " is not supported on a string parameter (supported: :exact, :contains)");
        }
        return new SearchValue.Text(ParameterUtil.unescape(raw), mode);
    }

    private static SearchValue.Date date(String name, String modifier, String raw) {
        noModifier(name, modifier, "date");
        DateParam param;
        try {
            param = new DateParam(ParameterUtil.unescape(raw));
        } catch (RuntimeException e) {
            throw invalidDate(name);
        }
        if (param.getPrefix() == ParamPrefixEnum.APPROXIMATE) {
            throw new InvalidSearchException(name, "the 'ap' prefix is not supported (use eq, ne, gt, lt, ge, le, sa or eb)");
        }
        SearchValue.Prefix prefix = param.getPrefix() == null ? SearchValue.Prefix.EQ : prefixOf(param.getPrefix().getValue());
        String value = param.getValueAsString();
        TemporalPrecisionEnum precision = param.getPrecision();
        if (value == null || precision == null) {
            throw invalidDate(name);
        }
        try {
            return switch (precision) {
                case YEAR -> new SearchValue.Date(prefix, Year.parse(value).atDay(1).atStartOfDay(),
                        SearchValue.Date.Precision.YEAR, null);
                case MONTH -> new SearchValue.Date(prefix, YearMonth.parse(value).atDay(1).atStartOfDay(),
                        SearchValue.Date.Precision.MONTH, null);
                case DAY -> new SearchValue.Date(prefix, LocalDate.parse(value).atStartOfDay(),
                        SearchValue.Date.Precision.DAY, null);
                case MINUTE, SECOND, MILLI -> dateTime(prefix, value, precision);
            };
        } catch (DateTimeParseException e) {
            throw invalidDate(name);
        }
    }

    private static SearchValue.Date dateTime(SearchValue.Prefix prefix, String value, TemporalPrecisionEnum precision) {
        SearchValue.Date.Precision p = switch (precision) {
            case MINUTE -> SearchValue.Date.Precision.MINUTE;
            case SECOND -> SearchValue.Date.Precision.SECOND;
            default -> SearchValue.Date.Precision.MILLISECOND;
        };
        if (HAS_OFFSET.matcher(value).matches()) {
            OffsetDateTime odt = OffsetDateTime.parse(value);
            return new SearchValue.Date(prefix, truncate(odt.toLocalDateTime(), p), p, odt.getOffset());
        }
        return new SearchValue.Date(prefix, truncate(LocalDateTime.parse(value), p), p, null);
    }

    private static LocalDateTime truncate(LocalDateTime t, SearchValue.Date.Precision p) {
        return t.truncatedTo(p.unit());
    }

    private static SearchValue.Prefix prefixOf(String code) {
        return SearchValue.Prefix.valueOf(code.toUpperCase(Locale.ROOT));
    }

    private static InvalidSearchException invalidDate(String name) {
        return new InvalidSearchException(name,
                "value is not a valid date: use [prefix]YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm]");
    }

    private static SearchValue.Reference reference(String name, String modifier, String raw) {
        String typeFromModifier = null;
        if (modifier != null) {
            if (!RESOURCE_TYPE.matcher(modifier).matches()) {
                throw new InvalidSearchException(name + ":" + modifier,
                        "modifier " + ClientNames.quote(":" + modifier) + " is not supported on a reference parameter (use :[ResourceType])");
            }
            typeFromModifier = modifier;
        }
        String value = ParameterUtil.unescape(raw);
        // -1 keeps trailing empty parts, so "Practitioner/" is refused rather than read as the id "Practitioner"
        String[] parts = value.split("/", -1);
        String type;
        String id;
        if (parts.length == 1) {
            type = typeFromModifier;
            id = parts[0];
        } else {
            // [type]/[id] or an absolute URL ending in [type]/[id]
            type = parts[parts.length - 2];
            id = parts[parts.length - 1];
            if (!RESOURCE_TYPE.matcher(type).matches()
                    || (typeFromModifier != null && !typeFromModifier.equals(type))) {
                throw new InvalidSearchException(name, "a reference is [id], [type]/[id] or an absolute URL to one");
            }
        }
        if (!ID.matcher(id).matches()) {
            throw new InvalidSearchException(name, "a reference id has 1 to 64 letters, digits, '-' or '.'");
        }
        return new SearchValue.Reference(type, id);
    }

    private static SearchValue.Quantity quantity(String name, String modifier, String raw) {
        noModifier(name, modifier, "quantity");
        String value = ParameterUtil.unescape(raw);
        String[] parts = value.split("\\|", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new InvalidSearchException(name, "a quantity is [prefix]number or [prefix]number|system|code");
        }
        Matcher m = PREFIXED_NUMBER.matcher(parts[0]);
        if (!m.matches()) {
            throw new InvalidSearchException(name, "a quantity is [prefix]number or [prefix]number|system|code");
        }
        if ("ap".equals(m.group(1))) {
            throw new InvalidSearchException(name, "the 'ap' prefix is not supported");
        }
        SearchValue.Prefix prefix = m.group(1) == null ? SearchValue.Prefix.EQ : prefixOf(m.group(1));
        String system = parts.length == 3 && !parts[1].isEmpty() ? parts[1] : null;
        String code = parts.length == 3 && !parts[2].isEmpty() ? parts[2] : null;
        return new SearchValue.Quantity(prefix, new BigDecimal(m.group(2)), system, code);
    }

    private static void noModifier(String name, String modifier, String type) {
        if (modifier != null) {
            throw new InvalidSearchException(name + ":" + modifier,
                    "modifier " + ClientNames.quote(":" + modifier) + " is not supported on a " + type + " parameter");
        }
    }
}
