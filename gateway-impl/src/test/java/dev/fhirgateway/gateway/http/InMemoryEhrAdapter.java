package dev.fhirgateway.gateway.http;

import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Resource;

/**
 * The one in-memory {@link EhrAdapter} of the gateway's HTTP tests, configured with a {@link Builder}: resources per
 * practice, the types it declares with their profiles and search parameters (each with how a value matches a
 * resource), which types it counts, and the latency a test needs to exercise timeouts. It keeps practices apart,
 * pages with an offset cursor and hands out copies, as a real adapter must; the test providers
 * ({@link InMemoryPatientAdapterProvider} and its siblings) only say what data and declarations they serve.
 */
final class InMemoryEhrAdapter implements EhrAdapter {

    /** Whether one search value matches a resource of the parameter's type. */
    interface ValueMatcher<R extends Resource> {
        boolean matches(R resource, SearchValue value);
    }

    private record Stored(String practice, Resource resource) {
    }

    private record Parameter(SearchParameterSupport support, ValueMatcher<Resource> matcher) {
    }

    private record DeclaredType(List<String> profiles, Map<String, Parameter> parameters) {
    }

    private final List<Stored> data;
    private final Map<String, DeclaredType> types;
    private final Set<String> countable;
    private final Map<String, Duration> readDelays;
    private final Consumer<List<Resource>> beforeSearchAnswers;

    private InMemoryEhrAdapter(Builder b) {
        data = List.copyOf(b.data);
        // In declaration order, as the CapabilityStatement lists them.
        types = new LinkedHashMap<>(b.types);
        countable = Set.copyOf(b.countable);
        readDelays = Map.copyOf(b.readDelays);
        beforeSearchAnswers = b.beforeSearchAnswers;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public List<ResourceSupport> supportedResources() {
        return types.entrySet().stream().map(t -> new ResourceSupport(t.getKey(), t.getValue().profiles(),
                t.getValue().parameters().values().stream().map(Parameter::support).toList())).toList();
    }

    @Override
    public boolean canCount(String resourceType) {
        return countable.contains(resourceType);
    }

    @Override
    public long count(CallContext context, SearchRequest request) {
        return matches(context, request).size();
    }

    @Override
    public Optional<Resource> read(CallContext context, String resourceType, String id) {
        Duration delay = readDelays.get(resourceType);
        if (delay != null) {
            sleep(delay);
        }
        return data.stream().filter(s -> s.practice().equals(context.practice())).map(Stored::resource)
                .filter(r -> r.fhirType().equals(resourceType) && r.getIdElement().getIdPart().equals(id))
                .map(Resource::copy).findFirst();
    }

    @Override
    public SearchPage search(CallContext context, SearchRequest request) {
        int offset;
        try {
            offset = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
        } catch (NumberFormatException e) {
            throw AdapterException.invalidCursor("unreadable cursor");
        }
        List<Resource> matches = matches(context, request);
        beforeSearchAnswers.accept(matches);
        int end = Math.min(matches.size(), offset + request.pageSize());
        List<Resource> page = new ArrayList<>();
        matches.subList(Math.min(offset, end), end).forEach(r -> page.add(r.copy()));
        return new SearchPage(page, end < matches.size() ? Integer.toString(end) : null);
    }

    private List<Resource> matches(CallContext context, SearchRequest request) {
        DeclaredType type = types.get(request.resourceType());
        if (type == null) {
            throw AdapterException.unsupportedSearch("unexpected type " + request.resourceType());
        }
        List<Predicate<Resource>> criteria = request.criteria().stream().map(c -> criterion(type, c)).toList();
        return data.stream().filter(s -> s.practice().equals(context.practice())).map(Stored::resource)
                .filter(r -> r.fhirType().equals(request.resourceType()))
                .filter(r -> criteria.stream().allMatch(c -> c.test(r))).toList();
    }

    private static Predicate<Resource> criterion(DeclaredType type, SearchCriterion c) {
        Parameter parameter = type.parameters().get(c.parameter());
        if (parameter == null) {
            throw AdapterException.unsupportedSearch("unexpected parameter " + c.parameter());
        }
        return r -> c.anyOf().stream().anyMatch(v -> parameter.matcher().matches(r, v));
    }

    /** Sleeps as a slow EHR would; an interrupted call times out, as the gateway's call executor expects. */
    static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdapterException.timeout("interrupted", e);
        }
    }

    /** The search parameters of one declared type; {@code _id} is always declared first. */
    static final class TypeDeclaration<R extends Resource> {
        private final Map<String, Parameter> parameters = new LinkedHashMap<>();

        private TypeDeclaration() {
            token("_id", (r, v) -> ((SearchValue.Token) v).matches(null, r.getIdElement().getIdPart()));
        }

        TypeDeclaration<R> token(String name, ValueMatcher<R> matcher) {
            return parameter(SearchParameterSupport.token(name), matcher);
        }

        TypeDeclaration<R> string(String name, ValueMatcher<R> matcher) {
            return parameter(SearchParameterSupport.string(name), matcher);
        }

        TypeDeclaration<R> date(String name, ValueMatcher<R> matcher) {
            return parameter(SearchParameterSupport.date(name), matcher);
        }

        TypeDeclaration<R> reference(String name, ValueMatcher<R> matcher) {
            return parameter(SearchParameterSupport.reference(name), matcher);
        }

        TypeDeclaration<R> lastUpdated(ValueMatcher<R> matcher) {
            return parameter(SearchParameterSupport.lastUpdated(), matcher);
        }

        @SuppressWarnings("unchecked")
        private TypeDeclaration<R> parameter(SearchParameterSupport support, ValueMatcher<R> matcher) {
            parameters.put(support.name(), new Parameter(support, (ValueMatcher<Resource>) matcher));
            return this;
        }
    }

    static final class Builder {
        private final List<Stored> data = new ArrayList<>();
        private final Map<String, DeclaredType> types = new LinkedHashMap<>();
        private final Set<String> countable = new HashSet<>();
        private final Map<String, Duration> readDelays = new LinkedHashMap<>();
        private Consumer<List<Resource>> beforeSearchAnswers = matches -> { };

        private Builder() {
        }

        /** Stores {@code resource} (with its id set) in {@code practice}. */
        Builder resource(String practice, Resource resource) {
            data.add(new Stored(practice, resource));
            return this;
        }

        /** Declares a type with its profiles and the search parameters {@code parameters} adds beside {@code _id}. */
        <R extends Resource> Builder type(Class<R> type, List<String> profiles, Consumer<TypeDeclaration<R>> parameters) {
            TypeDeclaration<R> declaration = new TypeDeclaration<>();
            parameters.accept(declaration);
            types.put(type.getSimpleName(), new DeclaredType(List.copyOf(profiles), declaration.parameters));
            return this;
        }

        /** Searches of {@code resourceType} can be counted ({@link EhrAdapter#canCount}). */
        Builder countable(String resourceType) {
            countable.add(resourceType);
            return this;
        }

        /** Each read of {@code resourceType} takes {@code delay} (e.g. to exercise a request's time budget). */
        Builder readDelay(String resourceType, Duration delay) {
            if (!delay.isZero()) {
                readDelays.put(resourceType, delay);
            }
            return this;
        }

        /** Called with every search's matches before the page is answered: a hook for latency or failures. */
        Builder beforeSearchAnswers(Consumer<List<Resource>> hook) {
            beforeSearchAnswers = hook;
            return this;
        }

        /** The adapter; one built without {@link #type} serves nothing, as a disabled test provider's does. */
        InMemoryEhrAdapter build() {
            return new InMemoryEhrAdapter(this);
        }
    }
}
