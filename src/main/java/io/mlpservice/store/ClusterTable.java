package io.mlpservice.store;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Table} shared by the members of a cluster: the records live in a Hazelcast map as the
 * codec's payloads, one synchronous backup, written through to the same files a single process
 * keeps. Reads and transitions go to the map, so that every member sees a change as soon as it is
 * stored: {@link #replace} is the map's compare-and-set on the serialized bytes, and
 * {@link #update} reads the map, never the view, so that a stale view cannot make it loop. Each member also
 * keeps a view of every record, decoded, kept current by the map's entry events: it answers
 * {@link #values()} and {@link #size()} without a round trip (milliseconds behind the map), and
 * spares {@link #get} the decoding when the map's bytes are those it holds.
 * <p>
 * The view follows the events of each key in their order, applying an event only to the record
 * it replaced; an event that does not follow what the view holds (one crossed with a re-read, or
 * one lost when a member died) makes it read the key again. {@link #resync} re-reads everything.
 */
final class ClusterTable<T> implements Table<T> {

    private static final Logger log = LoggerFactory.getLogger(ClusterTable.class);
    private static final int STRIPES = 64;
    private static final AtomicLong STAMPS = new AtomicLong();

    /** A record as the view holds it: its stored bytes, decoded, and when the view took it. */
    private record Held<T>(byte[] bytes, T value, long stamp) {
    }

    private final IMap<String, byte[]> map;
    private final Codec<T> codec;
    private final ConcurrentMap<String, Held<T>> view = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[STRIPES];
    private final ChangeListeners listeners = new ChangeListeners();

    ClusterTable(IMap<String, byte[]> map, Codec<T> codec) {
        this.map = map;
        this.codec = codec;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        map.addEntryListener(new Events(), true);
        resync();
    }

    private Object lock(String key) {
        return locks[Math.floorMod(key.hashCode(), STRIPES)];
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
        Held<T> held = view.get(key);
        return Optional.of(held != null && Arrays.equals(held.bytes(), bytes) ? held.value() : codec.decode(bytes));
    }

    /** The records as this member's view holds them now (a copy: the view changes as events arrive). */
    @Override
    public Collection<T> values() {
        return view.values().stream().map(Held::value).toList();
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public boolean insert(String key, T value) {
        return map.putIfAbsent(Keys.check(key), codec.encode(value)) == null;
    }

    @Override
    public boolean replace(String key, T expected, T next) {
        Held<T> held = view.get(key);
        byte[] old = held != null && held.value().equals(expected) ? held.bytes() : codec.encode(expected);
        if (map.replace(key, old, codec.encode(next))) {
            return true;
        }
        // The bytes of an equal record can differ (another version of the code wrote it): compare the record itself.
        byte[] current = map.get(key);
        return current != null && !Arrays.equals(current, old) && codec.decode(current).equals(expected)
                && map.replace(key, current, codec.encode(next));
    }

    @Override
    public Optional<T> remove(String key) {
        if (!Keys.isValid(key)) {
            return Optional.empty();
        }
        byte[] removed = map.remove(key);
        return Optional.ofNullable(removed).map(codec::decode);
    }

    @Override
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Reads every record from the map again; what changed meanwhile through events is left as the events made it. */
    void resync() {
        Map<String, Long> before = new HashMap<>();
        view.forEach((key, held) -> before.put(key, held.stamp()));
        Map<String, byte[]> current = new HashMap<>();
        map.entrySet().forEach(entry -> current.put(entry.getKey(), entry.getValue()));
        for (Map.Entry<String, byte[]> entry : current.entrySet()) {
            String key = entry.getKey();
            synchronized (lock(key)) {
                Held<T> held = view.get(key);
                Long seen = before.get(key);
                boolean untouched = held == null ? seen == null : seen != null && seen == held.stamp();
                if (untouched && (held == null || !Arrays.equals(held.bytes(), entry.getValue()))) {
                    install(key, entry.getValue());
                }
            }
        }
        for (String key : before.keySet()) {
            if (!current.containsKey(key)) {
                synchronized (lock(key)) {
                    Held<T> held = view.get(key);
                    if (held != null && held.stamp() == before.get(key)) {
                        view.remove(key);
                        listeners.changed(key);
                    }
                }
            }
        }
    }

    /** Holds the bytes in the view, decoded, and tells the listeners; called under the key's lock. */
    private void install(String key, byte[] bytes) {
        try {
            view.put(key, new Held<>(bytes, codec.decode(bytes), STAMPS.incrementAndGet()));
        } catch (IllegalArgumentException undecodable) {
            log.warn("The record {} of {} cannot be read: {}", key, map.getName(), undecodable.getMessage());
            view.remove(key);
        }
        listeners.changed(key);
    }

    /** An event that replaced {@code old} by {@code value} (null when the record was added or removed). */
    private void apply(String key, byte[] old, byte[] value) {
        synchronized (lock(key)) {
            Held<T> held = view.get(key);
            byte[] holds = held == null ? null : held.bytes();
            if (Arrays.equals(holds, value)) {
                return;
            }
            if (Arrays.equals(holds, old)) {
                if (value == null) {
                    view.remove(key);
                    listeners.changed(key);
                } else {
                    install(key, value);
                }
                return;
            }
            byte[] now = map.get(key);
            if (now == null) {
                if (view.remove(key) != null) {
                    listeners.changed(key);
                }
            } else if (!Arrays.equals(holds, now)) {
                install(key, now);
            }
        }
    }

    private final class Events implements EntryAddedListener<String, byte[]>, EntryUpdatedListener<String, byte[]>,
            EntryRemovedListener<String, byte[]>, EntryLoadedListener<String, byte[]> {

        @Override
        public void entryAdded(EntryEvent<String, byte[]> event) {
            apply(event.getKey(), null, event.getValue());
        }

        @Override
        public void entryLoaded(EntryEvent<String, byte[]> event) {
            apply(event.getKey(), null, event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, byte[]> event) {
            apply(event.getKey(), event.getOldValue(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, byte[]> event) {
            apply(event.getKey(), event.getOldValue(), null);
        }
    }
}
