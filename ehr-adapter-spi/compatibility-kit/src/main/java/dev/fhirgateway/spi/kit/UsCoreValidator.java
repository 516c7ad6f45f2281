package dev.fhirgateway.spi.kit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Validates resources against US Core 6.1.0 with HAPI's instance validator. The US Core package comes from the
 * standard FHIR package cache ({@code ~/.fhir/packages/hl7.fhir.us.core#6.1.0}, or the folder named by the
 * system property {@value #CACHE_PROPERTY}); without it the kit fails and says how to seed it.
 *
 * <p>US Core depends on packages the kit does not load (HL7 terminology, VSAC value sets, extensions). Codes of
 * code systems the validator does not know are therefore warnings, not errors
 * ({@link UnknownCodeSystemWarningValidationSupport}), and so are codes bound to value sets that include value
 * sets no loaded package defines ({@link UnresolvableValueSetWarningSupport}); everything else the validator
 * reports as an error counts.
 */
final class UsCoreValidator {

    static final String CACHE_PROPERTY = "fhirgateway.kit.fhir-package-cache";
    static final String PACKAGE_FOLDER = "hl7.fhir.us.core#6.1.0";

    private static UsCoreValidator instance;

    private final FhirValidator validator;

    private UsCoreValidator(FhirValidator validator) {
        this.validator = validator;
    }

    /** The shared validator, loading the package on first use (a few seconds). */
    static synchronized UsCoreValidator get() {
        if (instance == null) {
            instance = new UsCoreValidator(create());
        }
        return instance;
    }

    /** The folder the US Core package is read from. */
    static Path packageFolder() {
        String cache = System.getProperty(CACHE_PROPERTY);
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".fhir", "packages");
        return root.resolve(PACKAGE_FOLDER);
    }

    /** The validator's error and fatal messages for the resource (warnings and information left out). */
    List<SingleValidationMessage> errors(Resource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    private static FhirValidator create() {
        FhirContext context = FhirContext.forR4Cached();
        NpmPackageValidationSupport usCore = new NpmPackageValidationSupport(context);
        loadPackage(usCore, context);

        UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(context);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(
                ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                usCore,
                new CommonCodeSystemsTerminologyService(context),
                // Before the in-memory terminology service: it answers for the code systems no loaded package
                // defines (HL7 terminology, CDC race and ethnicity), which the in-memory one would call errors.
                unknownCodeSystems,
                new UnresolvableValueSetWarningSupport(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        FhirValidator validator = context.newValidator();
        validator.registerValidatorModule(instanceValidator);
        return validator;
    }

    /** Adds every conformance resource of the cached package; fails, saying how to fix it, when it is missing. */
    private static void loadPackage(NpmPackageValidationSupport support, FhirContext context) {
        Path folder = packageFolder().resolve("package");
        if (!Files.isRegularFile(folder.resolve("package.json"))) {
            throw new AssertionError("The US Core 6.1.0 package is not in the FHIR package cache: "
                    + folder.resolve("package.json") + " does not exist. The kit validates every resource against it."
                    + " Seed the cache once with: mkdir -p ~/.fhir/packages/" + PACKAGE_FOLDER
                    + " && tar -xzf us_core_610.tgz -C ~/.fhir/packages/" + PACKAGE_FOLDER
                    + " (the package hl7.fhir.us.core 6.1.0; this repository has it in shared/us-core/us_core_610.tgz),"
                    + " or point -D" + CACHE_PROPERTY + " at another package cache.");
        }
        IParser parser = context.newJsonParser();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("package.json") || name.startsWith(".")) {
                    continue;
                }
                try {
                    IBaseResource resource = parser.parseResource(Files.readString(file, StandardCharsets.UTF_8));
                    support.addResource(resource);
                } catch (DataFormatException e) {
                    // Not a FHIR resource (an index or example file of another format): nothing to validate with.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the US Core package in " + folder, e);
        }
    }
}
