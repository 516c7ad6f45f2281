package dev.fhirgateway.gateway.internal.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The comparators and modifiers the pages promise ({@link SearchSyntax}) are what the gateway's search parser
 * accepts, and what it refuses the pages do not list: a change to either fails here.
 */
@DisplayName("Search syntax on the developer pages agrees with the search parser")
class SearchSyntaxTest {

    private static final ResourceSupport SUPPORT = new ResourceSupport("Observation", List.of(), List.of(
            SearchParameterSupport.date("date"), SearchParameterSupport.quantity("value-quantity"),
            SearchParameterSupport.string("name"), SearchParameterSupport.token("code"),
            SearchParameterSupport.reference("patient")));
    private final SearchCriteriaParser parser = new SearchCriteriaParser(20, 100);

    @Test
    @DisplayName("every comparator listed for date and quantity is applied as that prefix; 'ap' is refused")
    void comparators() {
        for (String type : List.of("date", "quantity")) {
            assertThat(SearchSyntax.of(type).comparators()).isEqualTo(SearchSyntax.COMPARATORS);
        }
        for (String c : SearchSyntax.COMPARATORS) {
            SearchValue.Date date = (SearchValue.Date) value("date", c + "2024-03-01");
            assertThat(date.prefix().code()).isEqualTo(c);
            SearchValue.Quantity q = (SearchValue.Quantity) value("value-quantity", c + "5.4|http://unitsofmeasure.org|mg");
            assertThat(q.prefix().code()).isEqualTo(c);
        }
        assertThat(SearchValue.Prefix.values()).extracting(SearchValue.Prefix::code)
                .containsExactlyElementsOf(SearchSyntax.COMPARATORS);
        assertRefused("date", "ap2024-03-01");
        assertRefused("value-quantity", "ap5");
    }

    @Test
    @DisplayName("string modifiers :exact and :contains are accepted, others refused; tokens, dates, quantities take none")
    void modifiers() {
        assertThat(SearchSyntax.of("string").modifiers()).containsExactly(":exact", ":contains");
        for (String m : SearchSyntax.STRING_MODIFIERS) {
            assertThat(parser.parse(SUPPORT, Map.of("name" + m, new String[] {"Smith"}), false).criteria()).hasSize(1);
        }
        assertRefused("name:missing", "true");
        for (String p : List.of("code:text", "date:missing", "value-quantity:missing")) {
            assertRefused(p, "x");
        }
        assertThat(SearchSyntax.of("token").modifiers()).isEmpty();
        assertThat(SearchSyntax.of("date").modifiers()).isEmpty();
        assertThat(SearchSyntax.of("reference").modifiers()).containsExactly(":[Type]");
        assertThat(parser.parse(SUPPORT, Map.of("patient:Patient", new String[] {"p1"}), false).criteria()).hasSize(1);
    }

    @Test
    @DisplayName("the value forms listed for tokens and references parse")
    void forms() {
        for (String token : List.of("8867-4", "http://loinc.org|8867-4", "|8867-4", "http://loinc.org|")) {
            assertThat(value("code", token)).isInstanceOf(SearchValue.Token.class);
        }
        for (String ref : List.of("p1", "Patient/p1", "https://ehr.example.com/fhir/Patient/p1")) {
            assertThat(((SearchValue.Reference) value("patient", ref)).id()).isEqualTo("p1");
        }
    }

    private SearchValue value(String name, String raw) {
        return parser.parse(SUPPORT, Map.of(name, new String[] {raw}), false).criteria().get(0).anyOf().get(0);
    }

    private void assertRefused(String name, String raw) {
        assertThatThrownBy(() -> parser.parse(SUPPORT, Map.of(name, new String[] {raw}), false))
                .as(name + "=" + raw).isInstanceOf(InvalidRequestException.class);
    }
}
