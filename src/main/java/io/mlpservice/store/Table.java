package io.mlpservice.store;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Immutable records by key, changed only by atomic transitions: a record is inserted once,
 * replaced only if it is still the one the caller read (compare-and-set), and removed. What a
 * caller gets is never changed in place; a change is a new record. A durable table makes each
 * change durable before it becomes visible, so whatever a client was told has been stored.
 *
 * @param <T> the record type: an immutable value with {@code equals} by content
 */
public interface Table<T> {

    Optional<T> get(String key);

    /** Every record, in no particular order. */
    Collection<T> values();

    int size();

    /** Adds the record; false when the key is taken. */
    boolean insert(String key, T value);

    /** Replaces {@code expected} by {@code next}; false when the record is no longer {@code expected}. */
    boolean replace(String key, T expected, T next);

    /** Removes the record, whatever it is; the removed one, if there was one. */
    Optional<T> remove(String key);

    /**
     * Tells {@code listener} the key of every record inserted, replaced or removed from now on,
     * once the change is stored: the changes this process makes and, in a cluster, those of every
     * member. It runs on the thread that made the change or on a cluster event thread, sees the
     * record as {@link #values()} holds it, and must return quickly.
     */
    void onChange(Consumer<String> listener);

    /**
     * Applies {@code change} to the current record until the result is stored without a
     * concurrent change in between. {@code change} may run more than once, must not have side
     * effects, and may throw to refuse the transition; returning its argument changes nothing.
     *
     * @return the stored record after the change, or empty when there is no record at {@code key}
     */
    default Optional<T> update(String key, UnaryOperator<T> change) {
        while (true) {
            Optional<T> current = get(key);
            if (current.isEmpty()) {
                return current;
            }
            T next = change.apply(current.get());
            if (next == current.get() || replace(key, current.get(), next)) {
                return Optional.of(next);
            }
        }
    }
}
