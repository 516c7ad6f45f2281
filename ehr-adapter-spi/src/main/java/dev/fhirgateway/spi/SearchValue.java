package dev.fhirgateway.spi;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value of a search parameter, already parsed and typed by the gateway. Several values of one
 * parameter in a {@link SearchCriterion} are alternatives (OR).
 *
 * <p>The {@code matches} helpers implement the FHIR search semantics for adapters that filter in memory;
 * adapters that translate criteria to a query language use the fields and follow the same rules.
 */
@Stable
public sealed interface SearchValue {

    /** The comparison prefixes of date and quantity values. */
    enum Prefix {
        EQ, NE, GT, LT, GE, LE, SA, EB;

        /** The prefix as written in a URL, e.g. {@code "ge"}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A token: {@code code} (any system), {@code system|code}, {@code |code} (no system) or
     * {@code system|} (any code of the system).
     *
     * @param system null for any system, {@code ""} for "no system", otherwise the system URI
     * @param code null for any code of {@code system}, otherwise the code
     */
    record Token(String system, String code) implements SearchValue {

        public Token {
            if (system == null && code == null) {
                throw new IllegalArgumentException("a token needs a system or a code");
            }
        }

        /** Whether a coding or identifier with this system and code matches. Codes compare exactly. */
        public boolean matches(String candidateSystem, String candidateCode) {
            boolean systemOk = system == null
                    || (system.isEmpty() ? candidateSystem == null || candidateSystem.isEmpty()
                            : system.equals(candidateSystem));
            boolean codeOk = code == null || code.equals(candidateCode);
            return systemOk && codeOk;
        }
    }

    /**
     * A string value ({@code name=...}, {@code family:exact=...}).
     *
     * @param value the text the client sent
     * @param mode how it compares
     */
    record Text(String value, Mode mode) implements SearchValue {

        /** The string modifiers. */
        public enum Mode {
            /** No modifier: the field starts with the value, ignoring case and accents. */
            STARTS_WITH,
            /** {@code :exact}: the field equals the value, case and accents included. */
            EXACT,
            /** {@code :contains}: the field contains the value, ignoring case and accents. */
            CONTAINS
        }

        private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

        public Text {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(mode, "mode");
        }

        /**
         * The form that case- and accent-insensitive comparisons use: decomposed, combining marks removed,
         * lower-cased. "Zoë" and "ZOE" both normalize to "zoe". Adapters that search a database store this
         * form of each searchable string in its own column.
         */
        public static String normalize(String s) {
            String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
            return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        }

        /** Whether a field holding {@code candidate} matches. */
        public boolean matches(String candidate) {
            if (candidate == null) {
                return false;
            }
            return switch (mode) {
                case EXACT -> candidate.equals(value);
                case STARTS_WITH -> normalize(candidate).startsWith(normalize(value));
                case CONTAINS -> normalize(candidate).contains(normalize(value));
            };
        }
    }

    /**
     * A date or dateTime value with its prefix and precision. The value stands for the range
     * {@code [start, end)}: {@code ge2024-03} covers all of March 2024.
     *
     * <p>How each prefix compares the search range {@code [s, e)} with the range {@code [rs, re)} of the
     * resource's value (FHIR R4 search, "date"):
     * <pre>
     * eq  rs &gt;= s and re &lt;= e        ne  not eq
     * gt  re &gt; e                     lt  rs &lt; s
     * ge  re &gt; e or eq               le  rs &lt; s or eq
     * sa  rs &gt;= e                    eb  re &lt;= s
     * </pre>
     * For a field that holds a plain date {@code d} ({@code [d, d+1)}) and a value of at most day
     * precision, that simplifies to: eq {@code s <= d < e}, ne {@code d < s or d >= e}, gt/sa {@code d >= e},
     * lt/eb {@code d < s}, ge {@code d >= s}, le {@code d < e}, with {@link #startDate()} and
     * {@link #endDate()} as {@code s} and {@code e}.
     *
     * @param prefix the comparison
     * @param start the first instant of the value, in the value's own local time
     * @param precision how much of the value was given
     * @param offset the value's UTC offset; null when the value had none (always for date precisions),
     *     in which case the adapter's own time zone applies
     */
    record Date(Prefix prefix, LocalDateTime start, Precision precision, ZoneOffset offset) implements SearchValue {

