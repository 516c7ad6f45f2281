package dev.fhirgateway.gateway.internal.export;

import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.spi.SearchCriterion;
import java.util.List;

/**
 * What one export job searches, decided at kick-off from the request and the client's token: per type, the
 * searches to walk to their last page (one for a practice's whole data; one per group of patients for a Group),
 * each with the token's restrictions and {@code _since} already in its criteria. Kept in memory by the instance
 * that runs the job.
 *
 * @param types the exports of each type, in order
 * @param warnings what the client should know but does not stop the export (written to an error file)
 */
record ExportPlan(List<TypeExport> types, List<String> warnings) {

    /**
     * @param route the adapter serving the type
     * @param searches the criteria of each search to walk
     */
    record TypeExport(AdapterRegistry.Route route, List<List<SearchCriterion>> searches) {

        TypeExport {
            searches = searches.stream().map(List::copyOf).toList();
        }

        String type() {
            return route.support().resourceType();
        }
    }

    ExportPlan {
        types = List.copyOf(types);
        warnings = List.copyOf(warnings);
    }
}
