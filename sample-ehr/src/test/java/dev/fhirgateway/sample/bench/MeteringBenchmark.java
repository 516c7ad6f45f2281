package dev.fhirgateway.sample.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.sample.GatewayTwins;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.auth.TokenClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What per-practice metering costs, measured in one JVM: the gateway WAR deployed twice beside the sample EHR
 * ({@link GatewayTwins}), one twin with {@code fhirgateway.metrics.enabled=true} and one with {@code false}, both
 * driven at the same time with the same mix of requests (Patient read, MRN search, laboratory search) with a
 * bearer token, so token checks, metering's client tag and the usage ledger are all in play.
 *
 * <p>The figure is CPU time per request on the threads that ran each twin's requests ({@link ThreadCpuMeter}),
 * metered over unmetered, per round. Measured this way, both variants share one JVM's JIT compiler, garbage
 * collector, heap and moment: the differences between two JVMs (how well each got compiled, what else the machine
 * ran meanwhile) that made two-process comparisons read several percent with nothing to find are gone. What
 * remains is how each twin's own classes got compiled, which differs from run to run; hence several runs
 * ({@code bench/metering-one-jvm.sh}), alternating which twin is metered, and an A/A control ({@code --metered
 * none}, both unmetered) that shows what the method reads when there is nothing to find. The share is of the
 * application's own CPU, not of the whole process (HTTP parsing, GC and compilation are left out), so it states
 * metering's cost on the high side. A benchmark, not a test: it asserts nothing about speed.
 *
 * <p>Run: {@code bench/metering-one-jvm.sh}, or one JVM through Maven: {@code mvn -B -q -DskipTests install &&
 * mvn -B -q -pl sample-ehr -Pbenchmark verify -Dbenchmark.args="--metered a"}.
 */
@Command(name = "metering-benchmark", mixinStandardHelpOptions = true,
        description = "CPU per request of the gateway with metering on against off, both deployed in one JVM.")
public final class MeteringBenchmark implements Callable<Integer> {

