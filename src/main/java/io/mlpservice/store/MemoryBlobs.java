package io.mlpservice.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link Blobs} held in memory. Values are immutable or never changed after {@link #put}. */
final class MemoryBlobs<T> implements Blobs<T> {

    private final ConcurrentMap<String, T> values = new ConcurrentHashMap<>();

    @Override
    public void put(String key, T value) {
        values.put(key, value);
    }

    @Override
    public Optional<T> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public void deleteAll(String prefix) {
        values.keySet().removeIf(key -> key.startsWith(prefix + "/"));
    }
}
