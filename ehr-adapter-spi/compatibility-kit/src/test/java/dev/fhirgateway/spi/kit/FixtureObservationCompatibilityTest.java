package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.EhrAdapter;

/** The kit on a correct Observation adapter with a quantity parameter: everything passes. */
class FixtureObservationCompatibilityTest extends EhrAdapterCompatibilityKit {

    private final EhrAdapter adapter = new FixtureObservationAdapter();

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