        /** How much of a date or dateTime was given. */
        public enum Precision {
            YEAR(ChronoUnit.YEARS), MONTH(ChronoUnit.MONTHS), DAY(ChronoUnit.DAYS),
            MINUTE(ChronoUnit.MINUTES), SECOND(ChronoUnit.SECONDS), MILLISECOND(ChronoUnit.MILLIS);

            private final ChronoUnit unit;

            Precision(ChronoUnit unit) {
                this.unit = unit;
            }

            /** The length of the range a value of this precision stands for. */
            public ChronoUnit unit() {
                return unit;
            }

            /** Whether values of this precision are plain dates (no time of day). */
            public boolean isDate() {
                return this == YEAR || this == MONTH || this == DAY;
            }
        }

        public Date {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(precision, "precision");
        }

        /** The end of the range (exclusive), in the value's own local time. */
        public LocalDateTime end() {
            return start.plus(1, precision.unit());
        }

        /** The start of the range as an instant; {@code zone} applies when the value had no offset. */
        public Instant startInstant(ZoneId zone) {
            return offset != null ? start.toInstant(offset) : start.atZone(zone).toInstant();
        }

        /** The end of the range (exclusive) as an instant; {@code zone} applies when the value had no offset. */
        public Instant endInstant(ZoneId zone) {
            return offset != null ? end().toInstant(offset) : end().atZone(zone).toInstant();
        }

        /** The first day of the range; only for values of date precision. */
        public LocalDate startDate() {
            requireDatePrecision();
            return start.toLocalDate();
        }

        /** The day after the range (exclusive); only for values of date precision. */
        public LocalDate endDate() {
            requireDatePrecision();
            return end().toLocalDate();
        }

        /** Whether a field holding the range {@code [resourceStart, resourceEnd)} matches. */
        public boolean matches(Instant resourceStart, Instant resourceEnd, ZoneId zone) {
            Instant s = startInstant(zone);
            Instant e = endInstant(zone);
            boolean eq = !resourceStart.isBefore(s) && !resourceEnd.isAfter(e);
            return switch (prefix) {
                case EQ -> eq;
                case NE -> !eq;
                case GT -> resourceEnd.isAfter(e);
                case LT -> resourceStart.isBefore(s);
                case GE -> resourceEnd.isAfter(e) || eq;
                case LE -> resourceStart.isBefore(s) || eq;
                case SA -> !resourceStart.isBefore(e);
                case EB -> !resourceEnd.isAfter(s);
            };
        }

        /** Whether a field holding the plain date {@code date} matches; {@code zone} places the day in time. */
        public boolean matches(LocalDate date, ZoneId zone) {
            return matches(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant(), zone);
        }

        private void requireDatePrecision() {
            if (!precision.isDate()) {
                throw new IllegalStateException("value has " + precision + " precision, not a date precision");
            }
        }
    }

    /**
     * A reference: {@code subject=Patient/123} or {@code subject=123}.
     *
     * @param resourceType the target type, or null when the client gave only an id (any type the
     *     parameter allows)
     * @param id the target's logical id
     */
    record Reference(String resourceType, String id) implements SearchValue {

        public Reference {
            Objects.requireNonNull(id, "id");
        }

        /** Whether a reference to {@code type/candidateId} matches. */
        public boolean matches(String type, String candidateId) {
            return id.equals(candidateId) && (resourceType == null || resourceType.equals(type));
        }
    }

