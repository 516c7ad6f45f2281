package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.EhrAdapter;

/** The kit on a correct adapter: everything passes (the baseline the broken adapters are compared with). */
class FixtureAdapterCompatibilityTest extends EhrAdapterCompatibilityKit {

    private final EhrAdapter adapter = new FixturePatientAdapter();

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
