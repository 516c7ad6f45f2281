package dev.fhirgateway.sample;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text the launcher prints once started: URLs to try, with the demo practices' PINs and a few MRNs. This is
 * the one place fictional patient data is printed on purpose; log lines carry none.
 */
final class StartupBanner {

    private static final int MRNS_PER_PRACTICE = 4;

    private StartupBanner() {
    }

    static String text(SampleEhrServer server) {
        List<PracticeDirectory.PracticeOverview> practices = server.practices(MRNS_PER_PRACTICE);
        URI fhir = server.gatewayBaseUri();
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("Sample EHR is running.").append(System.lineSeparator());
        line(out, "  EHR page:          " + server.ehrPageUri());
        line(out, "  FHIR metadata:     " + fhir.resolve("metadata"));
        if (!practices.isEmpty() && !practices.get(0).firstPatients().isEmpty()) {
            PracticeDirectory.PracticeOverview first = practices.get(0);
            String mrn = first.firstPatients().get(0).mrn();
            line(out, "");
            line(out, "Try:");
            line(out, "  curl " + fhir.resolve("metadata"));
            line(out, "  curl -H 'X-Practice-Pin: " + first.pin() + "' '" + fhir.resolve("Patient?identifier=" + mrn)
                    + "'");
            line(out, "  curl -H 'X-Practice-Pin: " + first.pin() + "' '" + fhir.resolve("Patient?name=smith") + "'");
        }
        line(out, "");
        line(out, "Practices (send the PIN in the X-Practice-Pin header):");
        for (PracticeDirectory.PracticeOverview practice : practices) {
            String mrns = practice.firstPatients().stream()
                    .map(PracticeDirectory.PatientListing::mrn)
                    .collect(Collectors.joining(", "));
            line(out, "  PIN " + practice.pin() + "  " + practice.name() + " (" + practice.patientCount()
                    + " patients), e.g. MRNs " + mrns);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append(System.lineSeparator());
    }
}
