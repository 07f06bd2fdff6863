package io.mlpservice.store;

import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link Blobs} shared by the members of a cluster: a Hazelcast map of the codec's payloads, one
 * synchronous backup, written through to the same files a single process keeps and read from them
 * when a value is asked for that the map does not hold (the least recently used leave memory, see
 * {@link ClusterMaps}). Decoded values are not kept here: the registry keeps the weights it serves.
 */
final class ClusterBlobs<T> implements Blobs<T> {

    private final IMap<String, byte[]> map;
    private final Codec<T> codec;
    private final Path directory;

    ClusterBlobs(IMap<String, byte[]> map, Codec<T> codec, Path directory) {
        this.map = map;
        this.codec = codec;
        this.directory = directory;
    }

    private Path path(String key) {
        return directory.resolve(key + "." + codec.kind());
    }

    @Override
    public void put(String key, T value) {
        map.set(Keys.check(key), codec.encode(value));
    }

    @Override
    public Optional<T> get(String key) {
        if (!Keys.isValid(key)) {
            return Optional.empty();
        }
        byte[] bytes = map.get(key);
        if (bytes == null) {
            return Optional.empty();
        }
        String quarantined = FileMapStore.quarantineReason(bytes);
        if (quarantined != null) {
            map.evict(key);                   // the file is gone: the next read finds nothing
            throw new CorruptFileException(path(key), quarantined);
        }
        try {
            return Optional.of(codec.decode(bytes));
        } catch (RuntimeException e) {
            throw new CorruptFileException(path(key), "its content cannot be read: " + e.getMessage());
        }
    }

    @Override
    public boolean contains(String key) {
        return Keys.isValid(key) && map.containsKey(key);
    }

    @Override
    public void delete(String key) {
        if (Keys.isValid(key)) {
            map.delete(key);
        }
    }

    /** Every value under the prefix has its file (the map writes through), so the files name them all. */
    @Override
    public void deleteAll(String prefix) {
        Path folder = directory.resolve(Keys.check(prefix));
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                String name = path.getFileName().toString();
                if (Files.isRegularFile(path) && name.endsWith("." + codec.kind()) && !name.startsWith(".")) {
                    map.delete(prefix + "/" + name.substring(0, name.length() - codec.kind().length() - 1));
                }
                Files.deleteIfExists(path);
            }
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder + ": " + e.getMessage(), e);
        }
    }
}
