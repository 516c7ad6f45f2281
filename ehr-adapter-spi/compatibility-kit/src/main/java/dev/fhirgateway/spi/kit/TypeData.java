package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchParameterSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * What two practices have of one resource type, as the adapter lists it (a search without criteria, all pages),
 * and the oracle that says which of it a search must return.
 *
 * @param support the type as the adapter declared it
 * @param resources the practice's resources, in the adapter's order, each once
 * @param otherResources the other practice's resources
 */
record TypeData(ResourceSupport support, List<Resource> resources, List<Resource> otherResources, SearchOracle oracle) {

    static TypeData load(AdapterProbe probe, ResourceSupport support, String practice, String otherPractice,
            java.time.ZoneId zone) {
        Map<String, SearchParameterSupport> parameters = new LinkedHashMap<>();
        support.searchParameters().forEach(p -> parameters.put(p.name(), p));
        SearchOracle oracle = new SearchOracle(support.resourceType(), parameters, zone);
        return new TypeData(support, unique(probe.walk(practice, support.resourceType(), List.of(), 50).resources()),
                unique(probe.walk(otherPractice, support.resourceType(), List.of(), 50).resources()), oracle);
    }

    String type() {
        return support.resourceType();
    }

    Set<String> ids() {
        Map<String, Resource> byId = new LinkedHashMap<>();
        resources.forEach(r -> byId.put(id(r), r));
        return byId.keySet();
    }

    Set<String> otherIds() {
        Map<String, Resource> byId = new LinkedHashMap<>();
        otherResources.forEach(r -> byId.put(id(r), r));
        return byId.keySet();
    }

    static String id(Resource r) {
        return r.getIdElement().getIdPart();
    }

    private static List<Resource> unique(List<Resource> resources) {
        Map<String, Resource> byId = new LinkedHashMap<>();
        resources.forEach(r -> byId.putIfAbsent(id(r), r));
        return List.copyOf(byId.values());
    }
}
