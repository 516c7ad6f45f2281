package dev.fhirgateway.gateway.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.include.ReferencePaths;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, while the gateway deploys, what its first requests would otherwise load all at once: HAPI's model of
 * each served type and of the types every answer uses (HAPI scans a type's classes on first use), both
 * encoders, and the include paths ({@link ReferencePaths}, parsed when it is built). The container serves the
 * context only after this, so {@code /health/ready} is never UP before the first request can run without
 * loading anything; a cold burst then meets a loaded server.
 */
@Singleton
public final class StartupWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);
    /** Types in the answers of every served type: search Bundles, errors, metadata, $docref's input. */
    private static final List<String> ANSWER_TYPES = List.of("Bundle", "OperationOutcome", "CapabilityStatement",
            "Parameters");

    private final FhirContext fhir;
    private final AdapterRegistry registry;
    private final ReferencePaths paths;

    @Inject
    public StartupWarmUp(FhirContext fhir, AdapterRegistry registry, ReferencePaths paths) {
        this.fhir = fhir;
        this.registry = registry;
        this.paths = paths;
    }

    public void run() {
        long start = System.nanoTime();
        Set<String> types = new TreeSet<>(ANSWER_TYPES);
        registry.routes().forEach(r -> types.add(r.support().resourceType()));
        for (String type : types) {
            RuntimeResourceDefinition definition = fhir.getResourceDefinition(type);
            IBaseResource empty = definition.newInstance();
            fhir.newJsonParser().encodeResourceToString(empty);
            fhir.newXmlParser().encodeResourceToString(empty);
        }
        LOG.info("Warmed up in {} ms: {} resource types, {} include paths", (System.nanoTime() - start) / 1_000_000,
                types.size(), paths.preparedCount());
    }
}
