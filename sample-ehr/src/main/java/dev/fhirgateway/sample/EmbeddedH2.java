package dev.fhirgateway.sample;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** What the launcher needs to know about an embedded H2 URL: whether it is one, and where its files are. */
final class EmbeddedH2 {

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** The files H2 keeps beside a database named {@code name}: {@code name.mv.db}, its trace and lock files. */
    private static final String[] FILE_SUFFIXES = {".mv.db", ".trace.db", ".lock.db"};

    private EmbeddedH2() {
    }

    /** Whether a URL opens H2 in this JVM (a file or in-memory database), as opposed to a remote server. */
    static boolean isEmbedded(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:tcp:")
                && !jdbcUrl.startsWith("jdbc:h2:ssl:");
    }

    /**
     * The database part of an embedded URL: an absolute file path (without H2's {@code .mv.db}), or
     * {@code mem:name}. URL settings are dropped.
     */
    static String databaseName(String embeddedUrl) {
        String name = embeddedUrl.substring("jdbc:h2:".length());
        int settings = name.indexOf(';');
        if (settings >= 0) {
            name = name.substring(0, settings);
        }
        if (name.startsWith("mem:")) {
            return name;
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Path.of(name).toAbsolutePath().normalize().toString();
    }

    /** The database file path of an embedded file URL (without {@code .mv.db}); empty for in-memory databases. */
    static Optional<Path> databasePath(String embeddedUrl) {
        String name = databaseName(embeddedUrl);
        return name.startsWith("mem:") ? Optional.empty() : Optional.of(Path.of(name));
    }

    /**
     * Creates {@code dir} (if missing) readable by its owner only: the database in it holds PHI and the token
     * signing key. Does nothing on file systems without POSIX permissions.
     */
    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
        }
    }

    /** Makes the files of the database at {@code database} (see {@link #databasePath}) readable by the owner only. */
    static void restrictFilesToOwner(Path database) throws IOException {
        if (!posix()) {
            return;
        }
        for (String suffix : FILE_SUFFIXES) {
            Path file = database.resolveSibling(database.getFileName() + suffix);
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        }
    }

    /** Makes one file readable and writable by its owner only (where the file system has POSIX permissions). */
    static void ownerOnly(Path file) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
