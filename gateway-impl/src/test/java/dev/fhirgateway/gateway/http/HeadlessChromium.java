package dev.fhirgateway.gateway.http;

import dev.fhirgateway.spi.kit.RequiredInCi;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real browser for page tests: Chromium (Debian package {@code chromium}) in headless mode, one process per
 * page, each with a new profile directory, every network feature it would use on its own switched off; it only
 * loads the URL given (127.0.0.1).
 *
 * <p>Without the binary the test is skipped with a message saying how to run it, unless Chromium is required: in
 * CI ({@code CI=true}) or with {@code -Dgateway.it.chromium.required=true}, where the test fails ({@code .ci/run}
 * installs it). {@code CHROMIUM_BIN} names another binary.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;

    private final String binary;
    private final Path dir;
    private int runs;

    private HeadlessChromium(String binary, Path dir) {
        this.binary = binary;
        this.dir = dir;
    }

    /** Chromium, or the test skipped (failed where required) when it is not installed. */
    static HeadlessChromium findOrSkip() throws IOException {
        String binary = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(binary))) {
            RequiredInCi.missing("Chromium is not installed at " + binary + ".",
                    "the browser test of the developer pages",
                    "apt-get install chromium (or set CHROMIUM_BIN to a chromium binary), then"
                            + " mvn -B -pl gateway-impl -am test -Dtest=DeveloperPagesBrowserTest"
                            + " -Dsurefire.failIfNoSpecifiedTests=false", "gateway.it.chromium.required", null);
        }
        return new HeadlessChromium(binary, Files.createTempDirectory(Path.of("target"), "chromium-"));
    }

    /** The page's DOM after it loaded, serialized ({@code --dump-dom}). */
    String dumpDom(URI page) throws Exception {
        Path out = dir.resolve("dom-" + (++runs) + ".html");
        run(List.of("--dump-dom", page.toString()), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG screenshot of the page in a window of that size. */
    Path screenshot(URI page, int width, int height) throws Exception {
        Path png = dir.resolve("screenshot-" + (++runs) + ".png");
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toString()), dir.resolve("screenshot-" + runs + ".log"));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot; see " + dir.resolve("screenshot-" + runs + ".log"));
        }
        return png;
    }

    private void run(List<String> arguments, Path stdout) throws Exception {
        Path profile = Files.createDirectory(dir.resolve("profile-" + runs));
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(arguments);
        Path log = dir.resolve("chromium-" + runs + ".log");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("chromium did not finish in " + TIMEOUT_SECONDS + " s; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + p.exitValue() + "; see " + log);
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
