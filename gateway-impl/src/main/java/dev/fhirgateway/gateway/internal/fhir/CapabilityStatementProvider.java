package dev.fhirgateway.gateway.internal.fhir;

import ca.uhn.fhir.rest.annotation.Metadata;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.chain.ChainResolver;
import dev.fhirgateway.gateway.internal.docref.DocRefOperationProvider;
import dev.fhirgateway.gateway.internal.export.BulkExportProvider;
import dev.fhirgateway.gateway.internal.include.IncludePlanner;
import dev.fhirgateway.gateway.internal.security.SmartConfiguration;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchParameterSupport;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * The server's CapabilityStatement, built from what the adapters declared rather than from HAPI's
 * annotations (the gateway's providers are generic): per type the US Core profiles, only read and
 * search-type, exactly the search parameters the adapter evaluates (with the chains the gateway resolves,
 * {@link ChainResolver}), the includes the gateway can follow with them and the revincludes of US Core
 * ({@link IncludePlanner}), and {@code $docref} where the adapter's DocumentReferences allow it.
 */
public final class CapabilityStatementProvider {

    /** The US Core 6.1.0 server CapabilityStatement this server instantiates. */
    public static final String US_CORE_SERVER = "http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0";

    private final AdapterRegistry registry;
    private final UsCoreSearchParameterDefinitions definitions;
    private final String softwareVersion;
    private final Date started = new Date();
    private final Optional<SmartConfiguration> smart;
    private final IncludePlanner includes;
    private final ChainResolver chains;
    private final boolean exportOffered;

    /** @param smart the authorization server to describe in {@code rest.security}; empty in development header mode */
    public CapabilityStatementProvider(AdapterRegistry registry, UsCoreSearchParameterDefinitions definitions,
            String softwareVersion, Optional<SmartConfiguration> smart, IncludePlanner includes, ChainResolver chains) {
        this(registry, definitions, softwareVersion, smart, includes, chains, false);
    }

    /** @param exportOffered whether bulk export ({@code Patient/$export}, {@code Group/[id]/$export}) is offered */
    public CapabilityStatementProvider(AdapterRegistry registry, UsCoreSearchParameterDefinitions definitions,
            String softwareVersion, Optional<SmartConfiguration> smart, IncludePlanner includes, ChainResolver chains,
            boolean exportOffered) {
        this.exportOffered = exportOffered;
        this.includes = includes;
        this.chains = chains;
        this.registry = registry;
        this.definitions = definitions;
        this.softwareVersion = softwareVersion;
        this.smart = smart;
    }

    /** Called reflectively by HAPI on conformance providers; this one needs nothing from the server. */
    public void setRestfulServer(RestfulServer server) {
        // nothing to keep
    }

    @Metadata
    public CapabilityStatement capabilities(RequestDetails request) {
        return capabilities(request.getFhirServerBase());
    }

    /**
     * The statement as served at {@code [fhirBase]/metadata}; the developer pages are generated from it, so they
     * say what this statement says.
     */
    public CapabilityStatement capabilities(String fhirBase) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setDate(started);
        cs.setKind(CapabilityStatementKind.INSTANCE);
        cs.setName("FhirGateway");
        cs.setTitle("FHIR Gateway (read-only US Core)");
        cs.setPublisher("FHIR Gateway");
        cs.getSoftware().setName("FHIR Gateway").setVersion(softwareVersion);
        cs.getImplementation().setDescription("Read-only US Core 6.1.0 API over an EHR adapter")
                .setUrl(fhirBase);
        cs.setFhirVersion(FHIRVersion._4_0_1);
        cs.addFormat("json").addFormat("xml");
        cs.addInstantiates(US_CORE_SERVER);
        if (exportOffered) {
            cs.addInstantiates(BulkExportProvider.BULK_DATA_CAPABILITY);
        }
        cs.addImplementationGuide("http://hl7.org/fhir/us/core/ImplementationGuide/hl7.fhir.us.core|6.1.0");

        CapabilityStatementRestComponent rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Read-only: writes are answered 405. Every request except this statement and the"
                + " SMART configuration must carry an access token for one practice.");
        smart.ifPresent(s -> rest.setSecurity(s.restSecurity()));
        registry.routes().stream()
                .sorted(Comparator.comparing(r -> r.support().resourceType()))
                .forEach(route -> rest.addResource(resource(route.support())));
        return cs;
    }

    private CapabilityStatementRestResourceComponent resource(ResourceSupport support) {
        String type = support.resourceType();
        CapabilityStatementRestResourceComponent r = new CapabilityStatementRestResourceComponent();
        r.setType(type);
        r.setProfile("http://hl7.org/fhir/StructureDefinition/" + type);
        support.profiles().forEach(r::addSupportedProfile);
        r.addInteraction().setCode(TypeRestfulInteraction.READ);
        r.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        r.setVersioning(ResourceVersionPolicy.NOVERSION);
        r.setReadHistory(false);
        r.setUpdateCreate(false);
        r.setConditionalCreate(false);
        r.setConditionalUpdate(false);
        Map<String, List<String>> chained = chains.supportedChains(type);
        support.searchParameters().stream().sorted(Comparator.comparing(SearchParameterSupport::name)).forEach(p -> {
            var sp = r.addSearchParam().setName(p.name()).setType(SearchParamType.fromCode(p.type().name().toLowerCase()));
            definitions.definition(type, p.name()).ifPresent(sp::setDefinition);
            // R4's searchParam has no 'chain' element (the SearchParameter definition has); say it in words.
            if (chained.containsKey(p.name())) {
                sp.setDocumentation("Chains: " + chained.get(p.name()).stream().map(c -> p.name() + "." + c)
                        .collect(Collectors.joining(", ")) + " (at most " + ChainResolver.MAX_CHAIN_TARGETS
                        + " matches of the chained criterion).");
            }
        });
        includes.supportedIncludes(type).forEach(r::addSearchInclude);
        includes.advertisedRevIncludes(type).forEach(r::addSearchRevInclude);
        if (exportOffered && type.equals("Patient")) {
            r.addOperation().setName(BulkExportProvider.OPERATION.substring(1))
                    .setDefinition(BulkExportProvider.PATIENT_EXPORT_DEFINITION)
                    .setDocumentation(BulkExportProvider.documentation());
        }
        if (exportOffered && type.equals("Group")) {
            r.addOperation().setName(BulkExportProvider.OPERATION.substring(1))
                    .setDefinition(BulkExportProvider.GROUP_EXPORT_DEFINITION)
                    .setDocumentation(BulkExportProvider.documentation() + " Group: the member Patients and their"
                            + " resources of every type searchable by patient.");
        }
        if (DocRefOperationProvider.isOffered(support)) {
            r.addOperation().setName(DocRefOperationProvider.OPERATION.substring(1))
                    .setDefinition(DocRefOperationProvider.DEFINITION)
                    .setDocumentation(DocRefOperationProvider.documentation(support));
        }
        return r;
    }
}
