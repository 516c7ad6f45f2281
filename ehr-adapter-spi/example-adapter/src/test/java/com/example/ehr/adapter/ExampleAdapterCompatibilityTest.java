package com.example.ehr.adapter;

import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.kit.EhrAdapterCompatibilityKit;
import dev.fhirgateway.spi.kit.KitFixtures;
import java.util.Map;

/** The compatibility kit over the example adapter, loaded with the kit's fixture Patients. */
class ExampleAdapterCompatibilityTest extends EhrAdapterCompatibilityKit {

    private final EhrAdapter adapter = new InMemoryPatientAdapter(Map.of(
            KitFixtures.PRACTICE, KitFixtures.patients(KitFixtures.PRACTICE),
            KitFixtures.OTHER_PRACTICE, KitFixtures.patients(KitFixtures.OTHER_PRACTICE)));

    @Override
    protected EhrAdapter adapter() {
        return adapter;
    }

    @Override
    protected String practice() {
        return KitFixtures.PRACTICE;
    }

    @Override
    protected String otherPractice() {
        return KitFixtures.OTHER_PRACTICE;
    }
}
