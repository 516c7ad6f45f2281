package dev.fhirgateway.gateway.internal.export;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ParameterUtil;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.SmartScope;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchParameterType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Reads an export kick-off request (Bulk Data Access 2.0.0) and plans the job: which types, which searches, under
 * which restrictions. Everything wrong with the request is found here, before a job exists: 400 for bad
 * parameters, 403 for a token that is not a system-level one or may not read a requested type.
 */
final class ExportKickoff {

    /** The {@code _outputFormat} values meaning NDJSON (the spec's and its abbreviations). */
    static final Set<String> NDJSON_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");
    private static final Set<String> KNOWN = Set.of("_outputFormat", "_type", "_since");
    /** Patients per search of a Group's members ({@code patient=a,b,...}). */
    static final int PATIENTS_PER_SEARCH = 50;

    private final AdapterRegistry registry;
    private final SearchCriteriaParser parser;
    private final AccessPolicy policy;

    ExportKickoff(AdapterRegistry registry, SearchCriteriaParser parser, AccessPolicy policy) {
        this.registry = registry;
        this.parser = parser;
        this.policy = policy;
    }

    /** What the request asked for, checked. */
    record Request(Optional<List<String>> types, Optional<String> since) {
    }

    /** @throws InvalidRequestException (400) for anything the server cannot honour */
    Request read(RequestDetails request) {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || Arrays.stream(prefer.split(",")).map(String::trim)
                .noneMatch(p -> p.equalsIgnoreCase("respond-async"))) {
            throw invalid("A bulk export needs the header 'Prefer: respond-async'.");
        }
        boolean lenient = prefer.toLowerCase(Locale.ROOT).contains("handling=lenient");
        Map<String, String[]> parameters = request.getParameters();
        List<String> unknown = parameters.keySet().stream().filter(p -> !KNOWN.contains(p)).sorted().toList();
        if (!unknown.isEmpty() && !lenient) {
            throw invalid("Parameters not supported by this server's export: " + unknown.stream()
                    .map(ExportKickoff::quote).collect(Collectors.joining(", ")) + ". Supported: _outputFormat, _type,"
                    + " _since.");
        }
        String[] format = parameters.get("_outputFormat");
        if (format != null && (format.length != 1 || !NDJSON_FORMATS.contains(format[0].trim()))) {
            throw invalid("_outputFormat must be application/fhir+ndjson (or application/ndjson, ndjson).");
        }
        Optional<List<String>> types = Optional.ofNullable(parameters.get("_type")).map(values -> {
            Set<String> all = new LinkedHashSet<>();
            for (String v : values) {
                for (String t : v.split(",")) {
                    if (!t.isBlank()) {
                        all.add(t.trim());
                    }
                }
            }
            return List.copyOf(all);
        });
        if (types.isPresent()) {
            List<String> unserved = types.get().stream().filter(t -> registry.route(t).isEmpty()).toList();
            if (unserved.size() > 0) {
                throw invalid("_type names " + unserved.size() + " resource types this server does not export."
                        + " Exported: " + registry.routes().stream().map(r -> r.support().resourceType()).sorted()
                        .collect(Collectors.joining(", ")) + ".");
            }
        }
        String[] since = parameters.get("_since");
        Optional<String> sinceValue = Optional.empty();
        if (since != null) {
            if (since.length != 1) {
                throw invalid("_since may be given once.");
            }
            String value = ParameterUtil.unescape(since[0].trim());
            try {
                InstantType instant = new InstantType(value);
                if (instant.getValue() == null || instant.getTimeZone() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (RuntimeException e) {
                throw invalid("_since must be a FHIR instant with a time zone, e.g. 2024-01-01T00:00:00Z.");
            }
            sinceValue = Optional.of(value);
        }
        return new Request(types, sinceValue);
    }

    /**
     * Checks the token: system level (no patient context, a {@code system/} scope), and for each type a
     * {@code system/} scope that permits searching it.
     *
     * @return the types of {@code candidates} the token may export
     * @throws ForbiddenOperationException (403) when it is not a system-level token or {@code requested} names a type
     *     it may not search
     */
    List<String> permittedTypes(AccessContext access, List<String> candidates, boolean requested) {
        if (access.patient().isPresent() || access.scopes().scopes().stream()
                .noneMatch(s -> s.level() == SmartScope.Level.SYSTEM)) {
            throw forbidden("Bulk export needs a system-level access token (SMART Backend Services, system/ scopes).");
        }
        List<String> permitted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String type : candidates) {
            boolean allowed = access.scopes().scopes().stream().anyMatch(s -> s.level() == SmartScope.Level.SYSTEM
                    && s.permits(Permission.SEARCH, type));
            (allowed ? permitted : refused).add(type);
        }
        if (requested && !refused.isEmpty()) {
            throw forbidden("The access token's scopes do not permit exporting " + String.join(", ", refused) + ".");
        }
        if (permitted.isEmpty()) {
            throw forbidden("The access token's scopes permit exporting none of the resource types served.");
        }
        return permitted;
    }

