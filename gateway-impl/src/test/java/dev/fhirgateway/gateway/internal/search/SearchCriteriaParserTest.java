package dev.fhirgateway.gateway.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser.ParsedSearch;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SearchValue.Date.Precision;
import dev.fhirgateway.spi.SearchValue.Prefix;
import dev.fhirgateway.spi.SearchValue.Text.Mode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchCriteriaParserTest {

    private static final ResourceSupport PATIENT = new ResourceSupport("Patient",
            List.of("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"),
            List.of(SearchParameterSupport.token("_id"),
                    SearchParameterSupport.token("identifier"),
                    SearchParameterSupport.token("gender"),
                    SearchParameterSupport.string("name"),
                    SearchParameterSupport.string("family"),
                    SearchParameterSupport.string("given"),
                    SearchParameterSupport.date("birthdate"),
                    SearchParameterSupport.reference("general-practitioner"),
                    SearchParameterSupport.quantity("value-quantity")));

    private final SearchCriteriaParser parser = new SearchCriteriaParser(20, 100);

    /** Parameters as name, value, name, value...; a name given twice gets both values (a repeated parameter). */
    private static Map<String, String[]> params(String... namesAndValues) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            grouped.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        grouped.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    private ParsedSearch parse(String... namesAndValues) {
        return parser.parse(PATIENT, params(namesAndValues), false);
    }

    /** The single value of the single criterion of a search with one parameter. */
    private SearchValue only(String name, String value) {
        ParsedSearch parsed = parse(name, value);
        assertThat(parsed.criteria()).hasSize(1);
        assertThat(parsed.criteria().get(0).anyOf()).hasSize(1);
        return parsed.criteria().get(0).anyOf().get(0);
    }

    private InvalidRequestException refused(boolean lenient, String... namesAndValues) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> parser.parse(PATIENT, params(namesAndValues), lenient));
        assertThat(e).as("the search should be refused with 400").isNotNull();
        assertThat(e.getStatusCode()).isEqualTo(400);
        return e;
    }

    private InvalidRequestException refused(String... namesAndValues) {
        return refused(false, namesAndValues);
    }

    private static List<OperationOutcomeIssueComponent> issues(InvalidRequestException e) {
        assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
        return ((OperationOutcome) e.getOperationOutcome()).getIssue();
    }

    // ---- tokens ----

    @Test
    @DisplayName("a token without '|' is a code in any system")
    void tokenCode() {
        assertThat(only("gender", "male")).isEqualTo(new SearchValue.Token(null, "male"));
    }

    @Test
    @DisplayName("a token system|code has both parts")
    void tokenSystemAndCode() {
        assertThat(only("identifier", "http://hospital.example/mrn|12345"))
                .isEqualTo(new SearchValue.Token("http://hospital.example/mrn", "12345"));
    }

    @Test
    @DisplayName("a token |code means a code without system")
    void tokenNoSystem() {
        assertThat(only("identifier", "|12345")).isEqualTo(new SearchValue.Token("", "12345"));
    }

    @Test
    @DisplayName("a token system| means any code of the system")
    void tokenAnyCodeOfSystem() {
        assertThat(only("identifier", "http://hospital.example/mrn|"))
                .isEqualTo(new SearchValue.Token("http://hospital.example/mrn", null));
    }

    @Test
    @DisplayName("escaped \\| and \\, are literal characters of a token, not separators")
    void tokenEscapes() {
        assertThat(only("identifier", "urn:a\\|b|x\\,y")).isEqualTo(new SearchValue.Token("urn:a|b", "x,y"));
        assertThat(only("identifier", "a\\|b")).isEqualTo(new SearchValue.Token(null, "a|b"));
    }

    @Test
    @DisplayName("a bare '|' token is refused")
    void tokenBarOnly() {
        InvalidRequestException e = refused("identifier", "|");
        assertThat(issues(e)).singleElement().satisfies(i -> assertThat(i.getDiagnostics()).contains("identifier"));
    }

    @Test
    @DisplayName("_id is an ordinary token parameter")
    void idParameter() {
        assertThat(only("_id", "123")).isEqualTo(new SearchValue.Token(null, "123"));
    }

    @Test
    @DisplayName("a modifier on a token parameter is refused")
    void tokenModifierRefused() {
        InvalidRequestException e = refused("gender:text", "male");
        assertThat(issues(e)).singleElement().satisfies(i -> {
            assertThat(i.getCode()).isEqualTo(IssueType.NOTSUPPORTED);
            assertThat(i.getDiagnostics()).contains("gender:text", ":text");
        });
    }

    // ---- OR and AND ----

    @Test
    @DisplayName("comma-separated values are one criterion with alternatives (OR)")
    void commaIsOr() {
        ParsedSearch parsed = parse("gender", "male,female");

        assertThat(parsed.criteria()).containsExactly(new SearchCriterion("gender",
                List.of(new SearchValue.Token(null, "male"), new SearchValue.Token(null, "female"))));
    }

    @Test
    @DisplayName("a repeated parameter gives one criterion per occurrence (AND)")
    void repeatedIsAnd() {
        ParsedSearch parsed = parse("birthdate", "ge1980", "birthdate", "lt1990");

        assertThat(parsed.criteria()).hasSize(2).allSatisfy(c -> assertThat(c.parameter()).isEqualTo("birthdate"));
        assertThat(parsed.criteria().get(0).values(SearchValue.Date.class).get(0).prefix()).isEqualTo(Prefix.GE);
        assertThat(parsed.criteria().get(1).values(SearchValue.Date.class).get(0).prefix()).isEqualTo(Prefix.LT);
        assertThat(parsed.applied()).containsEntry("birthdate", List.of("ge1980", "lt1990"));
    }

    @Test
    @DisplayName("different parameters each give their own criterion")
    void differentParameters() {
        ParsedSearch parsed = parse("gender", "female", "name", "Zoë");

        assertThat(parsed.criteria()).extracting(SearchCriterion::parameter).containsExactlyInAnyOrder("gender", "name");
    }

    // ---- strings ----

    @Test
    @DisplayName("a string without modifier is a starts-with search; :exact and :contains select those modes")
    void stringModifiers() {
        assertThat(only("given", "zo")).isEqualTo(new SearchValue.Text("zo", Mode.STARTS_WITH));
        assertThat(only("name:exact", "Zoë")).isEqualTo(new SearchValue.Text("Zoë", Mode.EXACT));
        assertThat(only("family:contains", "son")).isEqualTo(new SearchValue.Text("son", Mode.CONTAINS));
    }

    @Test
    @DisplayName("the parameter of a modified string criterion is the declared name, without the modifier")
    void modifierNotInParameterName() {
        assertThat(parse("name:exact", "Zoë").criteria()).extracting(SearchCriterion::parameter).containsExactly("name");
    }

    @Test
    @DisplayName("escaped commas stay in a string value")
    void stringEscapedComma() {
        assertThat(only("family", "Smith\\, Jr")).isEqualTo(new SearchValue.Text("Smith, Jr", Mode.STARTS_WITH));
    }

    @ParameterizedTest(name = "name:{0}")
    @ValueSource(strings = {"missing", "text", "above", "Patient"})
    @DisplayName("an unsupported string modifier is refused with 400 naming it")
    void unsupportedStringModifier(String modifier) {
        InvalidRequestException e = refused("name:" + modifier, "Smith");

        assertThat(issues(e)).singleElement().satisfies(i -> {
            assertThat(i.getCode()).isEqualTo(IssueType.NOTSUPPORTED);
            assertThat(i.getDiagnostics()).contains("name:" + modifier).contains(":exact", ":contains")
                    .doesNotContain("Smith");
        });
    }

    // ---- dates ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"eq, EQ", "ne, NE", "gt, GT", "lt, LT", "ge, GE", "le, LE", "sa, SA", "eb, EB"})
    @DisplayName("every date prefix is carried to the adapter")
    void datePrefixes(String code, Prefix prefix) {
        SearchValue.Date date = (SearchValue.Date) only("birthdate", code + "2024-03-10");

        assertThat(date).isEqualTo(new SearchValue.Date(prefix, LocalDateTime.parse("2024-03-10T00:00"),
                Precision.DAY, null));
    }

    @Test
    @DisplayName("a date without prefix means eq")
    void dateDefaultPrefix() {
        assertThat(((SearchValue.Date) only("birthdate", "2024-03-10")).prefix()).isEqualTo(Prefix.EQ);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2024,                      2024-01-01T00:00,        YEAR,        ",
            "2024-02,                   2024-02-01T00:00,        MONTH,       ",
            "2024-02-29,                2024-02-29T00:00,        DAY,         ",
            "2024-03-10T10:15Z,         2024-03-10T10:15,        MINUTE,      Z",
            "2024-03-10T10:15+02:00,    2024-03-10T10:15,        MINUTE,      +02:00",
            "2024-03-10T10:15,          2024-03-10T10:15,        MINUTE,      ",
            "2024-03-10T10:15:30Z,      2024-03-10T10:15:30,     SECOND,      Z",
            "2024-03-10T10:15:30+02:00, 2024-03-10T10:15:30,     SECOND,      +02:00",
            "2024-03-10T10:15:30-05:00, 2024-03-10T10:15:30,     SECOND,      -05:00",
            "2024-03-10T10:15:30,       2024-03-10T10:15:30,     SECOND,      ",
            "2024-03-10T10:15:30.123Z,  2024-03-10T10:15:30.123, MILLISECOND, Z",
            "2024-03-10T10:15:30.123,   2024-03-10T10:15:30.123, MILLISECOND, ",
    })
    @DisplayName("each date precision keeps its start, precision and offset (none when the value had none)")
    void datePrecisions(String raw, LocalDateTime start, Precision precision, String offset) {
        SearchValue.Date date = (SearchValue.Date) only("birthdate", raw);

        assertThat(date.start()).isEqualTo(start);
        assertThat(date.precision()).isEqualTo(precision);
        assertThat(date.offset()).isEqualTo(offset == null ? null : ZoneOffset.of(offset));
    }

    @Test
    @DisplayName("a dateTime without offset is not given the server's time zone, whatever the JVM default is")
    void dateTimeWithoutOffsetIndependentOfDefaultZone() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Kolkata"));
            SearchValue.Date date = (SearchValue.Date) only("birthdate", "ge2024-03-10T10:15:30");

            assertThat(date.offset()).isNull();
            assertThat(date.start()).isEqualTo(LocalDateTime.parse("2024-03-10T10:15:30"));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    @Test
    @DisplayName("the 'ap' prefix is refused with 400")
    void approximateRefused() {
        InvalidRequestException e = refused("birthdate", "ap2024-03-10");

        assertThat(issues(e)).singleElement().satisfies(i -> assertThat(i.getDiagnostics()).contains("'ap'"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Smith1980", "1980-13-45", "2024-02-30", "2024-03-10T25:00Z", "10/03/2024", "19800101x"})
    @DisplayName("a malformed date is refused with 400, and neither the message nor the outcome repeats the value")
    void malformedDate(String raw) {
        InvalidRequestException e = refused("birthdate", raw);

        assertThat(e.getMessage()).contains("birthdate").doesNotContain(raw);
        assertThat(issues(e)).singleElement().satisfies(i -> {
            assertThat(i.getCode()).isEqualTo(IssueType.INVALID);
            assertThat(i.getDiagnostics()).contains("birthdate").doesNotContain(raw);
        });
    }

    @Test
    @DisplayName("a modifier on a date parameter is refused")
    void dateModifierRefused() {
        refused("birthdate:missing", "true");
    }

    // ---- references ----

    @Test
    @DisplayName("a reference [type]/[id] has both parts")
    void referenceTyped() {
        assertThat(only("general-practitioner", "Practitioner/1"))
                .isEqualTo(new SearchValue.Reference("Practitioner", "1"));
        assertThat(only("general-practitioner", "Patient/1")).isEqualTo(new SearchValue.Reference("Patient", "1"));
    }

    @Test
    @DisplayName("a reference [id] has no type")
    void referenceIdOnly() {
        assertThat(only("general-practitioner", "1")).isEqualTo(new SearchValue.Reference(null, "1"));
    }

    @Test
    @DisplayName("an absolute reference URL is reduced to its [type]/[id]")
    void referenceAbsoluteUrl() {
        assertThat(only("general-practitioner", "http://x/fhir/Practitioner/1"))
                .isEqualTo(new SearchValue.Reference("Practitioner", "1"));
    }

    @Test
    @DisplayName("a :[type] modifier gives the type of a bare id")
    void referenceTypeModifier() {
        assertThat(only("general-practitioner:Practitioner", "1"))
                .isEqualTo(new SearchValue.Reference("Practitioner", "1"));
    }

    @Test
    @DisplayName("a :[type] modifier that contradicts the reference's type is refused")
    void referenceTypeModifierMismatch() {
        refused("general-practitioner:Practitioner", "Organization/1");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Practitioner/", "practitioner/1", "Practitioner/a b", "Practitioner/1/_history/2"})
    @DisplayName("a malformed reference is refused")
    void malformedReference(String raw) {
        InvalidRequestException e = refused("general-practitioner", raw);
        assertThat(e.getMessage()).contains("general-practitioner");
    }

    @Test
    @DisplayName("a non-type modifier on a reference is refused")
    void referenceModifierRefused() {
        refused("general-practitioner:identifier", "123");
    }

    // ---- quantities ----

    @Test
    @DisplayName("a quantity carries prefix, number, system and code")
    void quantityFull() {
        assertThat(only("value-quantity", "gt5.4|http://unitsofmeasure.org|mg"))
                .isEqualTo(new SearchValue.Quantity(Prefix.GT, new BigDecimal("5.4"), "http://unitsofmeasure.org", "mg"));
    }

    @Test
    @DisplayName("a quantity without prefix is eq and keeps the number's precision")
    void quantityPlain() {
        SearchValue.Quantity q = (SearchValue.Quantity) only("value-quantity", "5.40");

        assertThat(q.prefix()).isEqualTo(Prefix.EQ);
        assertThat(q.value()).isEqualTo(new BigDecimal("5.40"));
        assertThat(q.value().scale()).isEqualTo(2);
        assertThat(q.system()).isNull();
        assertThat(q.code()).isNull();
    }

    @Test
    @DisplayName("a quantity number||code has any system")
    void quantityCodeWithoutSystem() {
        assertThat(only("value-quantity", "le5.4||mg"))
                .isEqualTo(new SearchValue.Quantity(Prefix.LE, new BigDecimal("5.4"), null, "mg"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"ap5", "five", "5|mg", "gt", "5.4|a|b|c"})
    @DisplayName("a malformed quantity or the 'ap' prefix is refused")
    void malformedQuantity(String raw) {
        refused("value-quantity", raw);
    }

    // ---- unknown parameters and several problems ----

    @Test
    @DisplayName("an unknown parameter is refused with one not-supported issue naming it and the supported parameters")
    void unknownParameter() {
        InvalidRequestException e = refused("favorite-color", "blue");

        assertThat(issues(e)).singleElement().satisfies(i -> {
            assertThat(i.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(i.getCode()).isEqualTo(IssueType.NOTSUPPORTED);
            assertThat(i.getDiagnostics()).contains("favorite-color")
                    .contains("_id, birthdate, family, gender, general-practitioner, given, identifier, name,"
                            + " value-quantity");
        });
    }

    @Test
    @DisplayName("several problems are reported together, one issue each")
    void severalProblems() {
        InvalidRequestException e = refused("favorite-color", "blue", "shoe-size", "42", "birthdate", "notadate",
                "_sort", "name");

        List<OperationOutcomeIssueComponent> issues = issues(e);
        assertThat(issues).hasSize(4);
        assertThat(issues).filteredOn(i -> i.getDiagnostics().contains("favorite-color")).singleElement()
                .extracting(OperationOutcomeIssueComponent::getCode).isEqualTo(IssueType.NOTSUPPORTED);
        assertThat(issues).filteredOn(i -> i.getDiagnostics().contains("shoe-size")).hasSize(1);
        assertThat(issues).filteredOn(i -> i.getDiagnostics().contains("_sort")).singleElement()
                .extracting(OperationOutcomeIssueComponent::getCode).isEqualTo(IssueType.NOTSUPPORTED);
        assertThat(issues).filteredOn(i -> i.getDiagnostics().startsWith("Parameter 'birthdate'")).singleElement()
                .extracting(OperationOutcomeIssueComponent::getCode).isEqualTo(IssueType.INVALID);
        assertThat(e.getMessage()).contains("favorite-color", "shoe-size", "birthdate", "_sort");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"_sort", "_total", "_contained"})
    @DisplayName("refused result parameters fail a strict search (_include/_revinclude are planned by IncludePlanner)")
    void refusedResultParameters(String name) {
        InvalidRequestException e = refused(name, "x");

        assertThat(issues(e)).singleElement().satisfies(i -> {
            assertThat(i.getCode()).isEqualTo(IssueType.NOTSUPPORTED);
            assertThat(i.getDiagnostics()).contains(name);
        });
    }

    @Test
    @DisplayName("lenient handling ignores unknown parameters and _sort, but still applies the known ones")
    void lenientIgnoresUnknown() {
        ParsedSearch parsed = parser.parse(PATIENT,
                params("favorite-color", "blue", "_sort", "name", "_offset", "20", "gender", "male"), true);

        assertThat(parsed.criteria()).containsExactly(
                new SearchCriterion("gender", List.of(new SearchValue.Token(null, "male"))));
        assertThat(parsed.applied()).containsOnlyKeys("gender");
    }

    @Test
    @DisplayName("lenient handling still refuses malformed values of known parameters")
    void lenientStillRefusesMalformedValues() {
        refused(true, "birthdate", "notadate");
    }

    // ---- _count and _offset ----

    @Test
    @DisplayName("without _count the page size is the configured default")
    void defaultCount() {
        assertThat(parse("gender", "male").pageSize()).isEqualTo(20);
    }

    @Test
    @DisplayName("_count sets the page size, lowered to the configured maximum")
    void countClamped() {
        assertThat(parse("_count", "50").pageSize()).isEqualTo(50);
        assertThat(parse("_count", "100").pageSize()).isEqualTo(100);
        assertThat(parse("_count", "500").pageSize()).isEqualTo(100);
        assertThat(parse("_count", "1").pageSize()).isEqualTo(1);
    }

    @ParameterizedTest(name = "_count={0}")
    @ValueSource(strings = {"0", "-1", "ten", "2.5", ""})
    @DisplayName("_count that is not a positive whole number is refused")
    void invalidCount(String raw) {
        InvalidRequestException e = refused("_count", raw);

        assertThat(issues(e)).singleElement().satisfies(i -> assertThat(i.getDiagnostics()).contains("_count"));
    }

    @Test
    @DisplayName("_count given twice is refused")
    void countTwice() {
        refused("_count", "10", "_count", "20");
    }

    @Test
    @DisplayName("_offset is refused with advice to follow the next link")
    void offsetRefused() {
        InvalidRequestException e = refused("_offset", "20");

        assertThat(issues(e)).singleElement().satisfies(i -> {
            assertThat(i.getCode()).isEqualTo(IssueType.NOTSUPPORTED);
            assertThat(i.getDiagnostics()).contains("_offset").contains("'next' link");
        });
    }

    // ---- empty values, applied parameters, reparse ----

    @Test
    @DisplayName("parameters without a value are ignored")
    void emptyValuesIgnored() {
        ParsedSearch parsed = parse("gender", "", "name", ",", "birthdate", "ge1980");

        assertThat(parsed.criteria()).extracting(SearchCriterion::parameter).containsExactly("birthdate");
        assertThat(parsed.applied()).containsOnlyKeys("birthdate");
    }

    @Test
    @DisplayName("applied holds only the search parameters applied, with modifiers and raw values")
    void appliedParameters() {
        ParsedSearch parsed = parser.parse(PATIENT, params("name:exact", "Zoë", "gender", "male,female",
                "_count", "5", "_format", "json", "_pretty", "true", "favorite-color", "blue"), true);

        assertThat(parsed.applied()).containsOnly(
                Map.entry("name:exact", List.of("Zoë")),
                Map.entry("gender", List.of("male,female")));
        assertThat(parsed.pageSize()).isEqualTo(5);
    }

    @Test
    @DisplayName("reparse of the applied parameters gives the same criteria, for the next page")
    void reparseRoundTrips() {
        ParsedSearch parsed = parse("name:exact", "Zoë", "gender", "male,female", "birthdate", "ge1980-01",
                "birthdate", "lt1990-06-01T10:00:00+02:00", "identifier", "urn:a\\|b|x\\,y",
                "general-practitioner", "Practitioner/7", "value-quantity", "gt5|http://unitsofmeasure.org|mg",
                "_count", "7");

        List<SearchCriterion> again = parser.reparse(PATIENT, parsed.applied());

        assertThat(again).isEqualTo(parsed.criteria());
        assertThat(again).hasSize(7);
    }
}
