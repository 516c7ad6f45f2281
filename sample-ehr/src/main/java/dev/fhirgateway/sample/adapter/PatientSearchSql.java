package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Translates Patient search criteria into SQL conditions on {@code patient p}, following FHIR R4 search
 * semantics: the values of one criterion are alternatives (OR), the criteria all apply (AND).
 */
final class PatientSearchSql {

    /** The search parameters this translation understands, as declared to the gateway. */
    static final List<SearchParameterSupport> PARAMETERS = List.of(
            SearchParameterSupport.token("_id"),
            SearchParameterSupport.token("identifier"),
            SearchParameterSupport.string("name"),
            SearchParameterSupport.string("family"),
            SearchParameterSupport.string("given"),
            SearchParameterSupport.token("gender"),
            SearchParameterSupport.date("birthdate"),
            SearchParameterSupport.date("death-date"),
            SearchParameterSupport.lastUpdated());

    /** The {@code patient_name_part.part_kind} values each string parameter searches. */
    private static final List<String> NAME_KINDS = List.of("family", "given", "prefix", "suffix", "full");
    private static final List<String> FAMILY_KINDS = List.of("family");
    private static final List<String> GIVEN_KINDS = List.of("given");

    private PatientSearchSql() {
    }

    /**
     * Adds one condition per criterion to {@code sql}.
     *
     * @throws AdapterException {@link AdapterException.Reason#UNSUPPORTED_SEARCH} for an unknown parameter, a
     *     value of the wrong type, or a date with a time of day
     */
    static void addCriteria(SqlConditions sql, List<SearchCriterion> criteria) {
        for (SearchCriterion criterion : criteria) {
            sql.and(condition(sql, criterion));
        }
    }

    private static String condition(SqlConditions sql, SearchCriterion c) {
        return switch (c.parameter()) {
            // A logical id has no system: "|id" and "id" match, "system|id" does not.
            case "_id" -> anyOf(c, SearchValue.Token.class, t -> token(sql, t, null, "p.public_id"));
            // The practice's own MRN, or any other number recorded for the patient.
            case "identifier" -> anyOf(c, SearchValue.Token.class,
                    t -> token(sql, t, PatientMapper.MRN_SYSTEM, "p.mrn") + " OR " + otherIdentifier(sql, t));
            case "gender" -> anyOf(c, SearchValue.Token.class,
                    t -> token(sql, t, PatientMapper.GENDER_SYSTEM, "p.gender"));
            case "name" -> anyOf(c, SearchValue.Text.class, t -> namePart(sql, t, NAME_KINDS));
            case "family" -> anyOf(c, SearchValue.Text.class, t -> namePart(sql, t, FAMILY_KINDS));
            case "given" -> anyOf(c, SearchValue.Text.class, t -> namePart(sql, t, GIVEN_KINDS));
            case "birthdate" -> anyOf(c, SearchValue.Date.class, d -> date(sql, d, c.parameter(), "p.birth_date"));
            case "death-date" -> anyOf(c, SearchValue.Date.class,
                    d -> date(sql, d, c.parameter(), "p.deceased_date"));
            case SearchParameterSupport.LAST_UPDATED -> anyOf(c, SearchValue.Date.class,
                    d -> SearchColumns.lastUpdatedSql(sql, d, "p.updated_at"));
            default -> throw AdapterException.unsupportedSearch(
                    "Patient has no search parameter '" + c.parameter() + "' in this EHR");
        };
    }

    private static <T extends SearchValue> String anyOf(SearchCriterion c, Class<T> type, Function<T, String> each) {
        return c.anyOf().stream()
                .map(value -> {
                    if (!type.isInstance(value)) {
                        throw AdapterException.unsupportedSearch(
                                "parameter '" + c.parameter() + "' takes a " + type.getSimpleName().toLowerCase(Locale.ROOT)
                                        + " value");
                    }
                    return "(" + each.apply(type.cast(value)) + ")";
                })
                .collect(Collectors.joining(" OR "));
    }

    /**
     * A token on a column whose values all belong to one code system ({@code fieldSystem}, null when the field
     * has none): the system part is decided here, only the code reaches SQL.
     */
    private static String token(SqlConditions sql, SearchValue.Token token, String fieldSystem, String column) {
        boolean systemMatches = token.system() == null
                || (token.system().isEmpty() ? fieldSystem == null : token.system().equals(fieldSystem));
        if (!systemMatches) {
            return SqlConditions.FALSE;
        }
        return token.code() == null ? SqlConditions.TRUE : column + " = " + sql.bind(token.code());
    }

    /** A token on the patient's other identifiers ({@code patient_identifier}), each with its own system. */
    private static String otherIdentifier(SqlConditions sql, SearchValue.Token token) {
        StringBuilder match = new StringBuilder(
                "EXISTS (SELECT 1 FROM patient_identifier pi WHERE pi.patient_id = p.id");
        if (token.system() != null) {
            match.append(token.system().isEmpty() ? " AND pi.id_system IS NULL"
                    : " AND pi.id_system = " + sql.bind(token.system()));
        }
        if (token.code() != null) {
            match.append(" AND pi.id_value = ").append(sql.bind(token.code()));
        }
        return match.append(")").toString();
    }

    private static String namePart(SqlConditions sql, SearchValue.Text text, List<String> kinds) {
        String match = switch (text.mode()) {
            case EXACT -> "np.part_text = " + sql.bind(text.value());
            case STARTS_WITH -> "np.normalized_text LIKE "
                    + sql.bind(LikePatterns.startsWith(SearchValue.Text.normalize(text.value())))
                    + " ESCAPE '" + LikePatterns.ESCAPE + "'";
            case CONTAINS -> "np.normalized_text LIKE "
                    + sql.bind(LikePatterns.contains(SearchValue.Text.normalize(text.value())))
                    + " ESCAPE '" + LikePatterns.ESCAPE + "'";
        };
        // The kinds are constants of this class, never request input.
        String kindList = kinds.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
        return "EXISTS (SELECT 1 FROM patient_name_part np WHERE np.patient_id = p.id AND np.part_kind IN ("
                + kindList + ") AND " + match + ")";
    }

    /**
     * A date criterion on a DATE column, per the plain-date table of {@link SearchValue.Date}: the search range is
     * {@code [s, e)}. A NULL column matches no prefix, not even {@code ne}: a patient without a date of death is
     * not "deceased on a date other than ...".
     */
    private static String date(SqlConditions sql, SearchValue.Date date, String parameter, String column) {
        if (!date.precision().isDate()) {
            throw AdapterException.unsupportedSearch(parameter
                    + " takes a date (YYYY, YYYY-MM or YYYY-MM-DD), not a date with a time of day");
        }
        return switch (date.prefix()) {
            case EQ -> column + " >= " + sql.bind(date.startDate()) + " AND " + column + " < " + sql.bind(date.endDate());
            case NE -> column + " < " + sql.bind(date.startDate()) + " OR " + column + " >= " + sql.bind(date.endDate());
            case GT, SA -> column + " >= " + sql.bind(date.endDate());
            case LT, EB -> column + " < " + sql.bind(date.startDate());
            case GE -> column + " >= " + sql.bind(date.startDate());
            case LE -> column + " < " + sql.bind(date.endDate());
        };
    }
}
