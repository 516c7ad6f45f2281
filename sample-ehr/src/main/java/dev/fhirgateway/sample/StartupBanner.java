package dev.fhirgateway.sample;

import dev.fhirgateway.sample.auth.DemoClients;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text the launcher prints once started (on standard output, not in the log): URLs to try, with the demo
 * practices' PINs, a few MRNs, and the demo clients' published development secrets. This is the one place
 * fictional patient data and credentials are printed on purpose; log lines carry none. Only MRNs of the built-in
 * fictional seed ({@link SeedData#practices()}) are printed: patients someone imported may be real people.
 */
final class StartupBanner {

    private static final int MRNS_PER_PRACTICE = 4;

    private StartupBanner() {
    }

    static String text(SampleEhrServer server) {
        // Generously more than printed: imported patients may come first alphabetically and are left out.
        List<PracticeDirectory.PracticeOverview> practices = server.practices(MRNS_PER_PRACTICE * 10);
        Map<String, Set<String>> seedMrns = SeedData.practices().stream().collect(Collectors.toMap(
                SeedPractice::pin, p -> p.patients().stream().map(NewPatient::mrn).collect(Collectors.toSet())));
        URI fhir = server.gatewayBaseUri();
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("Sample EHR is running.").append(System.lineSeparator());
        line(out, "  EHR page:          " + server.ehrPageUri());
        line(out, "  FHIR metadata:     " + fhir.resolve("metadata"));
        // The gateway's pages for app developers (fhirgateway.docs.enabled, on by default): no token needed.
        line(out, "  API docs:          " + fhir.resolve("../docs/") + "   (for app developers; generated from what"
                + " the gateway serves)");
        server.remoteAdapterDatabase().ifPresent(remote -> {
            // What a gateway in a separate servlet container sets as fhirgateway.adapter.jdbc.* (docs/deploy.md);
            // only with --h2-port. The password is this start's: the next start makes a new one.
            line(out, "  Adapter database:  " + remote.jdbcUrl() + "   (loopback, --h2-port)");
            line(out, "    user " + remote.account().user() + ", password " + remote.account().password()
                    + "   (reads the records only; new on every start)");
        });
        PracticeDirectory.PracticeOverview first = practices.isEmpty() ? null : practices.get(0);
        List<String> firstMrns = first == null ? List.of() : exampleMrns(first, seedMrns);
        if (!firstMrns.isEmpty()) {
            String mrn = firstMrns.get(0);
            line(out, "");
            line(out, "Try:");
            line(out, "  curl " + fhir.resolve("metadata"));
            if (server.developmentPracticeHeader()) {
                line(out, "  curl -H 'X-Practice-Pin: " + first.pin() + "' '" + fhir.resolve("Patient?identifier=" + mrn)
                        + "'");
            } else {
                line(out, "  TOKEN=$(curl -s -u " + DemoClients.clientId(first.pin()) + ":"
                        + DemoClients.secret(first.pin()) + " -d grant_type=client_credentials -d 'scope="
                        + DemoClients.SCOPES.split(" ")[0] + "' " + server.tokenEndpoint()
                        + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
                line(out, "  curl -H \"Authorization: Bearer $TOKEN\" '" + fhir.resolve("Patient?identifier=" + mrn)
                        + "'");
            }
        }
        line(out, "");
        if (server.developmentPracticeHeader()) {
            line(out, "DEVELOPMENT SWITCH: no access tokens; the gateway takes the practice from X-Practice-Pin.");
            line(out, "Practices (send the PIN in the X-Practice-Pin header):");
        } else {
            line(out, "Development authorization server (a stand-in for your EHR's own; DEV ONLY, published secrets):");
            line(out, "  token endpoint:    " + server.tokenEndpoint() + "   (client_credentials;"
                    + " client_secret_basic or private_key_jwt)");
            line(out, "  JWKS:              " + server.jwksUri());
            line(out, "  authorize (SMART): " + server.authorizationEndpoint() + "   (code + PKCE S256; log in as"
                    + " patient-PIN, clinician-PIN; password: user name + \"-password\")");
            line(out, "  register an app:   " + server.ehrPageUri().resolve("register") + "  (pending until admin-PIN"
                    + " approves it at " + server.ehrPageUri().resolve("registrations") + ")");
            line(out, "                     or java -jar sample-ehr.jar client add --practice PIN --use-case"
                    + " system|patient|practitioner --scopes ... (EHR stopped, or --db of a database server)");
            line(out, "  EHR launch:        " + server.ehrPageUri().resolve("launch"));
            line(out, "Practices, with their demo client (id:secret, scopes " + DemoClients.SCOPES + "):");
        }
        for (PracticeDirectory.PracticeOverview practice : practices) {
            List<String> mrns = exampleMrns(practice, seedMrns);
            line(out, "  PIN " + practice.pin() + "  " + practice.name() + " (" + practice.patientCount()
                    + " patients)" + (mrns.isEmpty() ? "" : ", e.g. MRNs " + String.join(", ", mrns)));
            if (!server.developmentPracticeHeader()) {
                line(out, "            demo client " + DemoClients.clientId(practice.pin()) + ":"
                        + DemoClients.secret(practice.pin()));
            }
        }
        return out.toString();
    }

    /** The first few MRNs of the practice's patients that belong to the built-in fictional seed. */
    private static List<String> exampleMrns(PracticeDirectory.PracticeOverview practice,
            Map<String, Set<String>> seedMrns) {
        Set<String> fictional = seedMrns.getOrDefault(practice.pin(), Set.of());
        return practice.firstPatients().stream()
                .map(PracticeDirectory.PatientListing::mrn)
                .filter(fictional::contains)
                .limit(MRNS_PER_PRACTICE)
                .toList();
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append(System.lineSeparator());
    }
}
