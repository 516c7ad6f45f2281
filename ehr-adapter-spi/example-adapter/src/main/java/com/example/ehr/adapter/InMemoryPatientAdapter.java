package com.example.ehr.adapter;

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
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The smallest useful adapter: US Core Patients held in memory, per practice. Replace the map with queries to
 * your EHR; keep the rules: only the calling practice's data, a stable order, a cursor that continues where the
 * page ended, {@link AdapterException} for what cannot be answered.
 */
public final class InMemoryPatientAdapter implements EhrAdapter {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";

    /** US Core's SHALL parameters for Patient, plus the two its SHALL combinations need. */
    private static final List<SearchParameterSupport> PARAMETERS = List.of(
            SearchParameterSupport.token("_id"),
            SearchParameterSupport.token("identifier"),
            SearchParameterSupport.string("name"),
            SearchParameterSupport.token("gender"),
            SearchParameterSupport.date("birthdate"));

    private final Map<String, List<Patient>> patientsByPractice;

    /** @param patientsByPractice each practice's Patients, in the order searches return them */
    public InMemoryPatientAdapter(Map<String, List<Patient>> patientsByPractice) {
        this.patientsByPractice = Map.copyOf(patientsByPractice);
    }

    @Override
    public List<ResourceSupport> supportedResources() {
        return List.of(new ResourceSupport("Patient", List.of(PROFILE), PARAMETERS));
    }

    @Override
    public Optional<Resource> read(CallContext context, String resourceType, String id) {
        requireTimeLeft(context);
        return patients(context).stream()
                .filter(p -> p.getIdElement().getIdPart().equals(id))
                .<Resource>map(Patient::copy)
                .findFirst();
    }

    @Override
    public SearchPage search(CallContext context, SearchRequest request) {
        requireTimeLeft(context);
        List<Patient> matches = patients(context).stream()
                .filter(p -> request.criteria().stream().allMatch(c -> matches(p, c)))
                .toList();
        int from = request.cursorIfAny().map(cursor -> parseCursor(cursor, matches.size())).orElse(0);
        int to = Math.min(matches.size(), from + request.pageSize());
        List<Resource> page = matches.subList(from, to).stream().<Resource>map(Patient::copy).toList();
        return new SearchPage(page, to < matches.size() ? Integer.toString(to) : null);
    }

    private List<Patient> patients(CallContext context) {
        // The practice decides whose data is visible: never look anything up without it.
        return patientsByPractice.getOrDefault(context.practice(), List.of());
    }

    /** The cursor is the position of the next page; anything else is a cursor this adapter never issued. */
    private static int parseCursor(String cursor, int size) {
        try {
            int position = Integer.parseInt(cursor);
            if (position >= 0 && position <= size) {
                return position;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw AdapterException.invalidCursor("this cursor was not issued by the example adapter");
    }

    /** One criterion: any of its values matches (OR). */
    private static boolean matches(Patient p, SearchCriterion criterion) {
        return criterion.anyOf().stream().anyMatch(value -> matches(p, criterion.parameter(), value));
    }

    private static boolean matches(Patient p, String parameter, SearchValue value) {
        switch (parameter) {
            case "_id":
                return token(value).matches(null, p.getIdElement().getIdPart());
            case "identifier":
                return p.getIdentifier().stream().anyMatch(i -> token(value).matches(i.getSystem(), i.getValue()));
            case "gender":
                return p.hasGender() && token(value).matches(p.getGender().getSystem(), p.getGender().toCode());
            case "name":
                SearchValue.Text text = cast(value, SearchValue.Text.class, parameter);
                return p.getName().stream().flatMap(InMemoryPatientAdapter::nameParts).anyMatch(text::matches);
            case "birthdate":
                SearchValue.Date date = cast(value, SearchValue.Date.class, parameter);
                return p.hasBirthDate()
                        && date.matches(LocalDate.parse(p.getBirthDateElement().getValueAsString()), ZoneOffset.UTC);
            default:
                throw AdapterException.unsupportedSearch("Patient has no search parameter '" + parameter + "' here");
        }
    }

    /** The parts of a name a {@code name} search looks at (FHIR: family, given, prefix, suffix, text). */
    private static Stream<String> nameParts(HumanName name) {
        return Stream.of(Stream.ofNullable(name.getFamily()), Stream.ofNullable(name.getText()),
                        name.getGiven().stream().map(StringType::getValue),
                        name.getPrefix().stream().map(StringType::getValue),
                        name.getSuffix().stream().map(StringType::getValue))
                .flatMap(s -> s);
    }

    private static SearchValue.Token token(SearchValue value) {
        return cast(value, SearchValue.Token.class, "token");
    }

    private static <T extends SearchValue> T cast(SearchValue value, Class<T> type, String parameter) {
        if (!type.isInstance(value)) {
            throw AdapterException.unsupportedSearch("'" + parameter + "' takes a " + type.getSimpleName() + " value");
        }
        return type.cast(value);
    }

    /** Real EHR calls should pass the remaining time on (as a query timeout); here it is only checked. */
    private static void requireTimeLeft(CallContext context) {
        if (!Instant.now().isBefore(context.deadline())) {
            throw AdapterException.timeout("the call's deadline has passed", null);
        }
    }
}
