package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * A correct in-memory adapter over the {@link KitFixtures} laboratory Observations, with a quantity parameter:
 * the kit's baseline for quantity searches. {@link BrokenAdapters.ExactQuantity} changes how it compares numbers.
 */
class FixtureObservationAdapter implements EhrAdapter {

    static final List<SearchParameterSupport> PARAMETERS = List.of(
            SearchParameterSupport.reference("patient"), SearchParameterSupport.token("code"),
            SearchParameterSupport.date("date"), SearchParameterSupport.quantity("value-quantity"));

    private final Map<String, List<Observation>> byPractice = Map.of(
            KitFixtures.PRACTICE, KitFixtures.observations(KitFixtures.PRACTICE),
            KitFixtures.OTHER_PRACTICE, KitFixtures.observations(KitFixtures.OTHER_PRACTICE));

    @Override
    public List<ResourceSupport> supportedResources() {
        return List.of(new ResourceSupport("Observation", List.of(KitFixtures.LAB_PROFILE), PARAMETERS));
    }

    @Override
    public Optional<Resource> read(CallContext context, String resourceType, String id) {
        checkDeadline(context);
        return observations(context.practice()).stream().filter(o -> o.getIdElement().getIdPart().equals(id))
                .<Resource>map(Observation::copy).findFirst();
    }

    @Override
    public SearchPage search(CallContext context, SearchRequest request) {
        checkDeadline(context);
        if (!request.resourceType().equals("Observation")) {
            throw AdapterException.unsupportedSearch("only Observation");
        }
        List<Observation> matches = observations(context.practice()).stream()
                .filter(o -> request.criteria().stream().allMatch(c -> matches(o, c)))
                .toList();
        int from = FixturePatientAdapter.offset(request.cursor(), matches.size());
        int to = Math.min(matches.size(), from + request.pageSize());
        List<Resource> page = matches.subList(from, to).stream().<Resource>map(Observation::copy).toList();
        return new SearchPage(page, to < matches.size() ? "o" + to : null);
    }

    private List<Observation> observations(String practice) {
        return byPractice.getOrDefault(practice, List.of());
    }

    private boolean matches(Observation o, SearchCriterion c) {
        return c.anyOf().stream().anyMatch(v -> matches(o, c.parameter(), v));
    }

    private boolean matches(Observation o, String parameter, SearchValue v) {
        try {
            return switch (parameter) {
                case "patient" -> {
                    IdType subject = new IdType(o.getSubject().getReference());
                    yield ((SearchValue.Reference) v).matches(subject.getResourceType(), subject.getIdPart());
                }
                case "code" -> o.getCode().getCoding().stream()
                        .anyMatch(coding -> ((SearchValue.Token) v).matches(coding.getSystem(), coding.getCode()));
                case "date" -> ((SearchValue.Date) v).matches(
                        LocalDate.parse(o.getEffectiveDateTimeType().getValueAsString()), ZoneOffset.UTC);
                case "value-quantity" -> o.hasValueQuantity()
                        && quantityMatches((SearchValue.Quantity) v, o.getValueQuantity());
                default -> throw AdapterException.unsupportedSearch("no parameter " + parameter);
            };
        } catch (ClassCastException e) {
            throw AdapterException.unsupportedSearch("wrong value type for " + parameter);
        }
    }

    /** How a quantity search value compares with an Observation's value: the SPI's rules. */
    boolean quantityMatches(SearchValue.Quantity value, Quantity quantity) {
        return value.matches(quantity.getValue(), quantity.getSystem(), quantity.getCode());
    }

    private static void checkDeadline(CallContext context) {
        if (context.deadline().isBefore(Instant.now())) {
            throw AdapterException.timeout("deadline passed", null);
        }
    }
}
