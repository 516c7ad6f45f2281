package dev.fhirgateway.sample.fhirimport;

import java.util.List;

/** Every importer, in dependency order: a resource's references point at types imported before it. */
final class ResourceImporters {

    private ResourceImporters() {
    }

    static List<ResourceImporter> all() {
        return List.of(
                new PatientImporter(),
                new AllergyIntoleranceImporter(),
                new ObservationImporter());
    }
}
