package dev.fhirgateway.spi.kit;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Finds references that carry their target only as an in-memory {@code Reference.resource} without an id. The
 * gateway encodes with HAPI's automatic containment off (it walks every element of every answer), so such a
 * reference would reach clients naming no target; the target belongs in {@code contained} with an id.
 *
 * <p>Walks the model's own children: HAPI's terser skips a reference whose only content is the in-memory target,
 * as it counts as empty.
 */
final class UnnamedReferenceTargets {

    private UnnamedReferenceTargets() {
    }

    /** The paths of {@code resource}'s references whose target is neither named nor has an id. */
    static List<String> in(Resource resource) {
        List<String> paths = new ArrayList<>();
        walk(resource, resource.fhirType(), paths);
        return paths;
    }

    private static void walk(Base element, String path, List<String> paths) {
        if (element instanceof Reference ref && !ref.hasReference() && ref.getResource() != null
                && ref.getResource().getIdElement().isEmpty()) {
            paths.add(path);
        }
        for (Property child : element.children()) {
            for (Base value : child.getValues()) {
                if (value != null) {
                    walk(value, path + "." + child.getName(), paths);
                }
            }
        }
    }
}
