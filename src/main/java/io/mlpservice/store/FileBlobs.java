package io.mlpservice.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link Blobs} as one file a value, {@code <directory>/<key>.<kind>}, never held in memory here. */
final class FileBlobs<T> implements Blobs<T> {

    private final StorageFiles files;
    private final Path directory;
    private final Codec<T> codec;

    FileBlobs(StorageFiles files, String name, Codec<T> codec) {
        this.files = files;
        this.directory = files.root().resolve(name);
        this.codec = codec;
    }

    private Path path(String key) {
        return directory.resolve(Keys.check(key) + "." + codec.kind());
    }

    @Override
    public void put(String key, T value) {
        files.write(path(key), codec, value);
    }

    @Override
    public Optional<T> get(String key) {
        Path path;
        try {
            path = path(key);
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
        try {
            return Optional.of(files.read(path, codec));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Optional.empty();
            }
            throw e;
        } catch (CorruptFileException e) {
            files.quarantine(e);
            throw e;
        }
    }

    @Override
    public boolean contains(String key) {
        try {
            return Files.isRegularFile(path(key));
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    @Override
    public void delete(String key) {
        AtomicFiles.delete(path(key));
    }

    @Override
    public void deleteAll(String prefix) {
        Path folder = directory.resolve(Keys.check(prefix));
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder + ": " + e.getMessage(), e);
        }
    }
}
