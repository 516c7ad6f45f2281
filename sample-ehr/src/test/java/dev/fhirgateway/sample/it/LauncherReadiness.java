package dev.fhirgateway.sample.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for a launcher process (java -jar sample-ehr.jar) to report its gateway ready. */
final class LauncherReadiness {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LauncherReadiness() {
    }

    /**
     * Returns once {@code ready} answers 200; fails with the launcher's console when it exits first or is not
     * ready within {@code limit}.
     */
    static void await(URI ready, Process launcher, Path console, Duration limit) throws IOException {
        try {
            org.awaitility.Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!launcher.isAlive()) {
                    throw new AssertionError("the launcher exited. Its console:\n" + Files.readString(console));
                }
                try {
                    return HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false; // The launcher opens its port after seeding the database.
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the gateway did not report ready within " + limit + ". Console:\n"
                    + Files.readString(console), e);
        }
    }
}
