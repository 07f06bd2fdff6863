package io.mlpservice.store;

import java.nio.ByteBuffer;

/**
 * A fixed-size binary form of the entries of an {@link AppendLog}, so that entry {@code i} lies at a
 * known offset and a page of entries is read without scanning the ones before it.
 *
 * @param <T> the entry type
 */
public interface RecordCodec<T> {

    /** What the log holds, one lowercase word: {@code history}. */
    String kind();

    /** The format version this codec writes, and the only one it reads. */
    int version();

    /** Bytes of one entry, the same for every entry. */
    int size();

    /** Writes exactly {@link #size()} bytes, little-endian. */
    void write(T value, ByteBuffer buffer);

    /** Reads one entry of the log at {@code key}. */
    T read(String key, ByteBuffer buffer);
}
