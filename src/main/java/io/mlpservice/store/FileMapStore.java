package io.mlpservice.store;

import com.hazelcast.map.MapLoader;
import com.hazelcast.map.MapStore;
import com.hazelcast.map.MapStoreFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes a cluster map through to the files a single process keeps ({@code <dir>/<folder>/<key>.<kind>},
 * each in the {@link Envelope} format) and reads them back. Hazelcast calls it on the member that
 * owns the key's partition, so each record is written by one member. A map's value is the codec's
 * payload; the map's name says where its files lie and what they hold
 * ({@link ClusterMaps#name}), so that any member can load any map, even one its own code has not
 * opened yet. A file that fails verification is quarantined: a table leaves its record out, a
 * blob map answers a {@linkplain #quarantined marker} that carries the reason.
 */
final class FileMapStore implements MapStore<String, byte[]> {

    private static final byte[] MARKER = "mlp-service quarantined: ".getBytes(StandardCharsets.US_ASCII);

    private final StorageFiles files;
    private final Path directory;
    private final String kind;
    private final int version;
    private final boolean table;

    FileMapStore(StorageFiles files, String folder, String kind, int version, boolean table) {
        this.files = files;
        this.directory = files.root().resolve(folder);
        this.kind = kind;
        this.version = version;
        this.table = table;
    }

    /** Creates the store of each map from its name. */
    static MapStoreFactory<String, byte[]> factory(Path root) {
        StorageFiles files = new StorageFiles(root);
        return (mapName, properties) -> forMap(files, mapName, properties);
    }

    private static MapLoader<String, byte[]> forMap(StorageFiles files, String mapName, Properties ignored) {
        ClusterMaps.Name name = ClusterMaps.parse(mapName);
        return new FileMapStore(files, name.folder(), name.kind(), name.version(), name.table());
    }

    Path path(String key) {
        return directory.resolve(Keys.check(key) + "." + kind);
    }

    @Override
    public void store(String key, byte[] payload) {
        AtomicFiles.write(path(key), Envelope.wrap(kind, version, payload));
    }

    @Override
    public void storeAll(Map<String, byte[]> entries) {
        entries.forEach(this::store);
    }

    @Override
    public void delete(String key) {
        AtomicFiles.delete(path(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    @Override
    public byte[] load(String key) {
        Path file = path(key);
        try {
            return Envelope.unwrap(file, Files.readAllBytes(file), kind, version);
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (CorruptFileException e) {
            files.quarantine(e);
            return table ? null : quarantined(e.getMessage());
        }
    }

    @Override
    public Map<String, byte[]> loadAll(Collection<String> keys) {
        Map<String, byte[]> loaded = new HashMap<>();
        for (String key : keys) {
            byte[] payload = load(key);
            if (payload != null) {
                loaded.put(key, payload);
            }
        }
        return loaded;
    }

    /** A table's every record, loaded when the cluster first opens it; a blob map loads each value when asked. */
    @Override
    public Iterable<String> loadAllKeys() {
        return table ? files.keys(directory, kind) : List.of();
    }

    /** What a blob map holds in place of a value whose file was quarantined: the reason, after a fixed prefix. */
    static byte[] quarantined(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] marker = new byte[MARKER.length + text.length];
        System.arraycopy(MARKER, 0, marker, 0, MARKER.length);
        System.arraycopy(text, 0, marker, MARKER.length, text.length);
        return marker;
    }

    /**
     * The reason a marker carries, or null for a payload. No payload starts with the prefix: a JSON
     * payload starts with a brace, and a tensor pack that did would announce 762 million arrays.
     */
    static String quarantineReason(byte[] value) {
        if (value.length < MARKER.length || !java.util.Arrays.equals(value, 0, MARKER.length, MARKER, 0, MARKER.length)) {
            return null;
        }
        return new String(value, MARKER.length, value.length - MARKER.length, StandardCharsets.UTF_8);
    }
}
