package dev.fhirgateway.sample.fhirimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public Inferno US Core test patients in {@code ../shared/fixtures/inferno} beside the checkout (CI has it).
 * Missing fixtures fail the test that needs them, saying where they are expected: they never skip it.
 */
final class InfernoFixtures {

    private static final String PROPERTY = "fhirgateway.inferno-fixtures";

    private InfernoFixtures() {
    }

    static Path folder() {
        String configured = System.getProperty(PROPERTY);
        // Maven runs tests in the module folder: the shared folder sits beside the repository.
        Path folder = configured != null ? Path.of(configured)
                : Path.of("..", "..", "shared", "fixtures", "inferno").toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new AssertionError("The Inferno US Core fixtures are not at " + folder + ". They are in the shared"
                    + " folder beside the repository (shared/fixtures/inferno); point -D" + PROPERTY + " at them.");
        }
        return folder;
    }

    /** The patient Bundles ({@code uscore_bundle_patient_*.json}). */
    static List<Path> patientBundles() {
        try (Stream<Path> files = Files.list(folder())) {
            List<Path> bundles = files.filter(f -> f.getFileName().toString().startsWith("uscore_bundle_patient_"))
                    .sorted().toList();
            if (bundles.isEmpty()) {
                throw new AssertionError("no uscore_bundle_patient_*.json in " + folder());
            }
            return bundles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String name) {
        Path file = folder().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("fixture missing: " + file);
        }
        return file;
    }
}
