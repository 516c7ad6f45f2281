package dev.fhirgateway.sample.bench;

import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the cost of per-practice metering: request throughput of the deployed gateway WAR with
 * {@code fhirgateway.metrics.enabled=true} against {@code false}, in the same JVM and run, on loopback.
 *
 * <p>Each round starts the sample EHR once per mode (the order alternates between rounds so warm-up and drift
 * do not favour one mode), warms up, then lets {@code threads} clients issue a fixed mix of Patient reads and
 * MRN searches for {@code seconds}. It prints requests per second per round and the ratio metered/unmetered.
 * A benchmark, not a test: it asserts nothing about speed and is not part of {@code mvn verify}.
 *
 * <p>Run: {@code mvn -B -q -DskipTests install && mvn -B -q -pl sample-ehr -Pbenchmark verify}
 * (options through {@code -Dbenchmark.args="--seconds 10 --threads 8 --rounds 3"}).
 */
public final class MeteringBenchmark {

    private static final Pattern ID = Pattern.compile("\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\"");
    private static final Pattern MRN = Pattern.compile("\"system\":\"https://sample-ehr.fhirgateway.dev/mrn\",\"value\":\"([^\"]+)\"");
    private static final String PRACTICE = "1001";

    private MeteringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = option(args, "--seconds", 10);
        int threads = option(args, "--threads", 8);
        int rounds = option(args, "--rounds", 3);
        int warmupSeconds = option(args, "--warmup", 5);
        Path dataDir = Files.createTempDirectory("metering-bench");
        List<double[]> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "Metering benchmark: %d rounds, %d s per mode, %d threads, %d s warm-up%n",
                rounds, seconds, threads, warmupSeconds);
        for (int round = 1; round <= rounds; round++) {
            boolean meteredFirst = round % 2 == 1;
            double first = measure(dataDir, meteredFirst, seconds, warmupSeconds, threads);
            double second = measure(dataDir, !meteredFirst, seconds, warmupSeconds, threads);
            double metered = meteredFirst ? first : second;
            double unmetered = meteredFirst ? second : first;
            results.add(new double[] {metered, unmetered});
            System.out.printf(Locale.ROOT, "round %d: metered %.0f req/s, unmetered %.0f req/s, ratio %.3f%n",
                    round, metered, unmetered, metered / unmetered);
        }
        double metered = results.stream().mapToDouble(r -> r[0]).sum();
        double unmetered = results.stream().mapToDouble(r -> r[1]).sum();
        System.out.printf(Locale.ROOT, "overall: metered/unmetered throughput ratio %.3f (%.1f%% %s)%n",
                metered / unmetered, Math.abs(1 - metered / unmetered) * 100,
                metered < unmetered ? "slower with metering" : "faster with metering (noise)");
    }

    /** Starts the EHR with metering on or off and returns the requests per second it served. */
    private static double measure(Path dataDir, boolean metered, int seconds, int warmupSeconds, int threads)
            throws Exception {
        // System properties are the settings source with the highest precedence.
        System.setProperty("fhirgateway.metrics.enabled", Boolean.toString(metered));
        try (SampleEhrServer ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(dataDir).withWar(Path.of("target/fhir-gateway.war").toAbsolutePath())
                .withPluginDir(Path.of("target/adapter-plugin").toAbsolutePath())
                // Measures metering, not token checks: the development switch keeps both runs free of them.
                .withDevelopmentPracticeHeader(true))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI base = ehr.gatewayBaseUri();
            String page = get(client, base.resolve("Patient?_count=50")).body();
            List<String> ids = all(ID, page);
            List<String> mrns = all(MRN, page);
            if (ids.isEmpty() || mrns.isEmpty()) {
                throw new IllegalStateException("no patients to read: " + page.substring(0, Math.min(300, page.length())));
            }
            run(client, base, ids, mrns, threads, warmupSeconds);
            return run(client, base, ids, mrns, threads, seconds) / (double) seconds;
        } finally {
            System.clearProperty("fhirgateway.metrics.enabled");
        }
    }

    /** Issues reads and searches (3:1) from {@code threads} clients for {@code seconds}; returns the count. */
    private static long run(HttpClient client, URI base, List<String> ids, List<String> mrns, int threads, int seconds)
            throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                for (int i = offset; !stop.get(); i++) {
                    URI uri = i % 4 == 3
                            ? base.resolve("Patient?identifier=" + mrns.get(i % mrns.size()))
                            : base.resolve("Patient/" + ids.get(i % ids.size()));
                    HttpResponse<String> r = get(client, uri);
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + " for " + uri);
                    }
                    done.increment();
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return done.sum();
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).header("X-Practice-Pin", PRACTICE)
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
