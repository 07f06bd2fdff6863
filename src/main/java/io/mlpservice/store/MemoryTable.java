package io.mlpservice.store;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link Table} in memory only: what the service holds when no storage directory is set. */
final class MemoryTable<T> implements Table<T> {

    private final ConcurrentMap<String, T> records = new ConcurrentHashMap<>();

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
        return records.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean replace(String key, T expected, T next) {
        return records.replace(key, expected, next);
    }

    @Override
    public Optional<T> remove(String key) {
        return Optional.ofNullable(records.remove(key));
    }
}
