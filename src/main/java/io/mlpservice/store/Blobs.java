package io.mlpservice.store;

import java.util.Optional;

/**
 * Large values by key, written whole and read whole: weights, a job's data, a checkpoint. A
 * durable implementation keeps them on disk only, so they cost no memory until read; the
 * in-memory one holds them. Reading verifies: a value whose file fails is quarantined and
 * reported as {@link CorruptFileException}.
 *
 * @param <T> the value type
 */
public interface Blobs<T> {

    /** Stores the value durably, replacing any earlier one. */
    void put(String key, T value);

    /**
     * The value, empty when there is none (or the key could never name one).
     *
     * @throws CorruptFileException when the stored value fails verification; it has been quarantined
     */
    Optional<T> get(String key);

    /** Whether a value is stored, without reading it. */
    boolean contains(String key);

    void delete(String key);

    /** Deletes every value whose key starts with {@code prefix + "/"}. */
    void deleteAll(String prefix);
}
