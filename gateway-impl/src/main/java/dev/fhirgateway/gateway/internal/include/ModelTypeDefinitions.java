package dev.fhirgateway.gateway.internal.include;

import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition.ChildTypeEnum;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.model.api.annotation.DatatypeDef;
import ca.uhn.fhir.model.api.annotation.ResourceDef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

/**
 * What HAPI's FHIRPath engine asks of FHIR's type definitions to evaluate {@code is}, {@code as} and
 * {@code ofType}: whether a type name exists and what its base type is. Answered from HAPI's R4 model classes,
 * one small StructureDefinition (no elements) per type asked for, instead of loading R4's full definitions.
 * It lists no definitions, so the engine's constructor loads none.
 */
final class ModelTypeDefinitions implements IValidationSupport {

    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";

    private final FhirContext context;
    private final ConcurrentMap<String, Optional<StructureDefinition>> byUrl = new ConcurrentHashMap<>();

    ModelTypeDefinitions(FhirContext context) {
        this.context = context;
    }

    @Override
    public FhirContext getFhirContext() {
        return context;
    }

    @Override
    public String getName() {
        return "gateway-model-type-definitions";
    }

    @Override
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        return List.of();
    }

    @Override
    public <T extends IBaseResource> List<T> fetchAllNonBaseStructureDefinitions() {
        return List.of();
    }

    @Override
    public List<IBaseResource> fetchAllConformanceResources() {
        return List.of();
    }

    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        if (url == null || !url.startsWith(CORE)) {
            return null;
        }
        return byUrl.computeIfAbsent(url, u -> definition(u.substring(CORE.length()))).orElse(null);
    }

    private Optional<StructureDefinition> definition(String name) {
        if (context.getResourceTypes().contains(name)) {
            RuntimeResourceDefinition resource = context.getResourceDefinition(name);
            return Optional.of(stub(name, StructureDefinitionKind.RESOURCE,
                    baseName(resource.getImplementingClass()).orElse(null)));
        }
        if (name.equals("Resource") || name.equals("DomainResource")) {
            return Optional.of(stub(name, StructureDefinitionKind.RESOURCE, name.equals("Resource") ? null : "Resource"));
        }
        if (name.equals("Element") || name.equals("BackboneElement")) {
            return Optional.of(stub(name, StructureDefinitionKind.COMPLEXTYPE, name.equals("Element") ? null : "Element"));
        }
        BaseRuntimeElementDefinition<?> element = context.getElementDefinition(name);
        if (element == null || !element.getName().equals(name)) {
            return Optional.empty();
        }
        boolean primitive = element.getChildType() == ChildTypeEnum.PRIMITIVE_DATATYPE;
        return Optional.of(stub(name, primitive ? StructureDefinitionKind.PRIMITIVETYPE
                : StructureDefinitionKind.COMPLEXTYPE, baseName(element.getImplementingClass()).orElse("Element")));
    }

    /**
     * The FHIR name of the nearest superclass that is a FHIR type ({@code Age} -> {@code Quantity}); helper
     * classes of HAPI's model ({@code BaseReference}, {@code MetadataResource}) are skipped.
     */
    private static Optional<String> baseName(Class<?> type) {
        for (Class<?> c = type.getSuperclass(); c != null && IBase.class.isAssignableFrom(c); c = c.getSuperclass()) {
            String simple = c.getSimpleName();
            if (simple.equals("DomainResource") || simple.equals("Resource") || simple.equals("Element")
                    || simple.equals("BackboneElement")) {
                return Optional.of(simple);
            }
            DatatypeDef datatype = c.getAnnotation(DatatypeDef.class);
            if (datatype != null) {
                return Optional.of(datatype.name());
            }
            ResourceDef resource = c.getAnnotation(ResourceDef.class);
            if (resource != null) {
                return Optional.of(resource.name());
            }
        }
        return Optional.empty();
    }

    private static StructureDefinition stub(String name, StructureDefinitionKind kind, String base) {
        StructureDefinition sd = new StructureDefinition();
        sd.setUrl(CORE + name).setName(name).setType(name).setKind(kind).setFhirVersion(FHIRVersion._4_0_1)
                .setDerivation(TypeDerivationRule.SPECIALIZATION).setAbstract(false);
        if (base != null) {
            sd.setBaseDefinition(CORE + base);
        }
        return sd;
    }
}
