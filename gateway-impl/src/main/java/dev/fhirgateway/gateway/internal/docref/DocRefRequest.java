package dev.fhirgateway.gateway.internal.docref;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.QualifiedParamList;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ParameterUtil;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.search.SearchControlParameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Parameters;

/**
 * The input parameters of one {@code DocumentReference/$docref} call, read from the URL (GET, or POST with a form
 * body) or from a {@code Parameters} body (POST), and checked against the OperationDefinition: {@code patient}
 * required and single, {@code start}/{@code end}/{@code on-demand} single, {@code type} and {@code profile} repeatable.
 * Unknown parameters are 400 naming them, or ignored under {@code Prefer: handling=lenient}, as for searches.
 *
 * <p>Values stay strings in the form a search takes ({@code type} as {@code system|code}); dates are checked by
 * the search parser when they become criteria. Messages never echo values.
 *
 * @param patient the patient's id
 * @param start the start of the care date range, as given
 * @param end the end of the care date range, as given
 * @param types the document types, each {@code system|code} or {@code code}, escaped as in a search
 * @param onDemand whether only on-demand documents were asked for
 * @param profiles the requested profiles' canonical URLs
 * @param count the {@code _count} given, if any
 */
record DocRefRequest(String patient, Optional<String> start, Optional<String> end, List<String> types, boolean onDemand,
        List<String> profiles, Optional<String> count) {

    static final String PATIENT = "patient";
    static final String START = "start";
    static final String END = "end";
    static final String TYPE = "type";
    static final String ON_DEMAND = "on-demand";
    static final String PROFILE = "profile";

    private static final Set<String> KNOWN = Set.of(PATIENT, START, END, TYPE, ON_DEMAND, PROFILE);
    private static final Set<String> SINGLE = Set.of(PATIENT, START, END, ON_DEMAND);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    DocRefRequest {
        types = List.copyOf(types);
        profiles = List.copyOf(profiles);
    }

    /** Whether a care date range was given: without one, the operation answers the current documents. */
    boolean hasDateRange() {
        return start.isPresent() || end.isPresent();
    }

    /**
     * @throws InvalidRequestException (400) listing every problem with the parameters
     * @throws UnclassifiedServerFailureException (415) for a POST body that is neither JSON nor XML
     */
    static DocRefRequest read(RequestDetails request, FhirContext fhir, boolean lenient) {
        Map<String, List<String>> given = new TreeMap<>();
        request.getParameters().forEach((name, values) -> given.computeIfAbsent(name, k -> new ArrayList<>())
                .addAll(List.of(values)));
        List<String> problems = new ArrayList<>();
        if (request.getRequestType() == RequestTypeEnum.POST && !isForm(request.getHeader("Content-Type"))) {
            readBody(request, fhir, given, problems);
        }
        given.values().forEach(values -> values.removeIf(v -> v == null || v.isEmpty()));
        given.values().removeIf(List::isEmpty);

        for (String name : given.keySet()) {
            if (!KNOWN.contains(name) && !SearchControlParameter.isAppliedByHapi(name) && !lenient) {
                problems.add("Unknown parameter '" + name + "' for $docref. Supported: end, on-demand, patient,"
                        + " profile, start, type");
            } else if (SINGLE.contains(name) && given.get(name).size() > 1) {
                problems.add("Parameter '" + name + "' may be given once");
            }
        }
        String patient = single(given, PATIENT);
        if (patient == null) {
            problems.add("Parameter 'patient' is required: the id of the patient whose documents are wanted");
        } else {
            patient = patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
            if (!ID.matcher(patient).matches()) {
                problems.add("Parameter 'patient' must be a Patient id (1 to 64 letters, digits, '-' or '.')");
            }
        }
        for (String name : List.of(START, END)) {
            String value = single(given, name);
            // A dateTime, not a search value: a comparison prefix has no place here.
            if (value != null && !Character.isDigit(value.charAt(0))) {
                problems.add("Parameter '" + name + "' must be a date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD or"
                        + " YYYY-MM-DDThh:mm:ss+zz:zz)");
            }
        }
        String onDemand = single(given, ON_DEMAND);
        if (onDemand != null && !onDemand.equals("true") && !onDemand.equals("false")) {
            problems.add("Parameter 'on-demand' must be true or false");
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        List<String> types = new ArrayList<>();
        for (String value : given.getOrDefault(TYPE, List.of())) {
            QualifiedParamList.splitQueryStringByCommasIgnoreEscape(null, value).stream()
                    .filter(t -> t != null && !t.isEmpty()).forEach(types::add);
        }
        return new DocRefRequest(patient, Optional.ofNullable(single(given, START)), Optional.ofNullable(single(given, END)),
                types, "true".equals(onDemand), given.getOrDefault(PROFILE, List.of()),
                Optional.ofNullable(single(given, "_count")));
    }

    private static String single(Map<String, List<String>> given, String name) {
        List<String> values = given.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    /** Adds the parameters of a {@code Parameters} body: primitives as their string, codings as {@code system|code}. */
    private static void readBody(RequestDetails request, FhirContext fhir, Map<String, List<String>> given,
            List<String> problems) {
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return;
        }
        String contentType = request.getHeader("Content-Type");
        EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
        if (encoding != EncodingEnum.JSON && encoding != EncodingEnum.XML) {
            String message = "The body of a $docref POST must be a Parameters resource in JSON or XML"
                    + " (Content-Type application/fhir+json or application/fhir+xml).";
            throw new UnclassifiedServerFailureException(415, message,
                    OperationOutcomes.error(IssueType.NOTSUPPORTED, message));
        }
        IBaseResource parsed;
        try {
            IParser parser = encoding == EncodingEnum.JSON ? fhir.newJsonParser() : fhir.newXmlParser();
            parsed = parser.parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw invalid(List.of("The body is not a valid Parameters resource"));
        }
        if (!(parsed instanceof Parameters parameters)) {
            throw invalid(List.of("The body must be a Parameters resource, not a " + parsed.fhirType()));
        }
        for (ParametersParameterComponent p : parameters.getParameter()) {
            String name = p.getName();
            if (name == null || name.isEmpty()) {
                problems.add("Every parameter of the body needs a name");
            } else if (p.getValue() instanceof Coding coding && coding.hasCode()) {
                String system = coding.hasSystem() ? ParameterUtil.escape(coding.getSystem()) + "|" : "";
                given.computeIfAbsent(name, k -> new ArrayList<>()).add(system + ParameterUtil.escape(coding.getCode()));
            } else if (p.getValue() instanceof IPrimitiveType<?> primitive && primitive.hasValue()) {
                // A type given as a string (not the Coding the definition asks for) is read like the URL form.
                given.computeIfAbsent(name, k -> new ArrayList<>()).add(primitive.getValueAsString());
            } else {
                problems.add("Parameter '" + name + "' must have a value of a primitive type or a Coding");
            }
        }
    }

    private static InvalidRequestException invalid(List<String> problems) {
        OperationOutcome oo = dev.fhirgateway.gateway.internal.outcome.OperationOutcomes.newOutcome();
        for (String p : problems) {
            oo.addIssue().setSeverity(IssueSeverity.ERROR)
                    .setCode(p.startsWith("Unknown") ? IssueType.NOTSUPPORTED : p.contains("required")
                            ? IssueType.REQUIRED : IssueType.INVALID)
                    .setDiagnostics(p);
        }
        return new InvalidRequestException(String.join("; ", problems), oo);
    }
}
