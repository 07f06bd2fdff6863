package io.mlpservice.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * A {@link Table} held in memory for speed and written through to one file a record
 * ({@code <directory>/<key>.<kind>}, in the {@link Envelope} format). Every change is written
 * and forced to disk before it becomes visible, under a lock per key, so that the file always
 * holds the record readers see. At construction every file is read and verified; a file that
 * fails is quarantined and its record left out.
 */
final class FileTable<T> implements Table<T> {

    private static final int STRIPES = 64;

    private final Path directory;
    private final Codec<T> codec;
    private final StorageFiles files;
    private final ConcurrentMap<String, T> records = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[STRIPES];
    private final ChangeListeners listeners = new ChangeListeners();

    FileTable(StorageFiles files, String name, Codec<T> codec) {
        this.files = files;
        this.directory = files.root().resolve(name);
        this.codec = codec;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        for (String key : files.keys(directory, codec.kind())) {
            try {
                records.put(key, files.read(path(key), codec));
            } catch (CorruptFileException e) {
                files.quarantine(e);
            }
        }
    }

    private Path path(String key) {
        return directory.resolve(Keys.check(key) + "." + codec.kind());
    }

    private Object lock(String key) {
        return locks[Math.floorMod(key.hashCode(), STRIPES)];
    }

    @Override
    public Optional<T> get(String key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public Collection<T> values() {
        return Collections.unmodifiableCollection(records.values());
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public boolean insert(String key, T value) {
        synchronized (lock(key)) {
            if (records.containsKey(key)) {
                return false;
            }
            files.write(path(key), codec, value);
            records.put(key, value);
        }
        listeners.changed(key);
        return true;
    }

    @Override
    public boolean replace(String key, T expected, T next) {
        synchronized (lock(key)) {
            if (!Objects.equals(records.get(key), expected)) {
                return false;
            }
            files.write(path(key), codec, next);
            records.put(key, next);
        }
        listeners.changed(key);
        return true;
    }

    @Override
    public Optional<T> remove(String key) {
        T removed;
        synchronized (lock(key)) {
            removed = records.remove(key);
            if (removed != null) {
                AtomicFiles.delete(path(key));
            }
        }
        if (removed != null) {
            listeners.changed(key);
        }
        return Optional.ofNullable(removed);
    }

    @Override
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }
}
