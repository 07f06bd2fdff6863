package io.mlpservice.store;

import java.util.List;

/**
 * Entries appended one after another under a key, read back by position: a training job's loss
 * history. Appends are not forced to disk one by one (they survive the process's death, which
 * leaves them in the operating system's cache); {@link #sync} forces what was appended, and the
 * training forces it with every checkpoint.
 *
 * @param <T> the entry type
 */
public interface AppendLog<T> {

    void append(String key, T value);

    /** Entries under the key; 0 when there are none. */
    long count(String key);

    /**
     * Entries {@code [from, from + limit)}, fewer at the end.
     *
     * @throws CorruptFileException when an entry fails its checksum; the log has been quarantined
     */
    List<T> read(String key, long from, int limit);

    /** Keeps the first {@code count} entries and drops the rest. */
    void truncate(String key, long count);

    /** Forces the appended entries to disk. */
    void sync(String key);

    /** No more entries will be appended for a while: frees what the appends held. */
    void release(String key);

    void delete(String key);
}