    /**
     * A quantity: {@code value-quantity=gt5.4|http://unitsofmeasure.org|mg}, {@code 5.4||mg} (any system) or
     * {@code 5.4} (any unit).
     *
     * <p>The number stands for the range its precision implies: half a unit of its last digit either side,
     * upper end excluded. {@code 5.4} is {@code [5.35, 5.45)}, {@code 5.40} is {@code [5.395, 5.405)},
     * {@code 100} is {@code [99.5, 100.5)}. The precision is the scale of {@link #value()}, so an exponent
     * counts too: {@code 1e2} (one significant figure) is {@code [50, 150)} and {@code 1.0e2} is {@code [95, 105)}.
     * How each prefix compares a resource's number {@code v} (FHIR R4 search, "quantity"), with
     * {@link #lowerBound()} as {@code lo} and {@link #upperBound()} as {@code hi}:
     * <pre>
     * eq      lo &lt;= v &lt; hi         ne      v &lt; lo or v &gt;= hi
     * gt, sa  v &gt; value            lt, eb  v &lt; value
     * ge      v &gt;= value           le      v &lt;= value
     * </pre>
     * Only eq and ne use the range; the other prefixes compare with the number itself. {@code sa} and
     * {@code eb} are defined on ranges; a resource's quantity is a single number, not a range, so they reduce
     * to gt and lt. The resource's number is taken as exact: its own precision does not widen it.
     *
     * <p>Units: {@code system} and {@code code}, when given, must equal the resource's {@code Quantity.system}
     * and {@code Quantity.code} exactly (for every prefix, ne included). There is no unit conversion: {@code 5.4||g}
     * does not match 5400 mg, and {@code code} is not compared with the human-readable {@code Quantity.unit}.
     *
     * <p>Incubating: these rules may still change, e.g. to convert UCUM units.
     *
     * @param prefix the comparison
     * @param value the number as given (its scale is its precision)
     * @param system the unit system, or null for any
     * @param code the unit code, or null for any
     */
    @Incubating
    record Quantity(Prefix prefix, BigDecimal value, String system, String code) implements SearchValue {

        public Quantity {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(value, "value");
        }

        /** The first number of the range the value stands for: the value less half a unit of its last digit. */
        public BigDecimal lowerBound() {
            return value.subtract(halfUnit());
        }

        /** The end of the range the value stands for (exclusive): the value plus half a unit of its last digit. */
        public BigDecimal upperBound() {
            return value.add(halfUnit());
        }

        /**
         * Whether a resource's quantity matches: its number by the prefix (see above), and its unit when this
         * value names one. A quantity without a number matches nothing, not even {@code ne}.
         *
         * @param candidateValue the resource's {@code Quantity.value}
         * @param candidateSystem its {@code Quantity.system}
         * @param candidateCode its {@code Quantity.code}
         */
        public boolean matches(BigDecimal candidateValue, String candidateSystem, String candidateCode) {
            if (candidateValue == null || !unitMatches(candidateSystem, candidateCode)) {
                return false;
            }
            boolean inRange = candidateValue.compareTo(lowerBound()) >= 0 && candidateValue.compareTo(upperBound()) < 0;
            int toValue = candidateValue.compareTo(value);
            return switch (prefix) {
                case EQ -> inRange;
                case NE -> !inRange;
                case GT, SA -> toValue > 0;
                case LT, EB -> toValue < 0;
                case GE -> toValue >= 0;
                case LE -> toValue <= 0;
            };
        }

        private boolean unitMatches(String candidateSystem, String candidateCode) {
            return (system == null || system.equals(candidateSystem)) && (code == null || code.equals(candidateCode));
        }

        /** Half a unit of the value's last digit: 0.05 for 5.4, 0.5 for 100, 50 for 1e2. */
        private BigDecimal halfUnit() {
            return BigDecimal.valueOf(5, value.scale() + 1);
        }
    }
}
