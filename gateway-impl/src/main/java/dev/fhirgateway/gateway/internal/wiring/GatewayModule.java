package dev.fhirgateway.gateway.internal.wiring;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallMeters;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.adapter.SearchScan;
import dev.fhirgateway.gateway.internal.chain.ChainResolver;
import dev.fhirgateway.gateway.internal.docref.DocRefOperationProvider;
import dev.fhirgateway.gateway.internal.docs.DeveloperPages;
import dev.fhirgateway.gateway.internal.docs.UsCoreProfiles;
import dev.fhirgateway.gateway.internal.export.BulkExportProvider;
import dev.fhirgateway.gateway.internal.export.ExportJanitor;
import dev.fhirgateway.gateway.internal.export.ExportJobStore;
import dev.fhirgateway.gateway.internal.export.ExportMeters;
import dev.fhirgateway.gateway.internal.export.ExportRunner;
import dev.fhirgateway.gateway.internal.export.ExportSettings;
import dev.fhirgateway.gateway.internal.fhir.AdapterResourceProvider;
import dev.fhirgateway.gateway.internal.fhir.CapabilityStatementProvider;
import dev.fhirgateway.gateway.internal.fhir.GatewayRestfulServer;
import dev.fhirgateway.gateway.internal.fhir.SearchsetBundleFactory;
import dev.fhirgateway.gateway.internal.fhir.UsCoreSearchParameterDefinitions;
import dev.fhirgateway.gateway.internal.http.AccessLogInterceptor;
import dev.fhirgateway.gateway.internal.http.LenientSelfLinkInterceptor;
import dev.fhirgateway.gateway.internal.http.ServletPathAddressStrategy;
import dev.fhirgateway.gateway.internal.http.WriteRefusalInterceptor;
import dev.fhirgateway.gateway.internal.include.IncludePlanner;
import dev.fhirgateway.gateway.internal.include.IncludeResolver;
import dev.fhirgateway.gateway.internal.include.ReferencePaths;
import dev.fhirgateway.gateway.internal.limits.LimitsModule;
import dev.fhirgateway.gateway.internal.limits.RateLimitInterceptor;
import dev.fhirgateway.gateway.internal.metrics.MetricsModule;
import dev.fhirgateway.gateway.internal.metrics.MetricsSettings;
import dev.fhirgateway.gateway.internal.metrics.PracticeMeteringInterceptor;
import dev.fhirgateway.gateway.internal.paging.AdapterSearchService;
import dev.fhirgateway.gateway.internal.paging.PageTokenCodec;
import dev.fhirgateway.gateway.internal.paging.StatelessPagingProvider;
import dev.fhirgateway.gateway.internal.search.SearchCriteriaParser;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.PracticeAttributionInterceptor;
import dev.fhirgateway.gateway.internal.security.SecurityInterceptors;
import dev.fhirgateway.gateway.internal.security.SecurityModule;
import dev.fhirgateway.gateway.internal.security.SmartConfiguration;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the gateway from its settings. Parts whose dependencies are all bound have an {@code @Inject} constructor
 * and are {@code @Singleton} classes Guice builds on first use; the methods here build only what needs more: a
 * setting read or checked, a choice between implementations or none, a third-party object, a step after
 * construction. Metering, request limits and security have their own modules, installed here.
 */
