package dev.fhirgateway.spi.kit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Turns "code not in value set" into a warning for value sets the kit cannot expand because they include value
 * sets no loaded package defines. US Core 6.1.0 builds several required bindings (e.g. Birth Sex) from VSAC value
 * sets ({@code http://cts.nlm.nih.gov/fhir/ValueSet/...}) that are not distributed as FHIR packages; without this,
 * every valid code bound to them would be an error. The code is then not checked, and the validator says so.
 *
 * <p>Sits in the {@code ValidationSupportChain} before the in-memory terminology service, like HAPI's own
 * {@code UnknownCodeSystemWarningValidationSupport} does for unknown code systems.
 */
final class UnresolvableValueSetWarningSupport extends BaseValidationSupport {

    UnresolvableValueSetWarningSupport(FhirContext context) {
        super(context);
    }

    @Override
    public String getName() {
        return "compatibility-kit: value sets including unavailable value sets";
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
        return missingInclude(context, context.getRootValidationSupport().fetchValueSet(valueSetUrl)).isPresent();
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
            String codeSystem, String code, String display, String valueSetUrl) {
        if (valueSetUrl == null) {
            return null;
        }
        IBaseResource valueSet = context.getRootValidationSupport().fetchValueSet(valueSetUrl);
        return validateCodeInValueSet(context, options, codeSystem, code, display, valueSet);
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
            String codeSystem, String code, String display, IBaseResource valueSet) {
        return missingInclude(context, valueSet).map(missing -> new CodeValidationResult()
                .setCode(code)
                .setSeverity(IValidationSupport.IssueSeverity.WARNING)
                .setMessage("Code '" + code + "' was not checked against " + ((ValueSet) valueSet).getUrl()
                        + ": it includes " + missing + ", which no loaded package defines"))
                .orElse(null);
    }

    /** The first value set the given one includes that the chain cannot fetch. */
    private static Optional<String> missingInclude(ValidationSupportContext context, IBaseResource resource) {
        if (!(resource instanceof ValueSet valueSet)) {
            return Optional.empty();
        }
        return valueSet.getCompose().getInclude().stream()
                .flatMap(include -> include.getValueSet().stream())
                .map(CanonicalType::getValue)
                .filter(url -> context.getRootValidationSupport().fetchValueSet(url) == null)
                .findFirst();
    }
}
