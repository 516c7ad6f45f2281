package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchParameterType;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SearchValue.Date.Precision;
import dev.fhirgateway.spi.SearchValue.Prefix;
import dev.fhirgateway.spi.SearchValue.Text.Mode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * Derives the searches the kit sends from the adapter's own data: for each declared parameter, values that some
 * resource of the practice really has, in every form the gateway may pass them (token forms, string modifiers,
 * every date prefix at every date precision, reference forms, every quantity prefix at several precisions and
 * unit forms), plus OR lists and AND combinations.
 */
final class CriteriaSampler {

    /** A value no resource has: its searches must come back empty (or as the oracle says). */
    static final String NO_SUCH_VALUE = "kit-no-such-value-0";

    private final String resourceType;
    private final List<Resource> resources;
    private final SearchOracle oracle;

    /**
     * @param resources the resources values are taken from (the practice's, or the other practice's for the
     *     isolation checks)
     */
    CriteriaSampler(String resourceType, List<Resource> resources, SearchOracle oracle) {
        this.resourceType = resourceType;
        this.resources = List.copyOf(resources);
        this.oracle = oracle;
    }

    /** Every form of every sampled value of one parameter, one criterion per search. */
    List<SearchCase> singleParameterCases(SearchParameterSupport parameter) {
        Map<String, SearchCase> cases = new LinkedHashMap<>();
        String name = parameter.name();
        switch (parameter.type()) {
            case TOKEN -> {
                for (IndexedValues.Token t : sampleTokens(name)) {
                    add(cases, name, new SearchValue.Token(null, t.code()), "token: code alone, any system");
                    if (t.system() != null) {
                        add(cases, name, new SearchValue.Token(t.system(), t.code()), "token: system|code");
                        add(cases, name, new SearchValue.Token(t.system(), null), "token: system| (any code of it)");
                        add(cases, name, new SearchValue.Token("", t.code()), "token: |code (only values without system)");
                    } else {
                        add(cases, name, new SearchValue.Token("", t.code()), "token: |code, value without system");
                    }
                    add(cases, name, new SearchValue.Token(t.system(), NO_SUCH_VALUE), "token: a code nobody has");
                }
            }
            case STRING -> {
                for (String s : sampleStrings(name)) {
                    String prefix = s.substring(0, Math.min(3, s.length()));
                    add(cases, name, new SearchValue.Text(prefix.toUpperCase(Locale.ROOT), Mode.STARTS_WITH),
                            "string: starts with, other case");
                    String folded = SearchValue.Text.normalize(s);
                    if (!folded.equals(s.toLowerCase(Locale.ROOT))) {
                        add(cases, name, new SearchValue.Text(folded, Mode.STARTS_WITH),
                                "string: accents ignored");
                    }
                    add(cases, name, new SearchValue.Text(s, Mode.EXACT), "string: :exact, same text");
                    if (!s.toUpperCase(Locale.ROOT).equals(s)) {
                        add(cases, name, new SearchValue.Text(s.toUpperCase(Locale.ROOT), Mode.EXACT),
                                "string: :exact is case-sensitive");
                    }
                    if (s.length() >= 3) {
                        add(cases, name, new SearchValue.Text(s.substring(1, Math.min(s.length(), 4)), Mode.CONTAINS),
                                "string: :contains, inside the word");
                    }
                    add(cases, name, new SearchValue.Text(NO_SUCH_VALUE, Mode.STARTS_WITH), "string: no match");
                }
            }
            case DATE -> {
                for (IndexedValues.DateRange d : sampleDates(name)) {
                    if (d.date() != null) {
                        for (Precision precision : List.of(Precision.YEAR, Precision.MONTH, Precision.DAY)) {
                            for (Prefix prefix : Prefix.values()) {
                                add(cases, name, dateValue(prefix, d.date(), precision),
                                        "date: prefix " + prefix.code() + " at " + precision.name().toLowerCase(Locale.ROOT)
                                                + " precision");
                            }
                        }
                    } else if (!d.datePrecision() && !d.start().equals(java.time.Instant.MIN)) {
                        LocalDateTime start = LocalDateTime.ofInstant(d.start(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
                        for (Prefix prefix : List.of(Prefix.EQ, Prefix.GT, Prefix.GE, Prefix.LT, Prefix.LE)) {
                            add(cases, name, new SearchValue.Date(prefix, start, Precision.SECOND, ZoneOffset.UTC),
                                    "dateTime: prefix " + prefix.code() + " to the second with offset");
                        }
                    }
                }
            }
            case REFERENCE -> {
                for (IndexedValues.Ref r : sampleReferences(name)) {
                    add(cases, name, new SearchValue.Reference(null, r.id()), "reference: id alone");
                    add(cases, name, new SearchValue.Reference(r.resourceType(), r.id()), "reference: Type/id");
                    add(cases, name, new SearchValue.Reference(r.resourceType(), NO_SUCH_VALUE), "reference: unknown id");
                }
            }
            case QUANTITY -> {
                for (IndexedValues.QuantityValue q : sampleQuantities(name)) {
                    addQuantityCases(cases, name, q);
                }
            }
        }
        return List.copyOf(cases.values());
    }

    /**
     * The searches around one quantity of the data: every prefix at the number's own precision with its unit;
     * the unit forms (number alone, {@code ||code}, a unit nobody has); and eq at other precisions, whose ranges
     * tell an adapter that compares numbers exactly (or with a fixed tolerance) from one that uses the range.
     */
    private void addQuantityCases(Map<String, SearchCase> cases, String name, IndexedValues.QuantityValue q) {
        BigDecimal v = q.value();
        String withUnit = q.system() == null && q.code() == null ? "" : ", with its unit";
        for (Prefix prefix : Prefix.values()) {
            add(cases, name, new SearchValue.Quantity(prefix, v, q.system(), q.code()),
                    "quantity: prefix " + prefix.code() + " at the number's own precision" + withUnit);
        }
        add(cases, name, new SearchValue.Quantity(Prefix.EQ, v, null, null), "quantity: number alone, any unit");
        if (q.code() != null) {
            add(cases, name, new SearchValue.Quantity(Prefix.EQ, v, null, q.code()), "quantity: number||code, any system");
            add(cases, name, new SearchValue.Quantity(Prefix.EQ, v, q.system(), NO_SUCH_VALUE),
                    "quantity: a unit nobody has");
        }
        add(cases, name, new SearchValue.Quantity(Prefix.EQ, v.setScale(v.scale() + 1), q.system(), q.code()),
                "quantity: eq with one more digit (a narrower range)");
        if (v.scale() > 0) {
            BigDecimal nearest = v.setScale(v.scale() - 1, RoundingMode.HALF_UP);
            add(cases, name, new SearchValue.Quantity(Prefix.EQ, nearest, q.system(), q.code()),
                    "quantity: eq with one digit less (a wider range that holds the number)");
            BigDecimal down = v.setScale(v.scale() - 1, RoundingMode.HALF_DOWN);
            if (down.compareTo(nearest) != 0) {
                // A number ending in 5: rounded up it is the lower bound of the range (included), rounded down
                // the upper bound (excluded).
                add(cases, name, new SearchValue.Quantity(Prefix.EQ, down, q.system(), q.code()),
                        "quantity: eq with one digit less, rounded down (the number is the excluded upper bound)");
            }
        }
    }

    /** The plain forms of values of each parameter: what the isolation checks search with. */
    List<SearchCase> plainCases(SearchParameterSupport parameter) {
        Map<String, SearchCase> cases = new LinkedHashMap<>();
        for (Resource r : resources) {
            plainValue(r, parameter).ifPresent(v -> add(cases, parameter.name(), v, "a value of the other practice's data"));
        }
        return List.copyOf(cases.values());
    }

    /** An OR list of two values whose matches differ, or empty when the data has no two such values. */
    Optional<SearchCase> orCase(SearchParameterSupport parameter) {
        SearchValue first = null;
        Set<String> firstIds = null;
        for (Resource r : resources) {
            Optional<SearchValue> value = plainValue(r, parameter);
            if (value.isEmpty()) {
                continue;
            }
            Set<String> ids = oracle.expectedIds(resources, List.of(criterion(parameter.name(), value.get())));
            if (first == null) {
                first = value.get();
                firstIds = ids;
            } else if (!firstIds.containsAll(ids) && !ids.containsAll(firstIds)) {
                return Optional.of(new SearchCase(resourceType,
                        List.of(new SearchCriterion(parameter.name(), List.of(first, value.get()))),
                        "OR: either value matches"));
            }
        }
        return Optional.empty();
    }

    /**
     * Searches combining parameters (AND): every pair of declared parameters, US Core's combined searches, and
     * two criteria on one date parameter. Values come from one resource, so at least that one matches.
     */
    List<SearchCase> combinationCases(List<SearchParameterSupport> declared, List<List<String>> usCoreCombinations) {
        Map<String, SearchCase> cases = new LinkedHashMap<>();
        List<List<SearchParameterSupport>> groups = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            for (int j = i + 1; j < declared.size(); j++) {
                groups.add(List.of(declared.get(i), declared.get(j)));
            }
        }
        for (List<String> names : usCoreCombinations) {
            List<SearchParameterSupport> group = declared.stream().filter(p -> names.contains(p.name())).toList();
            if (group.size() == names.size() && group.size() > 2) {
                groups.add(group);
            }
        }
        for (List<SearchParameterSupport> group : groups) {
            for (Resource r : resources) {
                List<SearchCriterion> criteria = new ArrayList<>();
                for (SearchParameterSupport p : group) {
                    combinationValue(r, p).ifPresent(v -> criteria.add(criterion(p.name(), v)));
                }
                if (criteria.size() == group.size()) {
                    SearchCase c = new SearchCase(resourceType, criteria, "AND of " + group.size() + " parameters");
                    cases.putIfAbsent(c.query(), c);
                    break;
                }
            }
        }
        for (SearchParameterSupport p : declared) {
            if (p.type() == SearchParameterType.DATE) {
                sampleDates(p.name()).stream().filter(d -> d.date() != null).findFirst().ifPresent(d -> {
                    LocalDate from = d.date().withDayOfYear(1).minusYears(5);
                    LocalDate to = d.date().withDayOfYear(1).plusYears(5);
                    SearchCase c = new SearchCase(resourceType, List.of(
                            criterion(p.name(), dateValue(Prefix.GE, from, Precision.YEAR)),
                            criterion(p.name(), dateValue(Prefix.LT, to, Precision.YEAR))),
                            "AND of two criteria on one parameter (a range)");
                    cases.putIfAbsent(c.query(), c);
                });
            }
        }
        return List.copyOf(cases.values());
    }

    private Optional<SearchValue> plainValue(Resource r, SearchParameterSupport p) {
        IndexedValues values = oracle.values(r, p.name());
        return switch (p.type()) {
            case TOKEN -> values.tokens().stream().findFirst()
                    .map(t -> new SearchValue.Token(t.system() == null ? null : t.system(), t.code()));
            case STRING -> values.strings().stream().findFirst().map(s -> new SearchValue.Text(s, Mode.EXACT));
            case DATE -> values.dates().stream().filter(d -> d.date() != null).findFirst()
                    .map(d -> dateValue(Prefix.EQ, d.date(), Precision.DAY));
            case REFERENCE -> values.references().stream().findFirst()
                    .map(x -> new SearchValue.Reference(x.resourceType(), x.id()));
            case QUANTITY -> values.quantities().stream().findFirst()
                    .map(q -> new SearchValue.Quantity(Prefix.EQ, q.value(), q.system(), q.code()));
        };
    }

    private Optional<SearchValue> combinationValue(Resource r, SearchParameterSupport p) {
        if (p.type() == SearchParameterType.STRING) {
            return oracle.values(r, p.name()).strings().stream().findFirst()
                    .map(s -> new SearchValue.Text(s.substring(0, Math.min(3, s.length())), Mode.STARTS_WITH));
        }
        if (p.type() == SearchParameterType.TOKEN) {
            return oracle.values(r, p.name()).tokens().stream().findFirst()
                    .map(t -> new SearchValue.Token(null, t.code()));
        }
        return plainValue(r, p);
    }

    /** Up to two tokens, from the first resource that has one and from a resource in the middle of the data. */
    private List<IndexedValues.Token> sampleTokens(String parameter) {
        List<IndexedValues.Token> out = new ArrayList<>();
        for (Resource r : spread()) {
            oracle.values(r, parameter).tokens().stream().filter(t -> t.code() != null).findFirst()
                    .filter(t -> !out.contains(t)).ifPresent(out::add);
        }
        return out.stream().limit(2).toList();
    }

    /** Up to two strings: the first one, and one with letters outside ASCII (accents) when the data has one. */
    private List<String> sampleStrings(String parameter) {
        List<String> out = new ArrayList<>();
        for (Resource r : resources) {
            List<String> strings = oracle.values(r, parameter).strings();
            if (out.isEmpty() && !strings.isEmpty()) {
                out.add(strings.get(0));
            }
            Optional<String> accented = strings.stream().filter(s -> !s.matches("\\p{ASCII}*")).findFirst();
            if (accented.isPresent() && !out.contains(accented.get())) {
                out.add(accented.get());
                break;
            }
        }
        return out;
    }

    /** Up to two dates: the first one, and one on a year boundary (Jan 1 or Dec 31) when the data has one. */
    private List<IndexedValues.DateRange> sampleDates(String parameter) {
        List<IndexedValues.DateRange> out = new ArrayList<>();
        for (Resource r : resources) {
            List<IndexedValues.DateRange> dates = oracle.values(r, parameter).dates();
            if (out.isEmpty() && !dates.isEmpty()) {
                out.add(dates.get(0));
            }
            Optional<IndexedValues.DateRange> edge = dates.stream()
                    .filter(d -> d.date() != null && (d.date().getDayOfYear() == 1 || (d.date().getMonthValue() == 12
                            && d.date().getDayOfMonth() == 31)))
                    .findFirst();
            if (edge.isPresent() && !out.contains(edge.get())) {
                out.add(edge.get());
                break;
            }
        }
        return out.stream().limit(2).toList();
    }

    /**
     * Up to three quantities: the first one, one whose last digit is 5 (one digit less puts it on a range
     * boundary) and one without decimals, when the data has them.
     */
    private List<IndexedValues.QuantityValue> sampleQuantities(String parameter) {
        List<IndexedValues.QuantityValue> all = new ArrayList<>();
        for (Resource r : resources) {
            all.addAll(oracle.values(r, parameter).quantities());
        }
        List<IndexedValues.QuantityValue> out = new ArrayList<>();
        all.stream().findFirst().ifPresent(out::add);
        all.stream().filter(q -> q.value().scale() > 0 && q.value().unscaledValue().abs().mod(BigInteger.TEN)
                .intValue() == 5).filter(q -> !out.contains(q)).findFirst().ifPresent(out::add);
        all.stream().filter(q -> q.value().scale() <= 0).filter(q -> !out.contains(q)).findFirst().ifPresent(out::add);
        return out;
    }

    private List<IndexedValues.Ref> sampleReferences(String parameter) {
        List<IndexedValues.Ref> out = new ArrayList<>();
        for (Resource r : spread()) {
            oracle.values(r, parameter).references().stream().findFirst()
                    .filter(x -> !out.contains(x)).ifPresent(out::add);
        }
        return out.stream().limit(2).toList();
    }

    /** The first, middle and last resource: values from different parts of the data. */
    private List<Resource> spread() {
        if (resources.isEmpty()) {
            return List.of();
        }
        return List.of(resources.get(0), resources.get(resources.size() / 2), resources.get(resources.size() - 1));
    }

    private static SearchValue.Date dateValue(Prefix prefix, LocalDate date, Precision precision) {
        LocalDate start = switch (precision) {
            case YEAR -> date.withDayOfYear(1);
            case MONTH -> date.withDayOfMonth(1);
            default -> date;
        };
        return new SearchValue.Date(prefix, start.atStartOfDay(), precision, null);
    }

    private static SearchCriterion criterion(String parameter, SearchValue value) {
        return new SearchCriterion(parameter, List.of(value));
    }

    private void add(Map<String, SearchCase> cases, String parameter, SearchValue value, String purpose) {
        SearchCase c = new SearchCase(resourceType, List.of(criterion(parameter, value)), purpose);
        cases.putIfAbsent(c.query(), c);
    }
}
