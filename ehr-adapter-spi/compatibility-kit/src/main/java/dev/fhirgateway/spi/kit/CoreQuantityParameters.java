package dev.fhirgateway.spi.kit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.Optional;

/**
 * FHIR R4's own quantity search parameters (e.g. Observation {@code value-quantity}), from HAPI's model of the
 * core specification. US Core 6.1.0 defines no quantity parameter, so an adapter that declares one is checked
 * against the core definition; every other parameter is checked against US Core's ({@link UsCoreSearchParameters}).
 */
final class CoreQuantityParameters {

    private CoreQuantityParameters() {
    }

    /** The FHIRPath expression of the FHIR R4 quantity parameter; empty for any other parameter. */
    static Optional<String> expression(String resourceType, String parameter) {
        RuntimeResourceDefinition definition;
        try {
            definition = FhirContext.forR4Cached().getResourceDefinition(resourceType);
        } catch (DataFormatException e) {
            return Optional.empty(); // not a FHIR R4 resource type
        }
        RuntimeSearchParam param = definition.getSearchParam(parameter);
        if (param == null || param.getParamType() != RestSearchParameterTypeEnum.QUANTITY || param.getPath() == null
                || param.getPath().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(param.getPath());
    }
}
