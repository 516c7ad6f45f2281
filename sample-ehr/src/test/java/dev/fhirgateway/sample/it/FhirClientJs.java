package dev.fhirgateway.sample.it;

import dev.fhirgateway.spi.kit.RequiredInCi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SMART's JavaScript client library, {@code fhirclient} from the npm registry, pinned to {@value #VERSION} and to
 * its registry integrity hash: {@code npm pack fhirclient@VERSION} into {@code target/npm/} (once; later runs reuse
 * the verified tarball), then its minified browser build {@code package/build/fhir-client.min.js} is unpacked
 * with {@code tar}. Nothing is committed: the build reproduces the exact bytes from the registry.
 *
 * <p>Without {@code npm} the browser test is skipped with a message, unless required: in CI ({@code CI=true}) or
 * with {@code -Dgateway.it.chromium.required=true}, where it fails ({@code .ci/run} installs npm).
 */
final class FhirClientJs {

    static final String VERSION = "2.6.3";
    /** The registry's {@code dist.integrity} of fhirclient 2.6.3. */
    static final String INTEGRITY =
            "sha512-CirZixcwWelbkIXxpxlNQx5+ZdJirl6F1s4y4yvA1X7hHAkr9n99aVHaMi0wX+97nATjKQ65X6NB5as/wZoJzg==";
    static final String FILE = "fhir-client.min.js";

    private FhirClientJs() {
    }

    /** Copies the verified {@value #FILE} into {@code appDir}; skips (or fails where required) without npm. */
    static void installInto(Path appDir) throws Exception {
        Path npmDir = Files.createDirectories(Path.of("target", "npm").toAbsolutePath());
        Path tarball = npmDir.resolve("fhirclient-" + VERSION + ".tgz");
        if (!Files.isRegularFile(tarball) || !INTEGRITY.equals(integrity(tarball))) {
            if (!onPath("npm")) {
                skipOrFail("npm is not installed (Debian package npm)");
            }
            run(npmDir, List.of("npm", "pack", "fhirclient@" + VERSION, "--pack-destination", npmDir.toString(),
                    "--silent"));
        }
        String actual = integrity(tarball);
        if (!INTEGRITY.equals(actual)) {
            throw new IllegalStateException("fhirclient " + VERSION + " from npm does not match its pinned integrity: "
                    + actual);
        }
        Path unpacked = npmDir.resolve("fhirclient-" + VERSION);
        Files.createDirectories(unpacked);
        run(unpacked, List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString(),
                "package/build/" + FILE));
        Files.copy(unpacked.resolve("package/build/" + FILE), appDir.resolve(FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void skipOrFail(String why) {
        RequiredInCi.missing(why + ".", "the SMART browser test", "apt-get install chromium chromium-driver npm,"
                + " then mvn -B -pl ehr-adapter-spi,gateway-api,gateway-impl,sample-ehr verify -Dit.test=SmartAppBrowserIT"
                + " -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false", "gateway.it.chromium.required", null);
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String integrity(Path file) throws Exception {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha512.update(buffer, 0, n);
            }
        }
        return "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Path.of("target"), "npm-", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 300 s; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                    + Files.readString(log));
        }
    }
}