public final class GatewayModule extends AbstractModule {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayModule.class);
    private static final int MIN_SECRET_LENGTH = 32;

    private final GatewaySettings settings;
    private final ClassLoader webappLoader;

    private final Optional<Path> containerTempDir;

    public GatewayModule(GatewaySettings settings, ClassLoader webappLoader) {
        this(settings, webappLoader, Optional.empty());
    }

    /** @param containerTempDir the servlet container's temporary directory (the default export directory's parent) */
    public GatewayModule(GatewaySettings settings, ClassLoader webappLoader, Optional<Path> containerTempDir) {
        this.settings = settings;
        this.webappLoader = webappLoader;
        this.containerTempDir = containerTempDir;
    }

    @Override
    protected void configure() {
        bind(GatewaySettings.class).toInstance(settings);
        bind(Clock.class).toInstance(Clock.systemUTC());
        install(new MetricsModule());
        install(new LimitsModule());
        install(new SecurityModule(settings));
    }

    @Provides
    @Singleton
    FhirContext fhirContext() {
        // Searchset pages without _include skip HAPI's reference walk of every entry (SearchsetBundleFactory).
        FhirContext context = SearchsetBundleFactory.r4Context();
        // HAPI would walk every element of every resource it encodes, looking for Reference.resource targets
        // without an id to move into `contained`: 13% of the CPU of a ten-entry Observation search in a profile.
        // Adapters put contained resources in `contained` with an id (SPI README), which HAPI encodes without it.
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    @Provides
    @Singleton
    AdapterDiscovery.Result discovery() {
        return AdapterDiscovery.discover(webappLoader, settings.get(GatewaySetting.PLUGIN_DIR).map(Path::of));
    }

    @Provides
    @Singleton
    AdapterRegistry registry(AdapterDiscovery.Result discovered) {
        AdapterRegistry registry = AdapterRegistry.open(discovered.providers(), settings);
        registry.logReport(settings.get(GatewaySetting.PLUGIN_DIR));
        return registry;
    }

    @Provides
    @Singleton
    AdapterCallExecutor calls(AdapterCallMeters meters) {
        return new AdapterCallExecutor(settings.getDuration(GatewaySetting.ADAPTER_CALL_TIMEOUT),
                settings.getDuration(GatewaySetting.REQUEST_TIMEOUT), meters);
    }

    @Provides
    @Singleton
    PageTokenCodec pageTokens(Clock clock) {
        String secret = settings.get(GatewaySetting.PAGING_SECRET).orElse(null);
        if (secret == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = Base64.getEncoder().encodeToString(random);
            LOG.warn("Setting {} is not set: paging links are sealed with a random key and stop working after a"
                    + " restart or on another instance. Set it to the same secret on every instance.",
                    GatewaySetting.PAGING_SECRET.key());
        } else if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("setting " + GatewaySetting.PAGING_SECRET.key() + " must be at least "
                    + MIN_SECRET_LENGTH + " characters long");
        }
        String previous = settings.get(GatewaySetting.PAGING_PREVIOUS_SECRET).orElse(null);
        if (previous != null && previous.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("setting " + GatewaySetting.PAGING_PREVIOUS_SECRET.key()
                    + " must be at least " + MIN_SECRET_LENGTH + " characters long");
        }
        return new PageTokenCodec(secret, previous, clock);
    }

    @Provides
    @Singleton
    SearchCriteriaParser parser() {
        int max = settings.getPositiveInt(GatewaySetting.PAGING_MAX_COUNT);
        int def = Math.min(settings.getPositiveInt(GatewaySetting.PAGING_DEFAULT_COUNT), max);
        return new SearchCriteriaParser(def, max);
    }

    @Provides
    @Singleton
    AdapterSearchService searches(AdapterCallExecutor calls, PageTokenCodec tokens, IncludeResolver includes,
            Clock clock) {
        return new AdapterSearchService(calls, tokens, settings.getDuration(GatewaySetting.PAGING_LINK_TTL), clock,
                includes);
    }

    @Provides
    @Singleton
    ReferencePaths referencePaths(IncludePlanner planner, FhirContext context) {
        // Parsed here, at startup: the first request with an _include pays for nothing.
        ReferencePaths paths = new ReferencePaths(context);
        paths.prepare(planner.followableIncludePaths());
        return paths;
    }

    @Provides
    @Singleton
    StatelessPagingProvider paging(PageTokenCodec tokens, AdapterRegistry registry, SearchCriteriaParser parser,
            AdapterSearchService searches, AccessPolicy policy, IncludePlanner includes, ChainResolver chains) {
        // The parser owns the page-size settings; HAPI's paging provider must report the same ones.
        return new StatelessPagingProvider(tokens, registry, parser, searches, parser.defaultCount(),
                parser.maxCount(), policy, includes, chains);
    }

    @Provides
    @Singleton
    List<IResourceProvider> resourceProviders(FhirContext context, AdapterRegistry registry, AdapterCallExecutor calls,
            SearchCriteriaParser parser, AdapterSearchService searches, AccessPolicy policy, IncludePlanner includes,
            ChainResolver chains) {
        return registry.routes().stream()
                .map(route -> (IResourceProvider) new AdapterResourceProvider(
                        context.getResourceDefinition(route.support().resourceType()).getImplementingClass(),
                        route, calls, parser, searches, policy, includes, chains))
                .toList();
    }

    /** {@code DocumentReference/$docref}, when the adapter's DocumentReferences allow it. */
    @Provides
    @Singleton
    Optional<DocRefOperationProvider> docref(FhirContext context, AdapterRegistry registry, AdapterCallExecutor calls,
            SearchCriteriaParser parser, AdapterSearchService searches, AccessPolicy policy, SearchScan scan) {
        return registry.route("DocumentReference").filter(r -> DocRefOperationProvider.isOffered(r.support()))
                .map(route -> new DocRefOperationProvider(route, parser, searches, scan, calls, policy, context));
    }

    @Provides
    @Singleton
    ExportSettings exportSettings() {
        return ExportSettings.from(settings, containerTempDir);
    }

    @Provides
    @Singleton
    ExportJobStore exportJobs(ExportSettings export) {
        return new ExportJobStore(export.directory());
    }

    @Provides
    @Singleton
    ExportRunner exportRunner(ExportJobStore jobs, AdapterCallExecutor calls, FhirContext context, ExportSettings export,
            ExportMeters meters, Clock clock) {
        // Which instance runs a job, as its job.json records: a new id on every start.
        return new ExportRunner(jobs, calls, context, export, meters, UUID.randomUUID().toString().substring(0, 8),
                clock);
    }

    /** Bulk export ({@code $export}), unless switched off or no adapter serves Patient. */
    @Provides
    @Singleton
    Optional<BulkExportProvider> bulkExport(ExportSettings export, AdapterRegistry registry, AdapterCallExecutor calls,
            AccessPolicy policy, SearchCriteriaParser parser, Provider<ExportJobStore> jobs,
            Provider<ExportRunner> runner, Provider<ExportJanitor> janitor, FhirContext context, Clock clock) {
        // Providers: the job directory, worker pool and janitor thread exist only when export is offered.
        if (!export.enabled() || registry.route("Patient").isEmpty()) {
            return Optional.empty();
        }
        LOG.info("Bulk export offered; jobs and files in {}", export.directory());
        return Optional.of(new BulkExportProvider(registry, calls, policy, parser, jobs.get(), runner.get(),
                janitor.get(), export, context, clock));
    }

    @Provides
    @Singleton
    GatewayRestfulServer fhirServer(FhirContext context, List<IResourceProvider> providers, AdapterRegistry registry,
            StatelessPagingProvider paging, PracticeAttributionInterceptor practiceAttribution,
            MetricsSettings metrics, PracticeMeteringInterceptor metering, SecurityInterceptors security,
            Optional<SmartConfiguration> smart, IncludePlanner includes, ChainResolver chains,
            Optional<DocRefOperationProvider> docref, CapabilityStatementProvider capabilities,
            IServerAddressStrategy addressStrategy, Optional<RateLimitInterceptor> limits,
            Optional<BulkExportProvider> export) {
        // $docref is a search invoked as an operation: its POST form must not be refused as a write. The export's
        // kick-off may be POSTed too, and its status URL takes DELETE (cancel).
        Set<String> readOnlyOperations = new java.util.HashSet<>();
        docref.ifPresent(d -> readOnlyOperations.add(DocRefOperationProvider.OPERATION));
        export.ifPresent(e -> readOnlyOperations.addAll(Set.of(BulkExportProvider.OPERATION,
                BulkExportProvider.STATUS_OPERATION, BulkExportProvider.FILE_OPERATION)));
        List<Object> operationProviders = new java.util.ArrayList<>();
        docref.ifPresent(operationProviders::add);
        export.ifPresent(operationProviders::add);
        GatewayRestfulServer server = new GatewayRestfulServer(context, providers, operationProviders,
                capabilities, paging, new WriteRefusalInterceptor(readOnlyOperations,
                        export.isPresent() ? Set.of(BulkExportProvider.STATUS_OPERATION) : Set.of(),
                        practiceAttribution::attributeIfIdentified),
                practiceAttribution, new AccessLogInterceptor(context), addressStrategy);
        server.registerInterceptor(new LenientSelfLinkInterceptor());
        if (metrics.enabled()) {
            server.registerInterceptor(metering);
        }
        security.registerOn(server);
        limits.ifPresent(server::registerInterceptor);
        return server;
    }

    /** What {@code metadata} serves; the developer pages are generated from the same statement. */
    @Provides
    @Singleton
    CapabilityStatementProvider capabilities(AdapterRegistry registry, Optional<SmartConfiguration> smart,
            IncludePlanner includes, ChainResolver chains, ExportSettings export) {
        return new CapabilityStatementProvider(registry, new UsCoreSearchParameterDefinitions(),
                GatewayVersion.current(), smart, includes, chains,
                export.enabled() && registry.route("Patient").isPresent());
    }

    /** The public base URL if configured, else the request's own (through a trusted proxy's headers if enabled). */
    @Provides
    @Singleton
    IServerAddressStrategy addressStrategy() {
        Optional<String> publicBaseUrl = settings.get(GatewaySetting.PUBLIC_BASE_URL);
        if (publicBaseUrl.isPresent()) {
            return new HardcodedServerAddressStrategy(publicBaseUrl.get());
        }
        String trust = settings.get(GatewaySetting.TRUST_FORWARDED_HEADERS).orElseThrow().trim();
        if (!trust.equals("true") && !trust.equals("false")) {
            throw new IllegalStateException("setting " + GatewaySetting.TRUST_FORWARDED_HEADERS.key()
                    + " must be true or false, was '" + trust + "'");
        }
        return new ServletPathAddressStrategy(Boolean.parseBoolean(trust));
    }

    /** The developer pages, from the same CapabilityStatement as {@code metadata}. */
    @Provides
    @Singleton
    DeveloperPages developerPages(CapabilityStatementProvider capabilities, IncludePlanner includes,
            Optional<SmartConfiguration> smart) {
        DeveloperPages pages = new DeveloperPages(capabilities, includes, smart, settings, UsCoreProfiles.bundled());
        pages.notesForTypesNotServed("").forEach(type -> LOG.warn("Setting {}{} is a note for a resource type no"
                + " adapter serves: the developer pages do not show it", GatewaySetting.DOCS_TYPE_TEXT.key(), type));
        return pages;
    }
}
