package dev.fhirgateway.spi.kit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the kit's generated tab-separated resource files (see {@code src/build/generate-us-core-digests.py}). */
final class KitResourceFiles {

    private KitResourceFiles() {
    }

    /** The rows of a resource file next to this class, split on tabs; comment lines ({@code #}) left out. */
    static List<String[]> rows(String name) {
        try (InputStream in = KitResourceFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("kit resource " + name + " is missing from the kit jar");
            }
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kit resource " + name, e);
        }
    }
}
