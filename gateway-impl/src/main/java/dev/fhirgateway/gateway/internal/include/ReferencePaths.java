package dev.fhirgateway.gateway.internal.include;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPath.IParsedExpression;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Finds the references a resource holds at a search parameter's FHIRPath expression ({@code _include}).
 *
 * <p>One FHIRPath engine for the whole process, and each expression parsed once. The engine is HAPI's R4
 * engine, but built over {@link ModelTypeDefinitions} instead of R4's StructureDefinitions: by default HAPI's
 * engine loads all 649 of them (tens of megabytes) when it is created, and an engine per request made concurrent
 * first requests load several copies at once. Reference parameter expressions (navigation, {@code as},
 * {@code where(resolve() is X)}, unions) only need type names and their bases; {@code ReferencePathsTest} checks
 * that every R4 reference parameter expression gives the same references as the fully loaded engine.
 *
 * <p>Thread safe: the engine keeps no per-evaluation state (HAPI's JPA server shares one the same way), and
 * {@code resolve()} answers an empty resource of the referenced type instead of fetching anything.
 */
public final class ReferencePaths {

    private static final Set<String> RESOURCE_TYPES = resourceTypes();

    private final IFhirPath engine;
    private final ConcurrentMap<String, IParsedExpression> parsed = new ConcurrentHashMap<>();

    /** @param model the gateway's FHIR context, whose model classes answer the engine's questions about types */
    public ReferencePaths(FhirContext model) {
        // The engine takes its definitions from its context's validation support: a context of its own carries
        // the model-only one, whatever the gateway's context would load.
        FhirContext engineContext = FhirContext.forR4();
        engineContext.setValidationSupport(new ModelTypeDefinitions(model));
        this.engine = engineContext.newFhirPath();
        engine.setEvaluationContext(new IFhirPathEvaluationContext() {
            @Override
            public IBase resolveReference(IIdType reference, IBase unused) {
                // "resolve() is Patient" only needs the referenced type, which the reference itself names.
                if (!reference.hasResourceType() || !RESOURCE_TYPES.contains(reference.getResourceType())) {
                    return null;
                }
                IBaseResource placeholder = model.getResourceDefinition(reference.getResourceType()).newInstance();
                placeholder.setId(reference);
                return placeholder;
            }
        });
    }

    /** Parses the expressions now, so that no request pays for it. */
    public void prepare(Collection<String> expressions) {
        expressions.forEach(this::expression);
    }

    /** The {@link Reference} values of {@code resource} at {@code expression} (other values are skipped). */
    public List<Reference> references(IBaseResource resource, String expression) {
        List<Reference> out = new ArrayList<>();
        for (IBase value : engine.evaluate(resource, expression(expression), IBase.class)) {
            if (value instanceof Reference reference) {
                out.add(reference);
            }
        }
        return out;
    }

    /** How many expressions are parsed (for tests and the startup log). */
    public int preparedCount() {
        return parsed.size();
    }

    private IParsedExpression expression(String text) {
        return parsed.computeIfAbsent(text, t -> {
            try {
                return engine.parse(t);
            } catch (Exception e) {
                throw new IllegalArgumentException("unparsable FHIRPath expression: " + t, e);
            }
        });
    }

    private static Set<String> resourceTypes() {
        return Arrays.stream(ResourceType.values()).map(ResourceType::name).collect(Collectors.toUnmodifiableSet());
    }
}
