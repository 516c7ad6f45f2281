package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseBackboneElement;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The ids of the patients a resource names in its references ({@code subject}, {@code patient}, {@code performer},
 * {@code participant.individual}...), for the audit line.
 *
 * <p>It reads only the elements that can hold a reference: those declared as one, on the resource or in its
 * backbone elements. Reading every element of every returned resource (a terser walk) cost about 7% of the CPU of a
 * search answering ten Observations; references inside data types and extensions are not read.
 */
final class PatientReferences {

    private static final Set<String> EXTENSIONS = Set.of("extension", "modifierExtension");

    private final FhirContext context;
    /** Per composite definition: its children that are references or backbone elements holding some. */
    private final Map<BaseRuntimeElementCompositeDefinition<?>, List<Step>> plans = new ConcurrentHashMap<>();

    /** A child to read; {@code backbone} is its definition when it is a backbone element. */
    private record Step(BaseRuntimeChildDefinition child, BaseRuntimeElementCompositeDefinition<?> backbone) {
    }

    PatientReferences(FhirContext context) {
        this.context = context;
    }

    /** Passes the id part of each reference to a Patient that {@code resource} holds to {@code into}. */
    void collect(IBaseResource resource, Consumer<String> into) {
        collect(resource, context.getResourceDefinition(resource), into);
    }

    private void collect(IBase element, BaseRuntimeElementCompositeDefinition<?> definition, Consumer<String> into) {
        for (Step step : plan(definition)) {
            for (IBase value : step.child().getAccessor().getValues(element)) {
                if (value instanceof IBaseReference reference) {
                    IIdType target = reference.getReferenceElement();
                    if ("Patient".equals(target.getResourceType()) && target.getIdPart() != null) {
                        into.accept(target.getIdPart());
                    }
                } else if (step.backbone() != null && value instanceof IBaseBackboneElement) {
                    collect(value, step.backbone(), into);
                }
            }
        }
    }

    private List<Step> plan(BaseRuntimeElementCompositeDefinition<?> definition) {
        return plans.computeIfAbsent(definition, d -> List.copyOf(planOf(d, new HashSet<>())));
    }

    private static List<Step> planOf(BaseRuntimeElementCompositeDefinition<?> definition,
            Set<BaseRuntimeElementCompositeDefinition<?>> visiting) {
        visiting.add(definition);
        List<Step> plan = new ArrayList<>();
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            if (EXTENSIONS.contains(child.getElementName())) {
                continue; // not read, see the class comment
            }
            for (String name : child.getValidChildNames()) {
                BaseRuntimeElementDefinition<?> type = child.getChildByName(name);
                if (type != null && holdsReferences(type, visiting)) {
                    plan.add(new Step(child, IBaseReference.class.isAssignableFrom(type.getImplementingClass())
                            ? null : (BaseRuntimeElementCompositeDefinition<?>) type));
                    break;
                }
            }
        }
        return plan;
    }

    private static boolean holdsReferences(BaseRuntimeElementDefinition<?> type,
            Set<BaseRuntimeElementCompositeDefinition<?>> visiting) {
        Class<?> implementation = type.getImplementingClass();
        if (IBaseReference.class.isAssignableFrom(implementation)) {
            return true;
        }
        if (!IBaseBackboneElement.class.isAssignableFrom(implementation)
                || !(type instanceof BaseRuntimeElementCompositeDefinition<?> backbone)) {
            return false;
        }
        // A backbone element that contains itself (Questionnaire.item.item) is read if any of its levels may hold one.
        return visiting.contains(backbone) || !planOf(backbone, visiting).isEmpty();
    }
}