    private static final String MRN_SYSTEM = "https://sample-ehr.fhirgateway.dev/mrn";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--metered", defaultValue = "a",
            description = "which twin is metered: a, b, or none (the A/A control: both unmetered). Default: ${DEFAULT-VALUE}")
    String metered;

    @Option(names = "--rounds", defaultValue = "8", description = "measured rounds. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--seconds", defaultValue = "10", description = "seconds per round. Default: ${DEFAULT-VALUE}")
    int seconds;

    @Option(names = "--warmup", defaultValue = "60", description = "warm-up seconds at least. Default: ${DEFAULT-VALUE}")
    int warmupSeconds;

    @Option(names = "--settle", defaultValue = "0.05", description = "after the warm-up, more windows of --seconds "
            + "until the CPU per request of both twins together changes by less than this from one window to the "
            + "next (at most 12 windows). Default: ${DEFAULT-VALUE}")
    double settle;

    @Option(names = "--threads", defaultValue = "4",
            description = "client threads per twin (each with one connection at a time). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--client", defaultValue = "demo-1001:demo-1001-secret",
            description = "client id and secret of a demo client of the sample EHR. Default: ${DEFAULT-VALUE}")
    String client;

    @Option(names = "--war", defaultValue = "target/fhir-gateway.war", description = "Default: ${DEFAULT-VALUE}")
    Path war;

    @Option(names = "--plugin-dir", defaultValue = "target/adapter-plugin", description = "Default: ${DEFAULT-VALUE}")
    Path pluginDir;

    private MeteringBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MeteringBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("a", "b", "none").contains(metered)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--metered: a, b or none, not " + metered);
        }
        // System properties outrank init parameters; one would give both twins the same setting.
        if (System.getProperty("fhirgateway.metrics.enabled") != null) {
            throw new IllegalStateException("unset the system property fhirgateway.metrics.enabled: it overrides each twin's");
        }
        Path dataDir = Files.createTempDirectory("metering-bench");
        try (SampleEhrServer ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                        .withDataDir(dataDir).withWar(war.toAbsolutePath()).withPluginDir(pluginDir.toAbsolutePath()));
                GatewayTwins twins = GatewayTwins.start(ehr, war.toAbsolutePath(), pluginDir.toAbsolutePath(),
                        metering(metered.equals("a")), metering(metered.equals("b")))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            AtomicReference<String> token = new AtomicReference<>(token(ehr.tokenEndpoint()));
            Workload workload = Workload.of(http, twins.fhirBase("a"), token.get());
            System.out.printf(Locale.ROOT, "metering benchmark, one JVM: twin a %s, twin b %s; %d threads per twin, "
                            + "%d s warm-up, %d rounds of %d s; %d patients in the mix%n",
                    metered.equals("a") ? "metered" : "unmetered", metered.equals("b") ? "metered" : "unmetered",
                    threads, warmupSeconds, rounds, seconds, workload.patientIds.size());
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(2 * threads);
            List<Future<?>> running = new ArrayList<>();
            for (String twin : List.of("a", "b")) {
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    running.add(clients.submit(() -> workload.drive(http, twins.fhirBase(twin), token, offset, stop)));
                }
            }
            try {
                pause(warmupSeconds, running);
                int settled = settle(twins, running);
                System.out.printf(Locale.ROOT, "warm after %d s%n", warmupSeconds + settled * seconds);
                String on = metered.equals("b") ? "b" : "a";
                String off = on.equals("a") ? "b" : "a";
                List<Double> ratios = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    token.set(token(ehr.tokenEndpoint()));   // a fresh token each round: never one expiring mid-run
                    ThreadCpuMeter.Reading onBefore = twins.meter(on).read();
                    ThreadCpuMeter.Reading offBefore = twins.meter(off).read();
                    pause(seconds, running);
                    ThreadCpuMeter.Reading onRound = twins.meter(on).read().since(onBefore);
                    ThreadCpuMeter.Reading offRound = twins.meter(off).read().since(offBefore);
                    double ratio = onRound.cpuMicrosPerRequest() / offRound.cpuMicrosPerRequest();
                    ratios.add(ratio);
                    System.out.printf(Locale.ROOT, "round %d: twin %s %.1f µs/req (%.0f req/s), twin %s %.1f µs/req "
                                    + "(%.0f req/s), ratio %s/%s %.4f%n", round,
                            on, onRound.cpuMicrosPerRequest(), onRound.requests() / (double) seconds,
                            off, offRound.cpuMicrosPerRequest(), offRound.requests() / (double) seconds,
                            on, off, ratio);
                }
                List<Double> sorted = ratios.stream().sorted().toList();
                System.out.printf(Locale.ROOT, "median ratio %s %.4f (quartiles %.4f–%.4f) over %d rounds%n",
                        metered.equals("none") ? "a/b, both unmetered (A/A control)" : "metered/unmetered",
                        quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), sorted.size());
            } finally {
                stop.set(true);
                clients.shutdown();
            }
            for (Future<?> f : running) {
                f.get();   // a client that failed fails the run, with its reason
            }
        }
        return 0;
    }

    /**
     * Waits out the rest of the JIT's work: three copies of the gateway's classes compile in this JVM, and one run's
     * CPU per request was still halving after 150 s where another's had levelled off. Returns the windows waited.
     */
    private int settle(GatewayTwins twins, List<Future<?>> running) throws Exception {
        double previous = Double.NaN;
        for (int window = 1; window <= 12; window++) {
            ThreadCpuMeter.Reading a = twins.meter("a").read();
            ThreadCpuMeter.Reading b = twins.meter("b").read();
            pause(seconds, running);
            ThreadCpuMeter.Reading ar = twins.meter("a").read().since(a);
            ThreadCpuMeter.Reading br = twins.meter("b").read().since(b);
            double both = new ThreadCpuMeter.Reading(ar.requests() + br.requests(), ar.cpuNanos() + br.cpuNanos())
                    .cpuMicrosPerRequest();
            if (Math.abs(both / previous - 1) < settle) {
                return window;
            }
            previous = both;
        }
        return 12;
    }

    private static Map<String, String> metering(boolean on) {
        return Map.of("fhirgateway.metrics.enabled", Boolean.toString(on));
    }

    /** Sleeps, but stops early with the reason when a client has failed. */
    private static void pause(int seconds, List<Future<?>> running) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (Future<?> f : running) {
                if (f.isDone()) {
                    f.get();
                    throw new IllegalStateException("a client stopped early");
                }
            }
            Thread.sleep(100);
        }
    }

    /** A token of the benchmark's client, by the project's token client (Nimbus), scope {@code system/*.rs}. */
    private String token(URI tokenEndpoint) throws Exception {
        int colon = client.indexOf(':');
        return TokenClient.accessToken(TokenClient.requestWithSecret(tokenEndpoint, client.substring(0, colon),
                client.substring(colon + 1), "system/*.rs"));
    }

    private static double quantile(List<Double> sorted, double q) {
        double at = q * (sorted.size() - 1);
        int low = (int) Math.floor(at);
        int high = (int) Math.ceil(at);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (at - low);
    }

    /** The request mix: the patients of the client's practice, read, found by MRN and searched for lab results. */
    private record Workload(List<String> patientIds, List<String> mrns) {

        static Workload of(HttpClient http, URI base, String token) throws Exception {
            JsonNode page = JSON.readTree(get(http, base.resolve("Patient?_count=50"), token));
            List<String> ids = new ArrayList<>();
            List<String> mrns = new ArrayList<>();
            for (JsonNode entry : page.path("entry")) {
                JsonNode patient = entry.path("resource");
                ids.add(patient.path("id").asText());
                for (JsonNode identifier : patient.path("identifier")) {
                    if (MRN_SYSTEM.equals(identifier.path("system").asText())) {
                        mrns.add(identifier.path("value").asText());
                    }
                }
            }
            if (ids.isEmpty() || mrns.isEmpty()) {
                throw new IllegalStateException("the practice has no patients with an MRN to read");
            }
            return new Workload(List.copyOf(ids), List.copyOf(mrns));
        }

        Void drive(HttpClient http, URI base, AtomicReference<String> token, int offset, AtomicBoolean stop)
                throws Exception {
            for (int i = offset; !stop.get(); i++) {
                String patient = patientIds.get(i % patientIds.size());
                URI uri = switch (i % 3) {
                    case 0 -> base.resolve("Patient/" + patient);
                    case 1 -> base.resolve("Patient?identifier=" + URLEncoder.encode(
                            MRN_SYSTEM + "|" + mrns.get(i % mrns.size()), StandardCharsets.UTF_8));
                    default -> base.resolve("Observation?patient=" + patient + "&category=laboratory");
                };
                get(http, uri, token.get());
            }
            return null;
        }

        private static String get(HttpClient http, URI uri, String token) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + " for " + uri.getPath());
            }
            return r.body();
        }
    }
}
