package dev.fhirgateway.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The mixed load an operator throws at a freshly started gateway over the seed data of practice 1001 (the
 * Inferno patient 85): reads, an MRN search, clinical searches, an {@code _include} and a {@code _revinclude}.
 * {@code bench/soak.sh} drives the same requests with wrk; both read them from {@code bench/mixed-load.txt}.
 */
public final class MixedLoad {

    /** The practice whose seed data the requests ask for (development-header mode). */
    public static final String PRACTICE = "1001";

    /** Paths relative to the FHIR base, from {@code bench/mixed-load.txt} (which the soak script reads too). */
    public static final List<String> REQUESTS = readRequests(Path.of("../bench/mixed-load.txt"));

    /** One answer: the request, its status and how long it took. */
    public record Answer(String path, int status, long millis, String body) {
    }

    private MixedLoad() {
    }

    /**
     * Sends {@code count} requests at once (one thread each, cycling through {@link #REQUESTS}) for
     * {@link #PRACTICE} and waits for all of them.
     *
     * @param bearerToken an access token of the practice, or null for a gateway in development-header mode
     */
    public static List<Answer> burst(URI fhirBase, String bearerToken, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Callable<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String path = REQUESTS.get(i % REQUESTS.size());
                calls.add(() -> send(http, fhirBase, bearerToken, path));
            }
            List<Answer> out = new ArrayList<>();
            for (Future<Answer> f : threads.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> readRequests(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the mixed load " + file.toAbsolutePath().normalize() + " cannot be read"
                    + " (run the tests from the sample-ehr module directory)", e);
        }
    }

    private static Answer send(HttpClient http, URI fhirBase, String bearerToken, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fhirBase + "/" + path))
                .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60));
        if (bearerToken == null) {
            b.header("X-Practice-Pin", PRACTICE);
        } else {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        HttpRequest request = b.GET().build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(path, response.statusCode(), (System.nanoTime() - start) / 1_000_000, response.body());
    }

    /**
     * What a cold burst must show: every answer a 200 inside the request budget, the include and the
     * revinclude answered with included resources, and the server's log free of memory trouble and of FHIR
     * definitions being loaded (include paths need only HAPI's model classes).
     */
    public static void assertHealthyBurst(List<Answer> answers, long budgetMillis, String serverLog) {
        assertThat(answers).as("every answer of the burst").allSatisfy(a -> {
            assertThat(a.status()).as(a.path() + ": " + a.body()).isEqualTo(200);
            assertThat(a.millis()).as(a.path() + " answered inside the request budget").isLessThan(budgetMillis);
        });
        assertThat(answers).as("the _include was answered with included entries")
                .anySatisfy(a -> assertThat(a.path()).contains("_include=")
                        .satisfies(p -> assertThat(a.body()).containsPattern("\"mode\"\\s*:\\s*\"include\"")));
        assertThat(answers).as("the _revinclude was answered with included Provenances")
                .anySatisfy(a -> assertThat(a.path()).contains("_revinclude=")
                        .satisfies(p -> assertThat(a.body()).containsPattern("\"resourceType\"\\s*:\\s*\"Provenance\"")));
        assertThat(serverLog).as("no OutOfMemoryError").doesNotContain("OutOfMemoryError")
                .as("FHIR's StructureDefinitions are never loaded (includes need only the model classes)")
                .doesNotContain("Loading structure definitions");
    }

    /** The resident set size of a process in KiB, from {@code /proc} (Linux). */
    public static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }
}
