package io.mlpservice.store;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/** A {@link Table} in memory only: what the service holds when no storage directory is set. */
final class MemoryTable<T> implements Table<T> {

    private final ConcurrentMap<String, T> records = new ConcurrentHashMap<>();
    private final ChangeListeners listeners = new ChangeListeners();

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
        return changed(key, records.putIfAbsent(key, value) == null);
    }

    @Override
    public boolean replace(String key, T expected, T next) {
        return changed(key, records.replace(key, expected, next));
    }

    @Override
    public Optional<T> remove(String key) {
        Optional<T> removed = Optional.ofNullable(records.remove(key));
        changed(key, removed.isPresent());
        return removed;
    }

    @Override
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private boolean changed(String key, boolean changed) {
        if (changed) {
            listeners.changed(key);
        }
        return changed;
    }
}
