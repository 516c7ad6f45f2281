package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpTester;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile requests against every endpoint of the web application (deployed as the WAR deploys it,
 * web.xml included, JWT mode with a real JWKS, the in-memory adapters), with and without a valid token, GET
 * and POST. The cases come from a fixed seed, so every run sends the same {@value #CASES} requests.
 *
 * <p>Every value sent carries a marker ({@code zq} and random letters and digits) next to the hostile part
 * (markup, CR/LF, quotes, malformed escapes, non-ASCII, long runs). For every case: no 5xx but an adapter's
 * 503/504; an error answer is an {@code OperationOutcome} and contains no marker (body or headers); and after
 * the run the captured log holds none of the markers.
 *
 * <p>Not generated, because the container answers them before the web application and quotes the URL in its
 * own page (see the gateway's README): ambiguous paths ({@code %2F}, {@code ..}, encoded control characters),
 * request lines over the container's limits. Two answers are exempt from the OperationOutcome check: CDS
 * Hooks' documented 501 (a CDS Hooks JSON body, still checked for echoes) and {@code TRACE}, which Jetty's
 * default descriptor forbids (403, empty) before the web application.
 */
@DisplayName("Fuzzing the gateway over HTTP")
class GatewayFuzzTest {

    private static final long SEED = 20_261_202L;
    private static final int CASES = 620;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String[] HOSTILE = {
        "<script>alert(1)</script>", "'\"", "\r\nX-Injected: 1", "%", "%zz", "%E0%A4%A", "Ä é 😀", "${jndi:x}",
        "a|b", "x,y,z", "$everything", "Patient/1", "1 OR 1=1", "\u0000", "null", "-1", "99999999999999999999",
        "ge2020-13-45", "http://evil.example/", "_include", "=", "&", "#", ";", "\\", "+", "*", "a".repeat(300),
    };

    private static SecuredGateway gw;
    private static LogCapture log;
    private static String token;
    private static String realPageId;

    /** One generated request. */
    private record Case(int number, String description, String marker, String request) {
    }

    @BeforeAll
    static void start() throws Exception {
        log = LogCapture.start();
        gw = SecuredGateway.startWebApp(Map.of(InMemoryDocumentAdapterProvider.ENABLED_SETTING, "true",
                InMemoryClinicalAdapterProvider.ENABLED_SETTING, "true"), false);
        token = gw.token(InMemoryPatientAdapterProvider.PRACTICE_A, "system/*.rs");
        String next = SecuredGateway.parse(gw.get("/Patient?_count=2", token), Bundle.class).getLink("next").getUrl();
        realPageId = URI.create(next).getRawQuery();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    @DisplayName("620 seeded hostile requests: no 5xx, OperationOutcome errors, nothing echoed, nothing logged")
    void fuzz() throws Exception {
        List<Case> cases = generate(new Random(SEED));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(500);
        List<String> failures = new ArrayList<>();
        int errors = 0;
        for (Case c : cases) {
            HttpTester.Response r;
            try {
                r = RawHttp.exchange(InetAddress.getByName("127.0.0.1"), gw.gateway.port(),
                        c.request().getBytes(StandardCharsets.UTF_8), c.request().startsWith("HEAD "));
            } catch (Exception e) {
                failures.add(c.number() + " " + c.description() + ": no HTTP answer (" + e + ")");
                continue;
            }
            int status = r.getStatus();
            if (c.request().startsWith("TRACE ") && status == 403 && r.getContent().isEmpty()) {
                continue; // Jetty's default descriptor forbids TRACE before the web application (README)
            }
            boolean cdsHooks = c.request().contains(" /fhir-gateway/cds-services") && status == 501;
            if (cdsHooks) {
                // CDS Hooks is refused on purpose with 501 and a CDS Hooks (not FHIR) JSON body; nothing echoed.
                assertThat(r.getContent()).contains("not_implemented").doesNotContain(c.marker());
                continue;
            }
            if (status >= 500 && status != 503 && status != 504) {
                failures.add(c.number() + " " + c.description() + ": status " + status);
            }
            if (status >= 400) {
                errors++;
                String body = r.getContent();
                if (!c.request().startsWith("HEAD ") && !isOperationOutcome(body)) {
                    failures.add(c.number() + " " + c.description() + ": status " + status + " without an"
                            + " OperationOutcome: " + abbreviate(body));
                }
                String headers = r.stream().map(HttpField::toString).reduce("", String::concat);
                if ((body + headers).toLowerCase(Locale.ROOT).contains(c.marker().toLowerCase(Locale.ROOT))) {
                    failures.add(c.number() + " " + c.description() + ": status " + status + " echoes the sent value");
                }
            }
        }
        assertThat(failures).as("cases that failed").isEmpty();
        assertThat(errors).as("most hostile requests are refused").isGreaterThan(CASES / 2);

        String logged = log.text();
        assertThat(logged).as("the log capture works: it holds the audit lines of the run").contains("interaction=")
                .contains("status=400");
        List<String> inLog = cases.stream().map(Case::marker)
                .filter(m -> logged.toLowerCase(Locale.ROOT).contains(m.toLowerCase(Locale.ROOT))).toList();
        assertThat(inLog).as("sent values found in the log").isEmpty();
    }

    private static boolean isOperationOutcome(String body) {
        try {
            return FHIR.newJsonParser().parseResource(body) instanceof OperationOutcome;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<Case> generate(Random random) {
        List<Function<String, String[]>> templates = templates();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String marker = "zq" + randomAlnum(random, 8);
            String value = random.nextInt(4) == 0 ? marker : marker + HOSTILE[random.nextInt(HOSTILE.length)];
            if (random.nextInt(5) == 0) {
                value = HOSTILE[random.nextInt(HOSTILE.length)] + value;
            }
            boolean withToken = random.nextBoolean();
            Function<String, String[]> template = templates.get(i % templates.size());
            String[] parts = template.apply(value); // method, target, content type, body, extra header
            List<String> headers = new ArrayList<>();
            if (withToken) {
                headers.add("Authorization: Bearer " + token);
            } else if (random.nextInt(4) == 0) {
                headers.add("Authorization: Bearer " + encodedForHeader(value));
            }
            if (parts.length > 4 && parts[4] != null) {
                headers.add(parts[4]);
            }
            String request = RawHttp.request(parts[0], parts[1], parts[2], parts[3], headers.toArray(String[]::new));
            cases.add(new Case(i, parts[0] + " " + abbreviate(parts[1]) + (withToken ? " (token)" : ""), marker,
                    request));
        }
        return cases;
    }

    /** Each template places the value somewhere: {method, target, content type, body, extra header}. */
    private static List<Function<String, String[]>> templates() {
        String f = "/fhir-gateway/fhir";
        return List.of(
                v -> get(f + "/metadata?_format=" + q(v)),
                v -> get(f + "/metadata?" + q(v) + "=" + q(v)),
                v -> get(f + "/Patient/" + p(v)),
                v -> get(f + "/Patient?name=" + q(v)),
                v -> get(f + "/Patient?identifier=" + q(v)),
                v -> get(f + "/Patient?birthdate=" + q(v)),
                v -> get(f + "/Patient?_count=" + q(v)),
                v -> get(f + "/Patient?_include=" + q(v)),
                v -> get(f + "/Patient?_revinclude=" + q(v)),
                v -> get(f + "/Patient?gender=" + q(v) + "&_sort=" + q(v)),
                v -> get(f + "/Observation?patient=" + q(v) + "&category=" + q(v)),
                v -> get(f + "/Patient?name=" + qRaw(v)),
                v -> new String[] {"POST", f + "/Patient/_search", "application/x-www-form-urlencoded",
                    "name=" + q(v) + "&identifier=" + q(v)},
                v -> new String[] {"POST", f + "/Patient/_search", "application/x-www-form-urlencoded",
                    "name=" + qRaw(v)},
                v -> new String[] {"POST", f + "/Observation/_search?patient=" + q(v),
                    "application/x-www-form-urlencoded; charset=" + p(v), "category=" + q(v)},
                v -> get(f + "/DocumentReference/$docref?patient=" + q(v) + "&start=" + q(v)),
                v -> new String[] {"POST", f + "/DocumentReference/$docref", "application/fhir+json",
                    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\",\"valueId\":\""
                            + json(v) + "\"}]}"},
                v -> new String[] {"POST", f + "/DocumentReference/$docref", "application/fhir+json",
                    "{\"resourceType\":\"" + json(v) + "\"}"},
                v -> get(f + "?_getpages=" + q(v)),
                v -> get(f + "?_getpages=" + q(v) + "&_pageId=" + q(v)),
                v -> get(f + "?" + realPageId.replaceFirst("_pageId=.{4}", "_pageId=" + q(v))),
                v -> get(f + "?" + realPageId + q(v)),
                v -> get("/fhir-gateway/health?" + q(v)),
                v -> get("/fhir-gateway/health/" + p(v)),
                v -> get("/fhir-gateway/metrics?name=" + q(v)),
                v -> get("/fhir-gateway/usage?from=" + q(v) + "&to=" + q(v)),
                v -> get("/fhir-gateway/usage?format=" + q(v)),
                v -> get("/fhir-gateway/cds-services/" + p(v)),
                v -> new String[] {"POST", "/fhir-gateway/cds-services/" + p(v), "application/json",
                    "{\"hook\":\"" + json(v) + "\"}"},
                v -> get("/fhir-gateway/" + p(v)),
                v -> get(f + "/" + p(v) + "/" + p(v)),
                v -> get(f + "/Patient/a1/" + p(v)),
                v -> get(f + "/Zz" + p(v) + "/1"),
                v -> new String[] {"PUT", f + "/Patient/" + p(v), "application/fhir+json",
                    "{\"resourceType\":\"Patient\",\"id\":\"" + json(v) + "\"}"},
                v -> new String[] {"DELETE", f + "/Patient/" + p(v), null, null},
                v -> new String[] {"POST", f + "/Patient", "application/fhir+json",
                    "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + json(v) + "\"}]}"},
                v -> new String[] {"GET", f + "/Patient?name=" + q(v), null, null, "Accept: " + encodedForHeader(v)},
                v -> new String[] {"GET", f + "/Patient/a1", null, null, "Prefer: " + encodedForHeader(v)},
                v -> new String[] {"HEAD", f + "/Patient/" + p(v), null, null},
                v -> new String[] {"POST", f + "/Patient/_search", "application/x-www-form-urlencoded",
                    "name=" + q(v), "Content-Length: 4000"},
                v -> new String[] {"TRACE", f + "/Patient/" + p(v), null, null},
                v -> new String[] {"FUZZ", "/fhir-gateway/health/" + p(v), null, null});
    }

    private static String[] get(String target) {
        return new String[] {"GET", target, null, null};
    }

    /** Query-encoded. */
    private static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** Query-encoded but with the hostile escapes kept raw (a malformed query). */
    private static String qRaw(String v) {
        return q(v).replace("%25", "%");
    }

    /** One path segment: encoded, never a separator or dot segment (the container answers those itself). */
    private static String p(String v) {
        return q(v).replace(".", "_").replace("%2F", "_").replace("%5C", "_").replace("%2E", "_").replace("%3B", "_")
                .replace("%25", "_").replaceAll("%[01][0-9A-F]|%7F", "_");
    }

    /** A header value: printable ASCII only (the container refuses others itself). */
    private static String encodedForHeader(String v) {
        return q(v);
    }

    private static String json(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
    }

    private static String randomAlnum(Random random, int length) {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
