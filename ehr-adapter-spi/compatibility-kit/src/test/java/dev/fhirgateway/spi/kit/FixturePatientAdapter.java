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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * A correct in-memory adapter over {@link KitFixtures}: the kit's own baseline. The broken adapters of
 * {@link BrokenAdaptersTest} each change one thing about it.
 */
class FixturePatientAdapter implements EhrAdapter {

    static final List<SearchParameterSupport> PARAMETERS = List.of(
            SearchParameterSupport.token("_id"), SearchParameterSupport.token("identifier"),
            SearchParameterSupport.token("gender"), SearchParameterSupport.string("name"),
            SearchParameterSupport.string("family"), SearchParameterSupport.string("given"),
            SearchParameterSupport.date("birthdate"), SearchParameterSupport.date("death-date"));

    private final Map<String, List<Patient>> byPractice = Map.of(
            KitFixtures.PRACTICE, KitFixtures.patients(KitFixtures.PRACTICE),
            KitFixtures.OTHER_PRACTICE, KitFixtures.patients(KitFixtures.OTHER_PRACTICE));

    @Override
    public List<ResourceSupport> supportedResources() {
        return List.of(new ResourceSupport("Patient", List.of(KitFixtures.PROFILE), PARAMETERS));
    }

    List<Patient> patients(String practice) {
        return byPractice.getOrDefault(practice, List.of());
    }

    @Override
    public Optional<Resource> read(CallContext context, String resourceType, String id) {
        checkDeadline(context);
        return patients(context.practice()).stream().filter(p -> p.getIdElement().getIdPart().equals(id))
                .<Resource>map(Patient::copy).findFirst();
    }

    @Override
    public SearchPage search(CallContext context, SearchRequest request) {
        checkDeadline(context);
        if (!request.resourceType().equals("Patient")) {
            throw AdapterException.unsupportedSearch("only Patient");
        }
        List<Patient> matches = patients(context.practice()).stream()
                .filter(p -> request.criteria().stream().allMatch(c -> matches(p, c)))
                .toList();
        int from = offset(request.cursor(), matches.size());
        int to = Math.min(matches.size(), from + request.pageSize());
        List<Resource> page = matches.subList(from, to).stream().<Resource>map(Patient::copy).toList();
        return new SearchPage(page, to < matches.size() ? "o" + to : null);
    }

    static int offset(String cursor, int size) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor.substring(1));
            if (!cursor.startsWith("o") || offset < 0 || offset > size) {
                throw AdapterException.invalidCursor("unknown cursor");
            }
            return offset;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw AdapterException.invalidCursor("unknown cursor");
        }
    }

    static boolean matches(Patient p, SearchCriterion c) {
        return c.anyOf().stream().anyMatch(v -> matches(p, c.parameter(), v));
    }

    static boolean matches(Patient p, String parameter, SearchValue v) {
        try {
            return switch (parameter) {
                case "_id" -> ((SearchValue.Token) v).matches(null, p.getIdElement().getIdPart());
                case "identifier" -> p.getIdentifier().stream()
                        .anyMatch(i -> ((SearchValue.Token) v).matches(i.getSystem(), i.getValue()));
                case "gender" -> ((SearchValue.Token) v).matches(p.getGender().getSystem(), p.getGender().toCode());
                case "name" -> p.getName().stream().flatMap(FixturePatientAdapter::nameParts)
                        .anyMatch(((SearchValue.Text) v)::matches);
                case "family" -> p.getName().stream().anyMatch(n -> ((SearchValue.Text) v).matches(n.getFamily()));
                case "given" -> p.getName().stream().flatMap(n -> n.getGiven().stream())
                        .anyMatch(g -> ((SearchValue.Text) v).matches(g.getValue()));
                case "birthdate" -> ((SearchValue.Date) v).matches(
                        java.time.LocalDate.parse(p.getBirthDateElement().getValueAsString()), ZoneOffset.UTC);
                case "death-date" -> p.hasDeceasedDateTimeType() && ((SearchValue.Date) v).matches(
                        java.time.LocalDate.parse(p.getDeceasedDateTimeType().getValueAsString()), ZoneOffset.UTC);
                default -> throw AdapterException.unsupportedSearch("no parameter " + parameter);
            };
        } catch (ClassCastException e) {
            throw AdapterException.unsupportedSearch("wrong value type for " + parameter);
        }
    }

    private static Stream<String> nameParts(HumanName n) {
        return Stream.of(Stream.ofNullable(n.getFamily()), n.getGiven().stream().map(StringType::getValue),
                n.getPrefix().stream().map(StringType::getValue), n.getSuffix().stream().map(StringType::getValue))
                .flatMap(s -> s);
    }

    private static void checkDeadline(CallContext context) {
        if (context.deadline().isBefore(Instant.now())) {
            throw AdapterException.timeout("deadline passed", null);
        }
    }
}
