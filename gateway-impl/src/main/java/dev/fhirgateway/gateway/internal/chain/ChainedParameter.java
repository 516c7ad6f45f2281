package dev.fhirgateway.gateway.internal.chain;

import java.util.Optional;

/**
 * A chained search parameter as a client wrote it: {@code reference[:Type].parameter[:modifier]}, e.g.
 * {@code practitioner.identifier} or {@code practitioner:Practitioner.name:exact}. FHIR parameter codes never
 * contain a dot, so any name with one is a chain.
 *
 * @param name the parameter name as given
 * @param reference the reference parameter of the searched type ({@code practitioner})
 * @param targetType the type named by a {@code :Type} modifier on the reference, or null
 * @param targetParameter the parameter of the referenced type, with its modifier if any ({@code name:exact})
 */
record ChainedParameter(String name, String reference, String targetType, String targetParameter) {

    static Optional<ChainedParameter> parse(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String left = name.substring(0, dot);
        int colon = left.indexOf(':');
        String reference = colon < 0 ? left : left.substring(0, colon);
        String targetType = colon < 0 ? null : left.substring(colon + 1);
        return Optional.of(new ChainedParameter(name, reference, targetType, name.substring(dot + 1)));
    }

    /** The target parameter's name without its modifier. */
    String targetParameterName() {
        int colon = targetParameter.indexOf(':');
        return colon < 0 ? targetParameter : targetParameter.substring(0, colon);
    }
}
