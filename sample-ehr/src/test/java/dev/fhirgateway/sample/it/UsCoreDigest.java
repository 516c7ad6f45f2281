package dev.fhirgateway.sample.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The digest of the US Core 6.1.0 server CapabilityStatement in {@code ../shared/us-core} beside the checkout
 * (every search, combination, include and operation with its expectation). Missing, it fails the test: never skips.
 */
final class UsCoreDigest {

    /** One search: its parameters (one, or a combination) and its expectation. */
    record Search(String type, List<String> params, String expectation) {
        String name() {
            return type + "?" + String.join("+", params);
        }
    }

    private static final String PROPERTY = "fhirgateway.us-core-digest";
    private final JsonNode root;

    private UsCoreDigest(JsonNode root) {
        this.root = root;
    }

    static UsCoreDigest load() {
        String configured = System.getProperty(PROPERTY);
        Path file = configured != null ? Path.of(configured)
                : Path.of("..", "..", "shared", "us-core", "us-core-6.1.0-server.json").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("The US Core 6.1.0 server digest is not at " + file + " (shared/us-core beside the"
                    + " repository); point -D" + PROPERTY + " at it.");
        }
        try {
            return new UsCoreDigest(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> resources() {
        List<JsonNode> out = new ArrayList<>();
        root.get("resources").forEach(out::add);
        return out;
    }

    List<String> shallTypes() {
        return resources().stream().filter(r -> "SHALL".equals(r.get("expectation").asText()))
                .map(r -> r.get("type").asText()).toList();
    }

    Optional<JsonNode> resource(String type) {
        return resources().stream().filter(r -> r.get("type").asText().equals(type)).findFirst();
    }

    Optional<JsonNode> param(String type, String name) {
        return resource(type).flatMap(r -> {
            for (JsonNode p : r.get("searchParams")) {
                if (p.get("name").asText().equals(name)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        });
    }

    /** The single-parameter and combined searches of a type with one of the expectations. */
    List<Search> searches(String type, List<String> expectations) {
        List<Search> out = new ArrayList<>();
        resource(type).ifPresent(r -> {
            r.get("searchParams").forEach(p -> {
                if (expectations.contains(p.get("expectation").asText())) {
                    out.add(new Search(type, List.of(p.get("name").asText()), p.get("expectation").asText()));
                }
            });
            r.get("combinedSearches").forEach(c -> {
                if (expectations.contains(c.get("expectation").asText())) {
                    List<String> params = new ArrayList<>();
                    c.get("params").forEach(n -> params.add(n.asText()));
                    out.add(new Search(type, params, c.get("expectation").asText()));
                }
            });
        });
        return out;
    }

    /** Every {@code _include} US Core lists, as {@code [type, value, expectation]}. */
    List<String[]> includes() {
        List<String[]> out = new ArrayList<>();
        resources().forEach(r -> r.get("include").forEach(i -> out.add(new String[] {r.get("type").asText(),
                i.get("value").asText(), i.get("expectation").asText()})));
        return out;
    }

    /** The types whose {@code _revinclude=Provenance:target} is SHALL. */
    List<String> provenanceRevincludeTypes() {
        return resources().stream().filter(r -> {
            for (JsonNode rev : r.get("revinclude")) {
                if (rev.get("value").asText().equals("Provenance:target") && rev.get("expectation").asText().equals("SHALL")) {
                    return true;
                }
            }
            return false;
        }).map(r -> r.get("type").asText()).toList();
    }
}
