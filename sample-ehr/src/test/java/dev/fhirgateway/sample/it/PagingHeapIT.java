package dev.fhirgateway.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.sample.fhirimport.BundleImporter;
import dev.fhirgateway.sample.generate.PracticeGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Following every {@code next} link of a 10,000-result search through the built WAR in Jetty (in this JVM, over
 * HTTP on loopback) works in constant heap: the heap used after a full collection does not grow with the pages
 * served. Paging is stateless (the cursor is in the link), so nothing per page may stay behind in the gateway,
 * the adapter or the pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Paging 10,000 patients in constant heap through the WAR in Jetty, on H2")
class PagingHeapIT {

    private static final String PRACTICE = "9009";
    private static final int PATIENTS = 10_000;
    /** _count=20 (the default page size): 500 pages. */
    private static final int PAGE_SIZE = 20;
    /** Allowed growth of the heap used after GC between page 100 and the last page (400 pages later). */
    private static final long BOUND_BYTES = 8L << 20;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SampleEhrServer ehr;

    @BeforeAll
    void startEhrWithTenThousandPatients() throws Exception {
        Path war = Path.of("target/fhir-gateway.war");
        Path plugins = Path.of("target/adapter-plugin");
        assertThat(war).as("the gateway WAR, built by 'mvn package'").isRegularFile();
        SampleEhrOptions options = SampleEhrOptions.defaults().withDataDir(Files.createTempDirectory("paging-heap"))
                .withHost("127.0.0.1").withPort(0).withWar(war.toAbsolutePath())
                .withPluginDir(plugins.toAbsolutePath()).withDevelopmentPracticeHeader(true);
        // Only the Patients: the search pages them, their records would only make the test slower.
        try (EhrDatabase database = EhrDatabase.open(options.effectiveJdbcUrl(), null, null)) {
            SeedData.seedIfEmpty(database.jdbi());
            PracticeGenerator generator = new PracticeGenerator(PRACTICE, 1);
            try (BundleImporter.BulkSession session = new BundleImporter(database.jdbi()).bulkSession()) {
                for (int first = 0; first < PATIENTS; first += 1000) {
                    Bundle chunk = new Bundle().setType(Bundle.BundleType.COLLECTION);
                    for (int i = first; i < first + 1000; i++) {
                        chunk.addEntry().setResource(generator.patient(i));
                    }
                    session.importNew(PRACTICE, chunk, "patients " + first);
                }
            }
        }
        ehr = SampleEhrServer.start(options);
    }

    @AfterAll
    void stopEhr() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
    }

    @Test
    @DisplayName("every next link of Patient?_count=20 over 10,000 patients, heap after GC flat from page 100 on")
    void followingEveryNextLinkKeepsTheHeapFlat() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Set<String> ids = new HashSet<>(PATIENTS * 2);
        Map<Integer, Long> heapAfterPage = new LinkedHashMap<>();
        String url = ehr.gatewayBaseUri().resolve("Patient?_count=" + PAGE_SIZE).toString();
        int pages = 0;
        while (url != null) {
            Bundle page = get(url);
            pages++;
            page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            url = page.getLink("next") == null ? null : page.getLink("next").getUrl();
            if (pages % 100 == 0 || url == null) {
                heapAfterPage.put(pages, usedAfterGc(memory));
            }
        }

        assertThat(ids).as("every patient once").hasSize(PATIENTS);
        assertThat(pages).isEqualTo(PATIENTS / PAGE_SIZE);
        long growth = heapAfterPage.get(pages) - heapAfterPage.get(100);
        System.out.printf("PagingHeapIT: heap used after GC by page (MiB): %s; growth page 100 -> %d: %.1f MiB%n",
                mib(heapAfterPage), pages, growth / 1048576.0);
        assertThat(growth).as("heap growth after GC from page 100 to page %d (after GC, bytes); by page: %s", pages,
                mib(heapAfterPage)).isLessThan(BOUND_BYTES);
    }

    private Bundle get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/fhir+json").header("X-Practice-Pin", PRACTICE).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
    }

    /** Heap used after full collections: the smallest of three, so a collection running late does not count. */
    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static Map<Integer, String> mib(Map<Integer, Long> bytes) {
        Map<Integer, String> out = new LinkedHashMap<>();
        bytes.forEach((page, b) -> out.put(page, String.format("%.1f", b / 1048576.0)));
        return out;
    }
}
