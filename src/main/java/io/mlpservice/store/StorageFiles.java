package io.mlpservice.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files under the storage directory: reading and verifying them, writing them atomically,
 * listing the keys of a table, and moving a file that fails verification to
 * {@code quarantine/}, under the same relative path with the time it was moved appended.
 */
final class StorageFiles {

    private static final Logger log = LoggerFactory.getLogger(StorageFiles.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")
            .withZone(ZoneOffset.UTC);
    static final String QUARANTINE = "quarantine";

    private final Path root;

    StorageFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    <T> void write(Path file, Codec<T> codec, T value) {
        AtomicFiles.write(file, Envelope.wrap(codec.kind(), codec.version(), codec.encode(value)));
    }

    /**
     * Reads and verifies a file, then decodes it.
     *
     * @throws CorruptFileException when it fails verification or decoding
     * @throws UncheckedIOException when it cannot be read (missing included)
     */
    <T> T read(Path file, Codec<T> codec) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = Envelope.unwrap(file, bytes, codec.kind(), codec.version());
        try {
            return codec.decode(payload);
        } catch (RuntimeException e) {
            throw new CorruptFileException(file, "its content cannot be read: " + e.getMessage());
        }
    }

    /** Keys of the files {@code <directory>/<key>.<kind>}, one or two levels deep. */
    List<String> keys(Path directory, String kind) {
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return keys;
        }
        String suffix = "." + kind;
        try (Stream<Path> paths = Files.walk(directory, 2)) {
            paths.filter(Files::isRegularFile).forEach(path -> {
                String relative = directory.relativize(path).toString().replace('\\', '/');
                if (relative.endsWith(suffix) && !path.getFileName().toString().startsWith(".")) {
                    keys.add(relative.substring(0, relative.length() - suffix.length()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + directory + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** Moves the file that failed to {@code quarantine/}, with one WARN line that names it and why. */
    void quarantine(CorruptFileException e) {
        quarantine(e.file(), e.getMessage());
    }

    void quarantine(Path file, String reason) {
        Path relative = root.relativize(file);
        Path target = root.resolve(QUARANTINE).resolve(relative + "." + STAMP.format(Instant.now()));
        try {
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(file.getParent());
            log.warn("Quarantined {}: {}; moved to {}", file, reason, target);
        } catch (NoSuchFileException gone) {
            log.warn("Could not quarantine {} ({}): it is gone", file, reason);
        } catch (IOException io) {
            log.warn("Could not quarantine {} ({}): {}", file, reason, io.getMessage());
        }
    }

    /** Removes what a crash left between a temporary file's write and its rename. */
    void removeTemporaryFiles() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(AtomicFiles.TEMPORARY))
                    .filter(p -> !p.startsWith(root.resolve(QUARANTINE))).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean " + root + ": " + e.getMessage(), e);
        }
    }
}