    /** {@code Patient/$export}: every resource of each type of the practice, under the token's restrictions. */
    ExportPlan planPractice(AccessContext access, Request request) {
        List<String> candidates = request.types().orElseGet(() -> registry.routes().stream()
                .map(r -> r.support().resourceType()).sorted().toList());
        List<String> types = permittedTypes(access, candidates, request.types().isPresent());
        List<String> warnings = new ArrayList<>();
        List<ExportPlan.TypeExport> exports = new ArrayList<>();
        for (String type : types) {
            AdapterRegistry.Route route = registry.route(type).orElseThrow();
            List<SearchCriterion> base = baseCriteria(access, route.support(), request, warnings);
            exports.add(new ExportPlan.TypeExport(route, List.of(base)));
        }
        return new ExportPlan(exports, warnings);
    }

    /**
     * {@code Group/[id]/$export}: the members' Patients ({@code _id}) and every type searchable by {@code patient},
     * a search per {@value #PATIENTS_PER_SEARCH} members.
     */
    ExportPlan planGroup(AccessContext access, Request request, List<String> memberIds) {
        List<String> groupTypes = registry.routes().stream().map(AdapterRegistry.Route::support)
                .filter(s -> s.resourceType().equals("Patient") ? s.searchParameter("_id").isPresent()
                        : isReference(s.searchParameter("patient")))
                .map(ResourceSupport::resourceType).sorted().toList();
        if (request.types().isPresent()) {
            List<String> outside = request.types().get().stream().filter(t -> !groupTypes.contains(t)).toList();
            if (!outside.isEmpty()) {
                throw invalid("_type names resource types this server cannot export for a group's patients (they are"
                        + " not searchable by patient): " + String.join(", ", outside) + ".");
            }
        }
        List<String> types = permittedTypes(access, request.types().orElse(groupTypes), request.types().isPresent());
        List<String> warnings = new ArrayList<>();
        List<ExportPlan.TypeExport> exports = new ArrayList<>();
        for (String type : types) {
            AdapterRegistry.Route route = registry.route(type).orElseThrow();
            List<SearchCriterion> base = baseCriteria(access, route.support(), request, warnings);
            List<List<SearchCriterion>> searches = new ArrayList<>();
            for (int from = 0; from < memberIds.size(); from += PATIENTS_PER_SEARCH) {
                List<String> chunk = memberIds.subList(from, Math.min(memberIds.size(), from + PATIENTS_PER_SEARCH));
                boolean patient = type.equals("Patient");
                String value = chunk.stream().map(id -> patient ? id : "Patient/" + id).collect(Collectors.joining(","));
                List<SearchCriterion> criteria = new ArrayList<>(parse(route.support(), patient ? "_id" : "patient",
                        value));
                criteria.addAll(base);
                searches.add(criteria);
            }
            exports.add(new ExportPlan.TypeExport(route, searches));
        }
        return new ExportPlan(exports, warnings);
    }

    /** The token's restrictions on the type, and {@code _since} where the type can apply it. */
    private List<SearchCriterion> baseCriteria(AccessContext access, ResourceSupport support, Request request,
            List<String> warnings) {
        List<SearchCriterion> criteria = new ArrayList<>(policy.narrowing(access, Permission.SEARCH, support));
        request.since().ifPresent(since -> {
            if (support.searchParameter(SearchParameterSupport.LAST_UPDATED).isPresent()) {
                criteria.addAll(parse(support, SearchParameterSupport.LAST_UPDATED, "gt" + since));
            } else {
                warnings.add(support.resourceType() + " resources do not record when they last changed in this"
                        + " server: all of them were exported, _since was not applied to them.");
            }
        });
        return criteria;
    }

    private List<SearchCriterion> parse(ResourceSupport support, String parameter, String value) {
        return parser.parse(support, Map.of(parameter, new String[] {value}), false).criteria();
    }

    private static boolean isReference(Optional<SearchParameterSupport> p) {
        return p.filter(x -> x.type() == SearchParameterType.REFERENCE).isPresent();
    }

    private static String quote(String name) {
        // Parameter names are the client's text: show at most a short, harmless form.
        String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return "'" + shown.replaceAll("[^A-Za-z0-9_:.\\-]", "?") + "'";
    }

    static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, OperationOutcomes.error(IssueType.INVALID, message));
    }

    static ForbiddenOperationException forbidden(String message) {
        return new ForbiddenOperationException(message, OperationOutcomes.error(IssueType.FORBIDDEN, message));
    }
}
