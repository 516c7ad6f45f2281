package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.kit.EhrAdapterCompatibilityKit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * The adapter compatibility kit over the sample EHR's adapter, on its seed data in an in-memory H2 database:
 * practice 1001 is tested, practice 2002 must never leak into it.
 */
class SampleEhrAdapterCompatibilityTest extends EhrAdapterCompatibilityKit {

    private final EhrDatabase database;
    private final EhrAdapter adapter;

    SampleEhrAdapterCompatibilityTest() {
        String url = "jdbc:h2:mem:kit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = EhrDatabase.open(url, "sa", "");
        SeedData.seedIfEmpty(database.jdbi());
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of("jdbc.url", url, "jdbc.user", "sa")));
    }

    @AfterAll
    void close() {
        adapter.close();
        database.close();
    }

    @Override
    protected EhrAdapter adapter() {
        return adapter;
    }

    @Override
    protected String practice() {
        return SeedData.PRACTICE_PINS.get(0);
    }

    @Override
    protected String otherPractice() {
        return SeedData.PRACTICE_PINS.get(1);
    }
}
