package dev.fhirgateway.gateway.internal.docs;

import java.util.List;

/**
 * What the gateway accepts in a search value of each parameter type: the comparison prefixes ("comparators") and
 * modifiers its parser ({@code internal.search}) takes, and the value forms. {@code SearchSyntaxTest} holds the
 * parser to these lists, so the pages cannot promise more or less than the parser does.
 */
final class SearchSyntax {

    /** The prefixes of date and quantity values ({@code ap} is refused). */
    static final List<String> COMPARATORS = List.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb");
    /** The modifiers of string parameters. */
    static final List<String> STRING_MODIFIERS = List.of(":exact", ":contains");

    /**
     * @param comparators the prefixes a value may start with
     * @param modifiers the modifiers the parameter name may carry
     * @param forms the value forms, as a developer types them
     */
    record Syntax(List<String> comparators, List<String> modifiers, List<String> forms, String note) {
    }

    private SearchSyntax() {
    }

    /** The syntax of a parameter of this FHIR search parameter type (its code: {@code token}, {@code date}...). */
    static Syntax of(String type) {
        return switch (type) {
            case "token" -> new Syntax(List.of(), List.of(), List.of("code", "system|code", "|code", "system|"),
                    "codes compare exactly");
            case "string" -> new Syntax(List.of(), STRING_MODIFIERS, List.of("text"),
                    "without a modifier: starts with the text, ignoring case and accents; :exact equal,"
                            + " :contains anywhere (ignoring case and accents)");
            case "date" -> new Syntax(COMPARATORS, List.of(),
                    List.of("YYYY", "YYYY-MM", "YYYY-MM-DD", "YYYY-MM-DDThh:mm[:ss][Z|+hh:mm]"),
                    "no prefix means eq; a value stands for its whole range (2024-03 is all of March)");
            case "reference" -> new Syntax(List.of(), List.of(":[Type]"), List.of("id", "Type/id", "absolute URL"),
                    "ids have 1 to 64 letters, digits, '-' or '.'");
            case "quantity" -> new Syntax(COMPARATORS, List.of(), List.of("number", "number|system|code"),
                    "no prefix means eq");
            default -> new Syntax(List.of(), List.of(), List.of(), "");
        };
    }
}
