package dev.fhirgateway.gateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the code, checked on every build (README, "Modules"): dependencies point one way between modules,
 * and the WAR's internal packages form a graph without cycles that reads top-down, from the servlet entry points
 * ({@code web}, {@code fhir}) through the features ({@code docref}, {@code paging}, {@code include},
 * {@code chain}, {@code search}, {@code security}, {@code http}, {@code metrics}) to the adapters ({@code adapter})
 * and the error answers they all share ({@code outcome}).
 */
@AnalyzeClasses(packages = "dev.fhirgateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String INTERNAL = "dev.fhirgateway.gateway.internal..";

    @ArchTest
    static final ArchRule internalPackagesHaveNoCycles = slices()
            .matching("dev.fhirgateway.gateway.internal.(*)..").should().beFreeOfCycles()
            .because("a cycle makes every package in it depend on all the others: it cannot be read, tested or"
                    + " moved on its own");

    @ArchTest
    static final ArchRule gatewayPackagesHaveNoCycles = slices()
            .matching("dev.fhirgateway.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule spiDependsOnHapiStructuresOnly = classes().that().resideInAPackage("dev.fhirgateway.spi..")
            // The compatibility kit is its own module, a test library (JUnit, the validator) adapter authors add
            // to their tests; the SPI itself must not depend on it.
            .and().resideOutsideOfPackage("dev.fhirgateway.spi.kit..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.fhirgateway.spi..", "java..",
                    "org.hl7.fhir..", "ca.uhn.fhir..")
            .because("adapter authors compile against the SPI alone (README: ehr-adapter-spi depends on HAPI R4"
                    + " structures only)");

    @ArchTest
    static final ArchRule spiKnowsNothingOfItsKit = noClasses().that().resideInAPackage("dev.fhirgateway.spi..")
            .and().resideOutsideOfPackage("dev.fhirgateway.spi.kit..")
            .should().dependOnClassesThat().resideInAPackage("dev.fhirgateway.spi.kit..")
            .because("the kit tests adapters against the SPI, never the other way round");

    @ArchTest
    static final ArchRule apiKnowsNothingOfTheGateway = noClasses().that().resideInAPackage("dev.fhirgateway.api..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.fhirgateway.gateway..", "dev.fhirgateway.spi..")
            .because("hosts configure the gateway through gateway-api without the WAR's classes");

    @ArchTest
    static final ArchRule internalStaysInside = noClasses().that().resideOutsideOfPackage("dev.fhirgateway.gateway..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL);

    @ArchTest
    static final ArchRule hostExtensionPointsLiveInTheApi = classes().that().areInterfaces()
            .and().haveSimpleNameEndingWith("Provider").and().areNotNestedClasses()
            .and().resideInAPackage("dev.fhirgateway.gateway..")
            .should().resideInAPackage("dev.fhirgateway.api..").allowEmptyShould(true)
            .because("hosts compile their extensions against gateway-api, never against the WAR's classes");

    @ArchTest
    static final ArchRule adaptersAreTheBottomLayer = classes()
            .that().resideInAPackage("dev.fhirgateway.gateway.internal.adapter..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(INTERNAL).or(resideInAnyPackage(
                    "dev.fhirgateway.gateway.internal.adapter..", "dev.fhirgateway.gateway.internal.outcome..")))
            .because("every feature calls the adapters; the adapters call back into no feature");

    @ArchTest
    static final ArchRule outcomesDependOnNothingInternal = classes()
            .that().resideInAPackage("dev.fhirgateway.gateway.internal.outcome..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(INTERNAL)
                    .or(resideInAPackage("dev.fhirgateway.gateway.internal.outcome..")))
            .because("every package answers errors with these OperationOutcomes");
}
