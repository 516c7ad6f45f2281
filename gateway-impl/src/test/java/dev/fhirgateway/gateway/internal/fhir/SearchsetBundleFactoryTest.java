package dev.fhirgateway.gateway.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.api.BundleLinks;
import ca.uhn.fhir.rest.api.IVersionSpecificBundleFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.hapi.rest.server.R4BundleFactory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The gateway's searchset bundles are the ones HAPI's own factory builds, entry for entry. */
class SearchsetBundleFactoryTest {

    private static final String BASE = "http://127.0.0.1:8080/fhir-gateway/fhir";
    private static final FhirContext FHIR = SearchsetBundleFactory.r4Context();

    /** A page as the gateway's providers return it: ids, search modes, a score, a reference holding its target. */
    private static List<IBaseResource> page() {
        Patient embedded = new Patient();
        embedded.setId("Patient/p7");
        Observation match = new Observation();
        match.setId("Observation/o1");
        match.setSubject(new Reference(embedded));
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(match, BundleEntrySearchModeEnum.MATCH);
        Observation scored = new Observation();
        scored.setId("o2/_history/3");
        ResourceMetadataKeyEnum.ENTRY_SEARCH_SCORE.put(scored, new BigDecimal("0.5"));
        Patient elsewhere = new Patient();
        elsewhere.setId("http://other.example/fhir/Patient/p9/_history/2");
        Patient included = new Patient();
        included.setId("Patient/p8");
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(included, BundleEntrySearchModeEnum.INCLUDE);
        Observation noId = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        return List.of(match, scored, elsewhere, included, noId);
    }

    private static String bundle(IVersionSpecificBundleFactory factory, Set<Include> includes) {
        BundleLinks links = new BundleLinks(BASE, includes, false, BundleTypeEnum.SEARCHSET)
                .setSelf(BASE + "/Observation?patient=p7");
        factory.addRootPropertiesToBundle("bundle-1", links, 5, new InstantType("2026-12-03T08:00:00Z"));
        factory.addResourcesToBundle(page(), BundleTypeEnum.SEARCHSET, BASE, BundleInclusionRule.BASED_ON_INCLUDES,
                includes);
        return FHIR.newJsonParser().encodeResourceToString(factory.getResourceBundle());
    }

    @Test
    void buildsTheBundleHapiBuildsWhenNothingCanBeIncluded() {
        assertThat(FHIR.newBundleFactory()).isInstanceOf(SearchsetBundleFactory.class);

        String ours = bundle(FHIR.newBundleFactory(), Set.of());

        assertThat(ours).isEqualTo(bundle(new R4BundleFactory(FHIR), Set.of()));
        Bundle parsed = FHIR.newJsonParser().parseResource(Bundle.class, ours);
        assertThat(parsed.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl).containsExactly(
                BASE + "/Observation/o1", BASE + "/Observation/o2", "http://other.example/fhir/Patient/p9",
                BASE + "/Patient/p8", null);
        assertThat(parsed.getEntry().get(0).getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        assertThat(parsed.getEntry().get(1).getSearch().getScore()).isEqualByComparingTo("0.5");
    }

    @Test
    void leavesIncludesToHapi() {
        Set<Include> includes = Set.of(new Include("Observation:subject"));

        String ours = bundle(FHIR.newBundleFactory(), includes);

        assertThat(ours).isEqualTo(bundle(new R4BundleFactory(FHIR), includes));
        // HAPI's walk found the Patient held by the reference and included it.
        assertThat(FHIR.newJsonParser().parseResource(Bundle.class, ours).getEntry())
                .extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .contains("Patient/p7");
    }
}
