package dev.fhirgateway.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.api.GatewayMetrics;
import dev.fhirgateway.spi.kit.RequiredInCi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The monitoring assets in {@code docs/}: the alert rules pass {@code promtool check rules}, and the rules, the
 * Grafana dashboard and {@code docs/metrics.md} only name metrics the gateway actually exports.
 */
@DisplayName("Monitoring assets in docs/")
class MonitoringAssetsTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern METRIC = Pattern.compile("fhirgateway_[a-z_]+");
    /** Prometheus families of the gateway's meters: the Micrometer names with unit and type suffixes. */
    private static final Set<String> EXPORTED = exported();

    @Test
    @DisplayName("the alert rules are valid for Prometheus (promtool check rules)")
    void alertRulesPassPromtool() throws Exception {
        Path promtool = Path.of(System.getenv().getOrDefault("PROMTOOL_BIN", "/usr/bin/promtool"));
        if (!Files.isExecutable(promtool)) {
            RequiredInCi.missing("promtool is not installed at " + promtool + ".", "the alert rule check",
                    "apt-get install prometheus (or set PROMTOOL_BIN).", null, null);
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", DOCS.resolve("prometheus/alerts.yml")
                .toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    @DisplayName("the dashboard is Grafana JSON whose queries, like the rules and docs, name exported metrics only")
    void assetsNameExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana/fhir-gateway-dashboard.json").toFile());
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(exprs).isNotEmpty().allMatch(e -> !e.isBlank());
        Set<String> named = new TreeSet<>();
        exprs.forEach(e -> named.addAll(metrics(e)));
        named.addAll(metrics(Files.readString(DOCS.resolve("prometheus/alerts.yml"))));
        named.addAll(metrics(Files.readString(DOCS.resolve("metrics.md"))));
        assertThat(named).isNotEmpty();
        assertThat(EXPORTED).containsAll(named);
    }

    @Test
    @DisplayName("the dashboard's queries all use its one data source variable, so the source chosen applies everywhere")
    void dashboardDataSourceIsConsistent() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana/fhir-gateway-dashboard.json").toFile());
        Set<String> variables = new TreeSet<>();
        dashboard.path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("datasource")) {
                variables.add("${" + v.path("name").asText() + "}");
            }
        });
        dashboard.path("__inputs").forEach(i -> variables.add("${" + i.path("name").asText() + "}"));
        assertThat(variables).as("data source variables and import inputs").hasSize(1);
        List<String> used = new ArrayList<>();
        collectDataSourceUids(dashboard, used);
        assertThat(used).isNotEmpty().allMatch(variables::contains);
    }

    @Test
    @DisplayName("5xx ratios leave out CDS Hooks' 501, a refusal by design")
    void serverErrorRatiosIgnoreRefusalsByDesign() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana/fhir-gateway-dashboard.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        // One expression per alert rule.
        for (String rule : Files.readString(DOCS.resolve("prometheus/alerts.yml")).split("- alert:")) {
            exprs.add(rule);
        }
        List<String> fiveXx = exprs.stream().filter(e -> e.contains("outcome=~\"5..\"")).toList();
        assertThat(fiveXx).hasSizeGreaterThanOrEqualTo(2);
        for (String e : fiveXx) {
            Matcher m = Pattern.compile("fhirgateway_requests_seconds_count(\\{[^}]*})?").matcher(e);
            while (m.find()) {
                assertThat(m.group()).as("a request count in a 5xx ratio").contains("interaction!=\"cds-refused\"");
            }
        }
    }

    private static void collectDataSourceUids(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode ds = node.get("datasource");
            if (ds != null && ds.has("uid")) {
                out.add(ds.get("uid").asText());
            }
            node.fields().forEachRemaining(f -> collectDataSourceUids(f.getValue(), out));
        } else if (node.isArray()) {
            node.forEach(n -> collectDataSourceUids(n, out));
        }
    }

    private static Set<String> metrics(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            // Strip the per-series suffixes; "_seconds_{count,...}" in the docs' table leaves "..._seconds_".
            found.add(m.group().replaceAll("_(count|sum|max|bucket|total)$", "").replaceAll("_$", ""));
        }
        return found;
    }

    private static Set<String> exported() {
        Set<String> out = new TreeSet<>();
        for (String timer : List.of(GatewayMetrics.REQUESTS, GatewayMetrics.ADAPTER_CALLS, GatewayMetrics.EXPORT_JOBS)) {
            out.add(timer.replace('.', '_') + "_seconds");
        }
        for (String summary : List.of(GatewayMetrics.RESPONSE_RESOURCES, GatewayMetrics.SEARCH_PAGE_DEPTH)) {
            out.add(summary.replace('.', '_'));
        }
        out.add(GatewayMetrics.RESPONSE_BYTES.replace('.', '_'));
        for (String counter : List.of(GatewayMetrics.WRITES_REFUSED, GatewayMetrics.CDS_HOOKS_ATTEMPTS,
                GatewayMetrics.AUTH_FAILURES, GatewayMetrics.PRACTICES_CAPPED, GatewayMetrics.CLIENTS_CAPPED,
                GatewayMetrics.LIMIT_REQUESTS, GatewayMetrics.LIMIT_STORE_FAILURES, GatewayMetrics.EXPORT_RESOURCES,
                GatewayMetrics.EXPORT_BYTES)) {
            out.add(counter.replace('.', '_'));
        }
        out.add(GatewayMetrics.LIMIT_STORE_AVAILABLE.replace('.', '_'));
        return out;
    }
}
