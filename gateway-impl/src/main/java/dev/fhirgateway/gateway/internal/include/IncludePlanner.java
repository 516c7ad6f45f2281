package dev.fhirgateway.gateway.internal.include;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchParameterType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Decides which {@code _include} / {@code _revinclude} values of a search the gateway can answer, and lists
 * them for the CapabilityStatement. A revinclude is supported when the type holding the reference is served and
 * its adapter declares the parameter as a reference parameter (the gateway searches it), FHIR R4 defines that
 * parameter (HAPI's built-in definitions give its FHIRPath expression and target types), and a referenced type
 * is served. An include needs no search, only reads, so US Core's includes ({@code MedicationRequest:medication},
 * {@code CareTeam:participant:*}...) work whether or not the adapter searches by them; other includes need the
 * declared parameter, which keeps what can be followed to what the adapter author chose to expose. The adapters are only ever asked to read and search, so the SPI needs
 * nothing more. Of the supported revincludes, the CapabilityStatement advertises US Core's
 * ({@link #advertisedRevIncludes}); of the includes, the declared reference parameters and US Core's.
 *
 * <p>Strict like the search parameters: an unsupported include (or {@code :iterate}, {@code *}) fails the
 * search with 400 naming it; with {@code Prefer: handling=lenient} it is ignored.
 */
@Singleton
public final class IncludePlanner {

    /** The revincludes US Core 6.1.0's server CapabilityStatement lists (on 19 types; the only one it has). */
    public static final Set<String> US_CORE_REVINCLUDES = Set.of("Provenance:target");

    /** The includes US Core 6.1.0's server CapabilityStatement lists (SHOULD), advertised when supported. */
    public static final Set<String> US_CORE_INCLUDES = Set.of("MedicationRequest:medication",
            "MedicationDispense:medication", "PractitionerRole:endpoint", "PractitionerRole:practitioner",
            "CareTeam:participant:PractitionerRole", "CareTeam:participant:Practitioner",
            "CareTeam:participant:Patient", "CareTeam:participant:RelatedPerson");

    static final String INCLUDE = "_include";
    static final String REVINCLUDE = "_revinclude";

    private final AdapterRegistry registry;
    private final FhirContext fhir;

    @Inject
    public IncludePlanner(AdapterRegistry registry, FhirContext fhir) {
        this.registry = registry;
        this.fhir = fhir;
    }

    /**
     * @param searched what the adapter declared for the searched type
     * @param parameters the request's parameters (other parameters are ignored)
     * @param lenient whether unsupported includes are ignored rather than refused
     * @throws InvalidRequestException naming every unsupported include
     */
    public IncludePlan plan(ResourceSupport searched, Map<String, String[]> parameters, boolean lenient) {
        List<IncludeSpec> includes = new ArrayList<>();
        List<IncludeSpec> revincludes = new ArrayList<>();
        SortedMap<String, List<String>> applied = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> e : new TreeMap<>(parameters).entrySet()) {
            String name = e.getKey();
            boolean include = name.equals(INCLUDE) || name.startsWith(INCLUDE + ":");
            boolean revinclude = name.equals(REVINCLUDE) || name.startsWith(REVINCLUDE + ":");
            if (!include && !revinclude) {
                continue;
            }
            for (String value : e.getValue()) {
                if (value == null || value.isEmpty()) {
                    continue;
                }
                Optional<IncludeSpec> spec = name.contains(":") ? Optional.empty()
                        : include ? include(searched.resourceType(), value)
                        : revinclude(searched.resourceType(), value);
                if (spec.isPresent()) {
                    (include ? includes : revincludes).add(spec.get());
                    applied.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    // The value is not quoted: answers never repeat what the client sent.
                    problems.add("A value of parameter '" + (name.startsWith(INCLUDE) ? INCLUDE : REVINCLUDE)
                            + "' is not supported by this server for "
                            + searched.resourceType() + (name.contains(":") ? " (':iterate' is not supported)" : "")
                            + ". Supported: " + String.join(", ", include ? supportedIncludes(searched.resourceType())
                                    : supportedRevIncludes(searched.resourceType())));
                }
            }
        }
        if (!problems.isEmpty() && !lenient) {
            OperationOutcome oo = dev.fhirgateway.gateway.internal.outcome.OperationOutcomes.newOutcome();
            problems.forEach(p -> oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.NOTSUPPORTED)
                    .setDiagnostics(p));
            throw new InvalidRequestException(String.join("; ", problems), oo);
        }
        return new IncludePlan(includes, revincludes, applied);
    }

    /** The {@code _include} values supported on searches of {@code type}, as the CapabilityStatement lists them. */
    public List<String> supportedIncludes(String type) {
        List<String> out = new ArrayList<>();
        for (String parameter : declaredReferenceParameters(type)) {
            include(type, type + ":" + parameter).ifPresent(spec -> {
                out.add(type + ":" + parameter);
                if (spec.targetTypes().size() > 1) {
                    spec.targetTypes().forEach(t -> out.add(type + ":" + parameter + ":" + t));
                }
            });
        }
        US_CORE_INCLUDES.stream().filter(i -> i.startsWith(type + ":")).sorted()
                .filter(i -> !out.contains(i) && include(type, i).isPresent()).forEach(out::add);
        return out;
    }

    /** The {@code _revinclude} values supported on searches of {@code type}, as the CapabilityStatement lists them. */
    public List<String> supportedRevIncludes(String type) {
        List<String> out = new ArrayList<>();
        registry.routes().stream().map(r -> r.support().resourceType()).sorted().forEach(source -> {
            for (String parameter : declaredReferenceParameters(source)) {
                revinclude(type, source + ":" + parameter).ifPresent(spec -> out.add(source + ":" + parameter));
            }
        });
        return out;
    }

    /**
     * The {@code _revinclude} values the CapabilityStatement advertises for {@code type}: the supported ones that
     * US Core 6.1.0 lists ({@link #US_CORE_REVINCLUDES}). The other supported revincludes are still answered, but
     * not advertised: they run from a shared resource to its many referrers ({@code Medication} to every
     * {@code MedicationRequest} of it, {@code Patient} to every {@code Observation}), which at real data sizes
     * exceeds the per-page include limit ({@link IncludeResolver#MAX_INCLUDED_PER_PAGE}) and fails with 400.
     */
    public List<String> advertisedRevIncludes(String type) {
        return supportedRevIncludes(type).stream().filter(US_CORE_REVINCLUDES::contains).toList();
    }

    /** The FHIRPath expressions of every {@code _include} the gateway follows, on any served type. */
    public Set<String> followableIncludePaths() {
        Set<String> out = new TreeSet<>();
        for (AdapterRegistry.Route route : registry.routes()) {
            String type = route.support().resourceType();
            supportedIncludes(type).forEach(value -> include(type, value).ifPresent(spec -> out.add(spec.path())));
        }
        return out;
    }

    /** {@code [searched]:[param]} or {@code [searched]:[param]:[target]}. */
    private Optional<IncludeSpec> include(String searched, String value) {
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !parts[0].equals(searched)) {
            return Optional.empty();
        }
        return spec(searched, parts[1], false).flatMap(spec -> {
            List<String> targets = parts.length == 3
                    ? spec.targetTypes().stream().filter(parts[2]::equals).toList()
                    : spec.targetTypes();
            return targets.isEmpty() ? Optional.empty()
                    : Optional.of(new IncludeSpec(spec.sourceType(), spec.parameter(), targets, spec.path()));
        });
    }

    /** {@code [source]:[param]} or {@code [source]:[param]:[searched]}, where the parameter may refer to the searched type. */
    private Optional<IncludeSpec> revinclude(String searched, String value) {
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals(searched))) {
            return Optional.empty();
        }
        return spec(parts[0], parts[1], true).filter(spec -> spec.targetTypes().contains(searched))
                .map(spec -> new IncludeSpec(spec.sourceType(), spec.parameter(), List.of(searched), spec.path()));
    }

    /**
     * The reference parameter {@code source.parameter} with its served target types, if the gateway can follow it;
     * {@code searched}: the gateway must search by it (a revinclude). The adapter must declare it, except for
     * US Core's includes, which only read.
     */
    private Optional<IncludeSpec> spec(String source, String parameter, boolean searched) {
        Optional<AdapterRegistry.Route> route = registry.route(source);
        boolean usCoreInclude = !searched && US_CORE_INCLUDES.stream()
                .anyMatch(i -> i.equals(source + ":" + parameter) || i.startsWith(source + ":" + parameter + ":"));
        if (route.isEmpty() || (!usCoreInclude && route.get().support().searchParameter(parameter)
                .filter(p -> p.type() == SearchParameterType.REFERENCE).isEmpty())) {
            return Optional.empty();
        }
        RuntimeResourceDefinition definition = fhir.getResourceDefinition(source);
        RuntimeSearchParam base = definition.getSearchParam(parameter);
        if (base == null || base.getParamType() != RestSearchParameterTypeEnum.REFERENCE || base.getPath() == null
                || base.getPath().isBlank()) {
            return Optional.empty();
        }
        // No declared targets (or "Resource") means any type may be referenced.
        boolean anyType = base.getTargets().isEmpty() || base.getTargets().contains("Resource");
        List<String> served = registry.routes().stream().map(r -> r.support().resourceType())
                .filter(t -> anyType || base.getTargets().contains(t)).sorted().toList();
        return served.isEmpty() ? Optional.empty() : Optional.of(new IncludeSpec(source, parameter, served, base.getPath()));
    }

    private List<String> declaredReferenceParameters(String type) {
        return registry.route(type).map(r -> r.support().searchParameters().stream()
                .filter(p -> p.type() == SearchParameterType.REFERENCE).map(SearchParameterSupport::name).sorted()
                .toList()).orElse(List.of());
    }
}
