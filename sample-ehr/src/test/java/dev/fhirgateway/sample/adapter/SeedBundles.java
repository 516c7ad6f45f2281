package dev.fhirgateway.sample.adapter;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** The seed Bundles (under {@code seed/} on the classpath), read the way the importer reads them. */
final class SeedBundles {

    private SeedBundles() {
    }

    static Bundle bundle(String file) {
        try (InputStream in = SeedBundles.class.getResourceAsStream("/seed/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed file " + file);
            }
            return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends Resource> List<T> resources(String file, Class<T> type) {
        return bundle(file).getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    /** The id the importer keeps: HAPI gives an entry with a {@code urn:uuid:} full URL that URL as its id. */
    static String idOf(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id;
    }
}
