package dev.fhirgateway.spi.kit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it talks to (a database, a browser, a server binary) is not there: on a
 * developer's machine it says so loudly and is skipped, so the build still passes on a fresh machine; in CI
 * ({@code CI=true}) or with {@code -D<property>=true} it fails, so a missing service never turns into a silently
 * skipped test. An adapter's own tests against its EHR's database use it the same way.
 *
 * <pre>{@code
 * if (!reachable(url)) {
 *     RequiredInCi.missing("PostgreSQL at " + url + " is not reachable.", "the PostgreSQL tests",
 *             "start PostgreSQL on 127.0.0.1:5432", "myadapter.it.postgres.required", e);
 * }
 * }</pre>
 */
public final class RequiredInCi {

    private RequiredInCi() {
    }

    /** Whether a missing service fails the test here: {@code CI=true}, or the system property set to true. */
    public static boolean isRequired(String requiredProperty) {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || (requiredProperty != null && Boolean.getBoolean(requiredProperty));
    }

    /**
     * Ends the current test because a service is missing: fails it where services are required, else prints one
     * line starting with {@code *** SKIPPING} to standard error and aborts it (JUnit reports it skipped).
     *
     * @param what what is missing, e.g. {@code "Chromium is not installed at /usr/bin/chromium."}
     * @param skipped what is skipped, e.g. {@code "the browser test of the developer pages"}
     * @param howToRun how to get the service, e.g. {@code "apt-get install chromium"}
     * @param requiredProperty the system property that makes the service required outside CI, or null
     * @param cause why the service was found missing, or null
     */
    public static void missing(String what, String skipped, String howToRun, String requiredProperty,
            Throwable cause) {
        missing(what, skipped, howToRun, requiredProperty, cause, isRequired(requiredProperty));
    }

    static void missing(String what, String skipped, String howToRun, String requiredProperty, Throwable cause,
            boolean required) {
        String message = what
                + (required ? " It is required here (CI=true" + (requiredProperty == null ? ""
                        : " or -D" + requiredProperty + "=true") + ")." : " SKIPPING " + skipped + ".")
                + " To run: " + howToRun;
        if (required) {
            Assertions.fail(message, cause);
        }
        System.err.println("*** " + message + " ***");
        Assumptions.abort(message);
    }
}
