package dev.fhirgateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.spi.SearchValue.Date;
import dev.fhirgateway.spi.SearchValue.Date.Precision;
import dev.fhirgateway.spi.SearchValue.Prefix;
import dev.fhirgateway.spi.SearchValue.Quantity;
import dev.fhirgateway.spi.SearchValue.Reference;
import dev.fhirgateway.spi.SearchValue.Text;
import dev.fhirgateway.spi.SearchValue.Text.Mode;
import dev.fhirgateway.spi.SearchValue.Token;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SearchValueTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    private static Date day(Prefix prefix, String isoDate) {
        return new Date(prefix, LocalDate.parse(isoDate).atStartOfDay(), Precision.DAY, null);
    }

    private static Instant utc(String isoDateTime) {
        return LocalDateTime.parse(isoDateTime).toInstant(ZoneOffset.UTC);
    }

    @Nested
    @DisplayName("Date")
    class Dates {

        /** Resource ranges relative to the search range [2024-03-10, 2024-03-11) in UTC. */
        enum ResourceRange {
            INSIDE("2024-03-10T08:00", "2024-03-10T09:00"),
            SAME("2024-03-10T00:00", "2024-03-11T00:00"),
            BEFORE("2024-03-08T00:00", "2024-03-09T00:00"),
            ENDS_AT_START("2024-03-09T00:00", "2024-03-10T00:00"),
            AFTER("2024-03-12T00:00", "2024-03-13T00:00"),
            STARTS_AT_END("2024-03-11T00:00", "2024-03-12T00:00"),
            STRADDLING_START("2024-03-09T20:00", "2024-03-10T04:00"),
            STRADDLING_END("2024-03-10T20:00", "2024-03-11T04:00"),
            ENCLOSING("2024-03-01T00:00", "2024-04-01T00:00");

            final Instant start;
            final Instant end;

            ResourceRange(String start, String end) {
                this.start = utc(start);
                this.end = utc(end);
            }
        }

        @ParameterizedTest(name = "{0}2024-03-10 vs resource range {1}: {2}")
        @CsvSource({
                // eq: the resource range lies within the search range
                "EQ, INSIDE, true", "EQ, SAME, true", "EQ, BEFORE, false", "EQ, ENDS_AT_START, false",
                "EQ, AFTER, false", "EQ, STARTS_AT_END, false", "EQ, STRADDLING_START, false",
                "EQ, STRADDLING_END, false", "EQ, ENCLOSING, false",
                // ne: not eq
                "NE, INSIDE, false", "NE, SAME, false", "NE, BEFORE, true", "NE, ENDS_AT_START, true",
                "NE, AFTER, true", "NE, STARTS_AT_END, true", "NE, STRADDLING_START, true",
                "NE, STRADDLING_END, true", "NE, ENCLOSING, true",
                // gt: the resource range reaches past the end of the search range
                "GT, INSIDE, false", "GT, SAME, false", "GT, BEFORE, false", "GT, ENDS_AT_START, false",
                "GT, AFTER, true", "GT, STARTS_AT_END, true", "GT, STRADDLING_START, false",
                "GT, STRADDLING_END, true", "GT, ENCLOSING, true",
                // lt: the resource range reaches before the start of the search range
                "LT, INSIDE, false", "LT, SAME, false", "LT, BEFORE, true", "LT, ENDS_AT_START, true",
                "LT, AFTER, false", "LT, STARTS_AT_END, false", "LT, STRADDLING_START, true",
                "LT, STRADDLING_END, false", "LT, ENCLOSING, true",
                // ge: gt or eq
                "GE, INSIDE, true", "GE, SAME, true", "GE, BEFORE, false", "GE, ENDS_AT_START, false",
                "GE, AFTER, true", "GE, STARTS_AT_END, true", "GE, STRADDLING_START, false",
                "GE, STRADDLING_END, true", "GE, ENCLOSING, true",
                // le: lt or eq
                "LE, INSIDE, true", "LE, SAME, true", "LE, BEFORE, true", "LE, ENDS_AT_START, true",
                "LE, AFTER, false", "LE, STARTS_AT_END, false", "LE, STRADDLING_START, true",
                "LE, STRADDLING_END, false", "LE, ENCLOSING, true",
                // sa: the resource range starts at or after the end of the search range
                "SA, INSIDE, false", "SA, SAME, false", "SA, BEFORE, false", "SA, ENDS_AT_START, false",
                "SA, AFTER, true", "SA, STARTS_AT_END, true", "SA, STRADDLING_START, false",
                "SA, STRADDLING_END, false", "SA, ENCLOSING, false",
                // eb: the resource range ends at or before the start of the search range
                "EB, INSIDE, false", "EB, SAME, false", "EB, BEFORE, true", "EB, ENDS_AT_START, true",
                "EB, AFTER, false", "EB, STARTS_AT_END, false", "EB, STRADDLING_START, false",
                "EB, STRADDLING_END, false", "EB, ENCLOSING, false",
        })
        @DisplayName("each prefix compares the resource range with the search range as FHIR R4 defines")
        void prefixSemantics(Prefix prefix, ResourceRange range, boolean expected) {
            Date value = day(prefix, "2024-03-10");

            assertThat(value.matches(range.start, range.end, UTC)).isEqualTo(expected);
        }

        @Test
        @DisplayName("the prefix table above covers every prefix and every resource range")
        void tableCoversEveryPrefix() throws NoSuchMethodException {
            CsvSource table = Dates.class.getDeclaredMethod("prefixSemantics", Prefix.class, ResourceRange.class,
                    boolean.class).getAnnotation(CsvSource.class);
            List<String> rows = new ArrayList<>();
            for (String row : table.value()) {
                String[] cells = row.split(",");
                rows.add(cells[0].trim() + "/" + cells[1].trim());
            }
            List<String> expected = new ArrayList<>();
            for (Prefix p : Prefix.values()) {
                for (ResourceRange r : ResourceRange.values()) {
                    expected.add(p + "/" + r);
                }
            }
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Test
        @DisplayName("a year value covers the whole year")
        void yearPrecisionRange() {
            Date value = new Date(Prefix.EQ, LocalDateTime.parse("2024-01-01T00:00"), Precision.YEAR, null);

            assertThat(value.end()).isEqualTo(LocalDateTime.parse("2025-01-01T00:00"));
            assertThat(value.startDate()).isEqualTo(LocalDate.parse("2024-01-01"));
            assertThat(value.endDate()).isEqualTo(LocalDate.parse("2025-01-01"));
            assertThat(value.matches(LocalDate.parse("2024-12-31"), UTC)).isTrue();
            assertThat(value.matches(LocalDate.parse("2025-01-01"), UTC)).isFalse();
            assertThat(value.matches(LocalDate.parse("2023-12-31"), UTC)).isFalse();
        }

        @Test
        @DisplayName("a month value ends on the first of the next month: 2024-02 (a leap year) ends 2024-03-01")
        void monthPrecisionInLeapYear() {
            Date value = new Date(Prefix.EQ, LocalDateTime.parse("2024-02-01T00:00"), Precision.MONTH, null);

            assertThat(value.startDate()).isEqualTo(LocalDate.parse("2024-02-01"));
            assertThat(value.endDate()).isEqualTo(LocalDate.parse("2024-03-01"));
            assertThat(value.matches(LocalDate.parse("2024-02-29"), UTC)).isTrue();
            assertThat(value.matches(LocalDate.parse("2024-03-01"), UTC)).isFalse();
        }

        @Test
        @DisplayName("a month value in a common year: 2023-02 ends 2023-03-01 and does not reach into March")
        void monthPrecisionInCommonYear() {
            Date value = new Date(Prefix.EQ, LocalDateTime.parse("2023-02-01T00:00"), Precision.MONTH, null);

            assertThat(value.endDate()).isEqualTo(LocalDate.parse("2023-03-01"));
            assertThat(value.matches(LocalDate.parse("2023-02-28"), UTC)).isTrue();
            assertThat(value.matches(LocalDate.parse("2023-03-01"), UTC)).isFalse();
        }

        @Test
        @DisplayName("a day value covers one day: 2024-02-29 ends 2024-03-01, 2024-12-31 ends 2025-01-01")
        void dayPrecisionRange() {
            assertThat(day(Prefix.EQ, "2024-02-29").endDate()).isEqualTo(LocalDate.parse("2024-03-01"));
            assertThat(day(Prefix.EQ, "2024-12-31").endDate()).isEqualTo(LocalDate.parse("2025-01-01"));
            assertThat(day(Prefix.EQ, "2024-02-29").startDate()).isEqualTo(LocalDate.parse("2024-02-29"));
        }

        @ParameterizedTest(name = "{0}2024-03-10 vs the plain date {1}: {2}")
        @CsvSource({
                "EQ, 2024-03-09, false", "EQ, 2024-03-10, true", "EQ, 2024-03-11, false",
                "NE, 2024-03-09, true", "NE, 2024-03-10, false", "NE, 2024-03-11, true",
                "GT, 2024-03-10, false", "GT, 2024-03-11, true",
                "LT, 2024-03-09, true", "LT, 2024-03-10, false",
                "GE, 2024-03-09, false", "GE, 2024-03-10, true", "GE, 2024-03-11, true",
                "LE, 2024-03-09, true", "LE, 2024-03-10, true", "LE, 2024-03-11, false",
                "SA, 2024-03-10, false", "SA, 2024-03-11, true",
                "EB, 2024-03-09, true", "EB, 2024-03-10, false",
        })
        @DisplayName("a plain date field matches like the simplified rules in the Javadoc")
        void plainDateMatches(Prefix prefix, LocalDate date, boolean expected) {
            assertThat(day(prefix, "2024-03-10").matches(date, LOS_ANGELES)).isEqualTo(expected);
        }

        @Test
        @DisplayName("a plain date field against a month value: gt2024-03 matches April 1 but not March 31")
        void plainDateAgainstMonth() {
            Date gtMarch = new Date(Prefix.GT, LocalDateTime.parse("2024-03-01T00:00"), Precision.MONTH, null);

            assertThat(gtMarch.matches(LocalDate.parse("2024-04-01"), UTC)).isTrue();
            assertThat(gtMarch.matches(LocalDate.parse("2024-03-31"), UTC)).isFalse();
        }

        @Test
        @DisplayName("a day without offset is placed in the adapter's zone: 2024-03-05 in Los Angeles holds"
                + " 2024-03-05T23:30-08:00 (= 2024-03-06T07:30Z), which UTC would put on the next day")
        void dayWithoutOffsetUsesAdapterZone() {
            Date value = day(Prefix.EQ, "2024-03-05");
            Instant lateEvening = OffsetDateTime.parse("2024-03-05T23:30-08:00").toInstant();
            assertThat(lateEvening).isEqualTo(Instant.parse("2024-03-06T07:30:00Z"));

            assertThat(value.matches(lateEvening, lateEvening, LOS_ANGELES)).isTrue();
            assertThat(value.matches(lateEvening, lateEvening, UTC)).isFalse();
            assertThat(value.startInstant(LOS_ANGELES)).isEqualTo(Instant.parse("2024-03-05T08:00:00Z"));
            assertThat(value.endInstant(LOS_ANGELES)).isEqualTo(Instant.parse("2024-03-06T08:00:00Z"));
        }

        @Test
        @DisplayName("on the day daylight saving time starts, 2024-03-10 in Los Angeles is 23 hours long and ends"
                + " at 2024-03-11T07:00Z: 23:30 local (-07:00) matches, 2024-03-11T07:30Z (00:30 on the 11th) does not")
        void dayWithoutOffsetAcrossDaylightSavingStart() {
            Date value = day(Prefix.EQ, "2024-03-10");
            Instant lastHalfHour = OffsetDateTime.parse("2024-03-10T23:30-07:00").toInstant();
            Instant nextDay = Instant.parse("2024-03-11T07:30:00Z");

            assertThat(value.startInstant(LOS_ANGELES)).isEqualTo(Instant.parse("2024-03-10T08:00:00Z"));
            assertThat(value.endInstant(LOS_ANGELES)).isEqualTo(Instant.parse("2024-03-11T07:00:00Z"));
            assertThat(value.matches(lastHalfHour, lastHalfHour, LOS_ANGELES)).isTrue();
            assertThat(value.matches(nextDay, nextDay, LOS_ANGELES)).isFalse();
            assertThat(value.matches(LocalDate.parse("2024-03-10"), LOS_ANGELES)).isTrue();
        }

        @Test
        @DisplayName("a dateTime with an offset is placed by that offset, whatever zone the adapter passes")
        void dateTimeWithOffsetIgnoresZone() {
            Date value = new Date(Prefix.EQ, LocalDateTime.parse("2024-03-10T10:15"), Precision.MINUTE,
                    ZoneOffset.ofHours(2));

            assertThat(value.startInstant(LOS_ANGELES)).isEqualTo(Instant.parse("2024-03-10T08:15:00Z"));
            assertThat(value.startInstant(UTC)).isEqualTo(Instant.parse("2024-03-10T08:15:00Z"));
            assertThat(value.endInstant(LOS_ANGELES)).isEqualTo(Instant.parse("2024-03-10T08:16:00Z"));
            Instant inside = Instant.parse("2024-03-10T08:15:30Z");
            assertThat(value.matches(inside, inside, LOS_ANGELES)).isTrue();
        }

        @Test
        @DisplayName("second and millisecond precision ranges are one second and one millisecond long")
        void timePrecisionRanges() {
            LocalDateTime t = LocalDateTime.parse("2024-03-10T10:15:30");
            assertThat(new Date(Prefix.EQ, t, Precision.SECOND, ZoneOffset.UTC).end())
                    .isEqualTo(LocalDateTime.parse("2024-03-10T10:15:31"));
            assertThat(new Date(Prefix.EQ, t, Precision.MILLISECOND, ZoneOffset.UTC).end())
                    .isEqualTo(LocalDateTime.parse("2024-03-10T10:15:30.001"));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Precision.class, names = {"MINUTE", "SECOND", "MILLISECOND"})
        @DisplayName("startDate() and endDate() refuse values with a time of day")
        void startAndEndDateRequireDatePrecision(Precision precision) {
            Date value = new Date(Prefix.EQ, LocalDateTime.parse("2024-03-10T10:15"), precision, ZoneOffset.UTC);

            assertThat(precision.isDate()).isFalse();
            assertThatThrownBy(value::startDate).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(precision.name());
            assertThatThrownBy(value::endDate).isInstanceOf(IllegalStateException.class);
        }

        @Test
        @DisplayName("a date needs a prefix, a start and a precision")
        void dateValidation() {
            LocalDateTime t = LocalDateTime.parse("2024-03-10T00:00");
            assertThatThrownBy(() -> new Date(null, t, Precision.DAY, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Date(Prefix.EQ, null, Precision.DAY, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Date(Prefix.EQ, t, null, null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("prefix codes are the lower-case URL forms")
        void prefixCodes() {
            assertThat(Prefix.GE.code()).isEqualTo("ge");
            assertThat(Prefix.EB.code()).isEqualTo("eb");
        }
    }

    @Nested
    @DisplayName("Token")
    class Tokens {

        @Test
        @DisplayName("'code' matches that code in any system, or with no system")
        void codeInAnySystem() {
            Token token = new Token(null, "male");

            assertThat(token.matches("http://hl7.org/fhir/administrative-gender", "male")).isTrue();
            assertThat(token.matches(null, "male")).isTrue();
            assertThat(token.matches("http://hl7.org/fhir/administrative-gender", "female")).isFalse();
        }

        @Test
        @DisplayName("codes compare exactly, including case")
        void codesAreCaseSensitive() {
            assertThat(new Token(null, "Male").matches(null, "male")).isFalse();
        }

        @Test
        @DisplayName("'system|code' matches only that code in that system")
        void systemAndCode() {
            Token token = new Token("http://hospital.example/mrn", "12345");

            assertThat(token.matches("http://hospital.example/mrn", "12345")).isTrue();
            assertThat(token.matches("http://other.example/mrn", "12345")).isFalse();
            assertThat(token.matches(null, "12345")).isFalse();
            assertThat(token.matches("http://hospital.example/mrn", "54321")).isFalse();
        }

        @Test
        @DisplayName("'|code' matches that code only when the candidate has no system")
        void codeWithoutSystem() {
            Token token = new Token("", "12345");

            assertThat(token.matches(null, "12345")).isTrue();
            assertThat(token.matches("", "12345")).isTrue();
            assertThat(token.matches("http://hospital.example/mrn", "12345")).isFalse();
        }

        @Test
        @DisplayName("'system|' matches any code of that system")
        void anyCodeOfSystem() {
            Token token = new Token("http://hospital.example/mrn", null);

            assertThat(token.matches("http://hospital.example/mrn", "12345")).isTrue();
            assertThat(token.matches("http://hospital.example/mrn", "anything")).isTrue();
            assertThat(token.matches("http://other.example/mrn", "12345")).isFalse();
            assertThat(token.matches(null, "12345")).isFalse();
        }

        @Test
        @DisplayName("a token without system and code is refused")
        void emptyTokenRefused() {
            assertThatThrownBy(() -> new Token(null, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("Text")
    class Texts {

        @Test
        @DisplayName("STARTS_WITH ignores case and accents: 'zoe' matches 'Zoë', 'ZOË' and 'Zoey'")
        void startsWithIgnoresCaseAndAccents() {
            Text text = new Text("zoe", Mode.STARTS_WITH);

            assertThat(text.matches("Zoë")).isTrue();
            assertThat(text.matches("ZOË")).isTrue();
            assertThat(text.matches("Zoey")).isTrue();
            assertThat(text.matches("Chloë")).isFalse();
            assertThat(text.matches("Zo")).isFalse();
            assertThat(text.matches(null)).isFalse();
        }

        @Test
        @DisplayName("STARTS_WITH with an accented search value also matches the unaccented field")
        void accentedSearchValue() {
            assertThat(new Text("Zoë", Mode.STARTS_WITH).matches("zoe")).isTrue();
            assertThat(new Text("Ångst", Mode.STARTS_WITH).matches("angstrom")).isTrue();
        }

        @Test
        @DisplayName("EXACT is case- and accent-sensitive and matches the whole field")
        void exactIsSensitive() {
            Text text = new Text("Zoë", Mode.EXACT);

            assertThat(text.matches("Zoë")).isTrue();
            assertThat(text.matches("zoë")).isFalse();
            assertThat(text.matches("Zoe")).isFalse();
            assertThat(text.matches("Zoë Smith")).isFalse();
            assertThat(text.matches(null)).isFalse();
        }

        @Test
        @DisplayName("CONTAINS finds the value anywhere, ignoring case and accents")
        void containsAnywhere() {
            Text text = new Text("OE", Mode.CONTAINS);

            assertThat(text.matches("Chloë")).isTrue();
            assertThat(text.matches("Zoey")).isTrue();
            assertThat(text.matches("Zara")).isFalse();
            assertThat(new Text("oe", Mode.STARTS_WITH).matches("Chloë")).isFalse();
        }

        @Test
        @DisplayName("normalize removes accents and lower-cases, so a database column can hold the comparable form")
        void normalize() {
            assertThat(Text.normalize("Zoë")).isEqualTo("zoe");
            assertThat(Text.normalize("ZOË")).isEqualTo("zoe");
            assertThat(Text.normalize("Zoe\u0308")).isEqualTo("zoe"); // already decomposed
            assertThat(Text.normalize("Ångström Müller-Lüdenscheidt")).isEqualTo("angstrom muller-ludenscheidt");
            assertThat(Text.normalize("José")).isEqualTo("jose");
        }

        @Test
        @DisplayName("a text needs a value and a mode")
        void textValidation() {
            assertThatThrownBy(() -> new Text(null, Mode.EXACT)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Text("x", null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("Reference")
    class References {

        @Test
        @DisplayName("a reference with a type matches only that type and id")
        void typedReference() {
            Reference ref = new Reference("Patient", "123");

            assertThat(ref.matches("Patient", "123")).isTrue();
            assertThat(ref.matches("Group", "123")).isFalse();
            assertThat(ref.matches("Patient", "1234")).isFalse();
        }

        @Test
        @DisplayName("a reference with only an id matches that id on any type")
        void untypedReference() {
            Reference ref = new Reference(null, "123");

            assertThat(ref.matches("Patient", "123")).isTrue();
            assertThat(ref.matches("Practitioner", "123")).isTrue();
            assertThat(ref.matches("Patient", "12")).isFalse();
        }

        @Test
        @DisplayName("a reference needs an id")
        void referenceNeedsId() {
            assertThatThrownBy(() -> new Reference("Patient", null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("Quantity")
    class Quantities {

        private static final String UCUM = "http://unitsofmeasure.org";

        private static Quantity q(Prefix prefix, String value) {
            return new Quantity(prefix, new BigDecimal(value), null, null);
        }

        private static boolean matches(Quantity q, String candidate) {
            return q.matches(new BigDecimal(candidate), UCUM, "mmol/L");
        }

        /** Resource numbers relative to the search value 5.4, which stands for [5.35, 5.45). */
        enum Candidate {
            BELOW_RANGE("5.34"), LOWER_BOUND("5.35"), INSIDE_BELOW("5.38"), VALUE("5.4"), VALUE_MORE_DIGITS("5.400"),
            INSIDE_ABOVE("5.44"), UPPER_BOUND("5.45"), ABOVE_RANGE("5.5");

            final String number;

            Candidate(String number) {
                this.number = number;
            }
        }

        @ParameterizedTest(name = "{0}5.4 vs {1}: {2}")
        @CsvSource({
                // eq: within [5.35, 5.45)
                "EQ, BELOW_RANGE, false", "EQ, LOWER_BOUND, true", "EQ, INSIDE_BELOW, true", "EQ, VALUE, true",
                "EQ, VALUE_MORE_DIGITS, true", "EQ, INSIDE_ABOVE, true", "EQ, UPPER_BOUND, false",
                "EQ, ABOVE_RANGE, false",
                // ne: outside [5.35, 5.45)
                "NE, BELOW_RANGE, true", "NE, LOWER_BOUND, false", "NE, INSIDE_BELOW, false", "NE, VALUE, false",
                "NE, VALUE_MORE_DIGITS, false", "NE, INSIDE_ABOVE, false", "NE, UPPER_BOUND, true",
                "NE, ABOVE_RANGE, true",
                // gt: above 5.4 itself, not above the range
                "GT, BELOW_RANGE, false", "GT, LOWER_BOUND, false", "GT, INSIDE_BELOW, false", "GT, VALUE, false",
                "GT, VALUE_MORE_DIGITS, false", "GT, INSIDE_ABOVE, true", "GT, UPPER_BOUND, true",
                "GT, ABOVE_RANGE, true",
                // lt: below 5.4
                "LT, BELOW_RANGE, true", "LT, LOWER_BOUND, true", "LT, INSIDE_BELOW, true", "LT, VALUE, false",
                "LT, VALUE_MORE_DIGITS, false", "LT, INSIDE_ABOVE, false", "LT, UPPER_BOUND, false",
                "LT, ABOVE_RANGE, false",
                // ge: 5.4 or above
                "GE, BELOW_RANGE, false", "GE, LOWER_BOUND, false", "GE, INSIDE_BELOW, false", "GE, VALUE, true",
                "GE, VALUE_MORE_DIGITS, true", "GE, INSIDE_ABOVE, true", "GE, UPPER_BOUND, true",
                "GE, ABOVE_RANGE, true",
                // le: 5.4 or below
                "LE, BELOW_RANGE, true", "LE, LOWER_BOUND, true", "LE, INSIDE_BELOW, true", "LE, VALUE, true",
                "LE, VALUE_MORE_DIGITS, true", "LE, INSIDE_ABOVE, false", "LE, UPPER_BOUND, false",
                "LE, ABOVE_RANGE, false",
                // sa: like gt, a single number has no range to start after
                "SA, BELOW_RANGE, false", "SA, LOWER_BOUND, false", "SA, INSIDE_BELOW, false", "SA, VALUE, false",
                "SA, VALUE_MORE_DIGITS, false", "SA, INSIDE_ABOVE, true", "SA, UPPER_BOUND, true",
                "SA, ABOVE_RANGE, true",
                // eb: like lt
                "EB, BELOW_RANGE, true", "EB, LOWER_BOUND, true", "EB, INSIDE_BELOW, true", "EB, VALUE, false",
                "EB, VALUE_MORE_DIGITS, false", "EB, INSIDE_ABOVE, false", "EB, UPPER_BOUND, false",
                "EB, ABOVE_RANGE, false",
        })
        @DisplayName("each prefix compares the resource's number as the Javadoc says: eq/ne by range, others by value")
        void prefixSemantics(Prefix prefix, Candidate candidate, boolean expected) {
            assertThat(matches(q(prefix, "5.4"), candidate.number)).isEqualTo(expected);
        }

        @Test
        @DisplayName("the prefix table above covers every prefix and every resource number")
        void tableCoversEveryPrefix() throws NoSuchMethodException {
            CsvSource table = Quantities.class.getDeclaredMethod("prefixSemantics", Prefix.class, Candidate.class,
                    boolean.class).getAnnotation(CsvSource.class);
            List<String> rows = new ArrayList<>();
            for (String row : table.value()) {
                String[] cells = row.split(",");
                rows.add(cells[0].trim() + "/" + cells[1].trim());
            }
            List<String> expected = new ArrayList<>();
            for (Prefix p : Prefix.values()) {
                for (Candidate c : Candidate.values()) {
                    expected.add(p + "/" + c);
                }
            }
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Test
        @DisplayName("5.4 stands for [5.35, 5.45): 5.35 is in, 5.45 and 5.3499 are out")
        void oneDecimal() {
            Quantity value = q(Prefix.EQ, "5.4");

            assertThat(value.lowerBound()).isEqualByComparingTo("5.35");
            assertThat(value.upperBound()).isEqualByComparingTo("5.45");
            assertThat(matches(value, "5.35")).isTrue();
            assertThat(matches(value, "5.4499")).isTrue();
            assertThat(matches(value, "5.45")).isFalse();
            assertThat(matches(value, "5.3499")).isFalse();
        }

        @Test
        @DisplayName("100 stands for [99.5, 100.5): 99.5 is in, 100.5 and 99.49 are out")
        void integer() {
            Quantity value = q(Prefix.EQ, "100");

            assertThat(value.lowerBound()).isEqualByComparingTo("99.5");
            assertThat(value.upperBound()).isEqualByComparingTo("100.5");
            assertThat(matches(value, "99.5")).isTrue();
            assertThat(matches(value, "100")).isTrue();
            assertThat(matches(value, "100.4999")).isTrue();
            assertThat(matches(value, "100.5")).isFalse();
            assertThat(matches(value, "99.49")).isFalse();
        }

        @Test
        @DisplayName("trailing zeros narrow the range: 5.40 stands for [5.395, 5.405), so 5.35 is out")
        void trailingZerosAreMorePrecise() {
            Quantity value = q(Prefix.EQ, "5.40");

            assertThat(value.lowerBound()).isEqualByComparingTo("5.395");
            assertThat(value.upperBound()).isEqualByComparingTo("5.405");
            assertThat(matches(value, "5.395")).isTrue();
            assertThat(matches(value, "5.4")).isTrue();
            assertThat(matches(value, "5.35")).isFalse();
            assertThat(matches(value, "5.405")).isFalse();
            assertThat(matches(q(Prefix.NE, "5.40"), "5.35")).isTrue();
        }

        @Test
        @DisplayName("an exponent sets the precision: 1e2 stands for [50, 150), 1.0e2 for [95, 105)")
        void exponent() {
            Quantity oneFigure = q(Prefix.EQ, "1e2");
            Quantity twoFigures = q(Prefix.EQ, "1.0e2");

            assertThat(oneFigure.lowerBound()).isEqualByComparingTo("50");
            assertThat(oneFigure.upperBound()).isEqualByComparingTo("150");
            assertThat(matches(oneFigure, "50")).isTrue();
            assertThat(matches(oneFigure, "149.9")).isTrue();
            assertThat(matches(oneFigure, "150")).isFalse();
            assertThat(twoFigures.lowerBound()).isEqualByComparingTo("95");
            assertThat(twoFigures.upperBound()).isEqualByComparingTo("105");
            assertThat(matches(twoFigures, "95")).isTrue();
            assertThat(matches(twoFigures, "105")).isFalse();
        }

        @Test
        @DisplayName("a negative number's range is mirrored: -5.4 stands for [-5.45, -5.35)")
        void negative() {
            Quantity value = q(Prefix.EQ, "-5.4");

            assertThat(matches(value, "-5.45")).isTrue();
            assertThat(matches(value, "-5.35")).isFalse();
            assertThat(matches(q(Prefix.GT, "-5.4"), "-5.39")).isTrue();
        }

        @Test
        @DisplayName("system|code: matches only that code in that system; codes are case-sensitive")
        void systemAndCode() {
            Quantity value = new Quantity(Prefix.EQ, new BigDecimal("5.4"), UCUM, "mg");

            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "mg")).isTrue();
            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "g")).isFalse();
            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "MG")).isFalse();
            assertThat(value.matches(new BigDecimal("5.4"), "http://snomed.info/sct", "mg")).isFalse();
            assertThat(value.matches(new BigDecimal("5.4"), null, "mg")).isFalse();
            assertThat(value.matches(new BigDecimal("5.4"), UCUM, null)).isFalse();
        }

        @Test
        @DisplayName("||code (no system): matches that code in any system, or with none")
        void codeInAnySystem() {
            Quantity value = new Quantity(Prefix.EQ, new BigDecimal("5.4"), null, "mg");

            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "mg")).isTrue();
            assertThat(value.matches(new BigDecimal("5.4"), "http://example.org/units", "mg")).isTrue();
            assertThat(value.matches(new BigDecimal("5.4"), null, "mg")).isTrue();
            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "g")).isFalse();
            assertThat(value.matches(new BigDecimal("5.4"), null, null)).isFalse();
        }

        @Test
        @DisplayName("a number alone matches any unit, and quantities without a unit")
        void numberAlone() {
            Quantity value = q(Prefix.EQ, "5.4");

            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "mg")).isTrue();
            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "g")).isTrue();
            assertThat(value.matches(new BigDecimal("5.4"), null, null)).isTrue();
        }

        @Test
        @DisplayName("a system without code matches any code of that system")
        void systemAlone() {
            Quantity value = new Quantity(Prefix.EQ, new BigDecimal("5.4"), UCUM, null);

            assertThat(value.matches(new BigDecimal("5.4"), UCUM, "mg")).isTrue();
            assertThat(value.matches(new BigDecimal("5.4"), "http://example.org/units", "mg")).isFalse();
            assertThat(value.matches(new BigDecimal("5.4"), null, "mg")).isFalse();
        }

        @Test
        @DisplayName("units are not converted: 5.4||g does not match 5400 mg, and the unit applies to ne too")
        void noUnitConversion() {
            assertThat(new Quantity(Prefix.EQ, new BigDecimal("5.4"), UCUM, "g").matches(new BigDecimal("5400"), UCUM,
                    "mg")).isFalse();
            Quantity notFiveMg = new Quantity(Prefix.NE, new BigDecimal("5"), UCUM, "mg");
            assertThat(notFiveMg.matches(new BigDecimal("7"), UCUM, "mg")).isTrue();
            assertThat(notFiveMg.matches(new BigDecimal("7"), UCUM, "g")).isFalse();
            assertThat(notFiveMg.matches(new BigDecimal("5"), UCUM, "mg")).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Prefix.class)
        @DisplayName("a quantity without a number matches nothing, whatever the prefix")
        void candidateWithoutNumber(Prefix prefix) {
            assertThat(q(prefix, "5.4").matches(null, UCUM, "mmol/L")).isFalse();
            assertThat(q(prefix, "5.4").matches(null, null, null)).isFalse();
        }

        @Test
        @DisplayName("a quantity needs a prefix and a value, but system and code are optional")
        void quantityValidation() {
            assertThat(new Quantity(Prefix.GT, new BigDecimal("5.4"), null, null).system()).isNull();
            assertThatThrownBy(() -> new Quantity(null, BigDecimal.ONE, null, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Quantity(Prefix.EQ, null, null, null))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("SearchCriterion and SearchRequest")
    class Records {

        @Test
        @DisplayName("a criterion needs a parameter name and at least one value")
        void criterionValidation() {
            assertThatThrownBy(() -> new SearchCriterion(null, List.of(new Token(null, "male"))))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new SearchCriterion("gender", List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SearchCriterion("gender", null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("a criterion's values are an immutable copy and can be read back with their type")
        void criterionCopiesValues() {
            List<SearchValue> values = new ArrayList<>(List.of(new Token(null, "male"), new Token(null, "female")));
            SearchCriterion criterion = new SearchCriterion("gender", values);
            values.clear();

            assertThat(criterion.anyOf()).hasSize(2);
            assertThat(criterion.values(Token.class)).extracting(Token::code).containsExactly("male", "female");
            assertThatThrownBy(() -> criterion.anyOf().add(new Token(null, "other")))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("a request needs a resource type and a page size of at least 1")
        void requestValidation() {
            assertThatThrownBy(() -> new SearchRequest(null, List.of(), 10, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new SearchRequest("Patient", List.of(), 0, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SearchRequest("Patient", List.of(), -5, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new SearchRequest("Patient", List.of(), 1, null).pageSize()).isEqualTo(1);
        }

        @Test
        @DisplayName("a request finds all criteria on one parameter (AND) and exposes its cursor")
        void requestCriteriaByParameter() {
            SearchCriterion from = new SearchCriterion("birthdate", List.of(day(Prefix.GE, "1980-01-01")));
            SearchCriterion to = new SearchCriterion("birthdate", List.of(day(Prefix.LT, "1990-01-01")));
            SearchCriterion gender = new SearchCriterion("gender", List.of(new Token(null, "male")));
            SearchRequest first = new SearchRequest("Patient", List.of(from, gender, to), 20, null);
            SearchRequest next = new SearchRequest("Patient", List.of(from, gender, to), 20, "c2");

            assertThat(first.criteria("birthdate")).containsExactly(from, to);
            assertThat(first.criteria("name")).isEmpty();
            assertThat(first.cursorIfAny()).isEmpty();
            assertThat(next.cursorIfAny()).contains("c2");
        }
    }
}
