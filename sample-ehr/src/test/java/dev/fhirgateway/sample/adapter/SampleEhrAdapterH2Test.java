package dev.fhirgateway.sample.adapter;

import java.util.UUID;

/** The adapter contract on an in-memory H2 database. */
class SampleEhrAdapterH2Test extends SampleEhrAdapterContractTest {

    @Override
    protected TestDatabase emptyDatabase() {
        // A fresh name per run; DB_CLOSE_DELAY keeps it while the EHR and the adapter pools come and go.
        return new TestDatabase("jdbc:h2:mem:adapter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
